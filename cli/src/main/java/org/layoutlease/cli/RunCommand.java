package org.layoutlease.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.run.TranscriptEntry;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.Scenario;
import org.layoutlease.scenario.syntax.ScenarioError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layoutlease run FILE...}: execute scenarios and print their transcripts. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run scenario files and print each transcript with every result filled in.",
        "Exit status: 0 all checks held; 1 a stated result, signal, exit or cat line did not match;",
        "2 the scenario or command line is invalid; 3 an unexpected invariant violation."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (.scn).")
    List<Path> files;

    @Option(names = "--policy", paramLabel = "NAME", description = "Run under this design instead of the file's policy.")
    String policy;

    @Option(names = "--json", description = "Print a machine-readable event list instead of the transcript.")
    boolean json;

    @Option(names = "--record", description = "Rewrite each file with every result filled in (the only option that writes; not with --policy).")
    boolean record;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (policy != null && Policies.byName(policy) == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "unknown policy '" + policy + "' (known: " + String.join(", ", Policies.names()) + ")");
        }
        if (policy != null && record) {
            // The recorded results would belong to another design than the file's policy line.
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--record cannot be combined with --policy: change the file's policy line and record that");
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int status = 0;
        List<Object> jsonRuns = new ArrayList<>();
        for (Path f : files) {
            RunResult r = runFile(f, err, policy);
            status = Math.max(status, severity(r.status()));
            if (json) {
                jsonRuns.add(toJson(r));
            } else {
                if (files.size() > 1) {
                    out.println("==> " + f + " <==");
                }
                out.print(r.text());
                out.flush();
            }
            if (r.error() != null) {
                err.println(r.error().getMessage());
            } else if (record) {
                Files.writeString(f, recorded(r), StandardCharsets.UTF_8);
            }
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(jsonRuns));
        }
        return fromSeverity(status);
    }

    /** Reads and runs one file; an unreadable file is an invalid command line (status 2). */
    static RunResult runFile(Path f, java.io.PrintWriter err, String policy) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return new RunResult(f.toString(), null, List.of(), List.of(), RunResult.INVALID,
                new ScenarioError(f.toString(), 1, 1, "cannot read file: " + e.getClass().getSimpleName()));
        }
        try {
            Scenario sc = Parser.parse(f.toString(), text);
            return Runner.run(sc, policy);
        } catch (ScenarioError e) {
            return new RunResult(f.toString(), null, List.of(), List.of(), RunResult.INVALID, e);
        }
    }

    /** Exit statuses ordered by severity: invalid > invariant > mismatch > ok. */
    static int severity(int status) {
        return switch (status) {
            case RunResult.INVALID -> 3;
            case RunResult.INVARIANT -> 2;
            case RunResult.MISMATCH -> 1;
            default -> 0;
        };
    }

    static int fromSeverity(int severity) {
        return switch (severity) {
            case 3 -> RunResult.INVALID;
            case 2 -> RunResult.INVARIANT;
            case 1 -> RunResult.MISMATCH;
            default -> RunResult.OK;
        };
    }

    private static String recorded(RunResult r) {
        StringBuilder sb = new StringBuilder();
        for (TranscriptEntry e : r.entries()) {
            if (!e.kind().equals("mismatch")) {
                sb.append(e.text()).append('\n');
            }
        }
        return sb.toString();
    }

    static Map<String, Object> toJson(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("policy", r.policy());
        m.put("status", r.status());
        if (r.error() != null) {
            m.put("error", r.error().getMessage());
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (TranscriptEntry e : r.entries()) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("line", e.inputLine());
            ev.put("kind", e.kind());
            if (e.proc() != null) {
                ev.put("proc", e.proc());
            }
            if (e.call() != null) {
                ev.put("call", e.call());
            }
            if (e.result() != null) {
                ev.put("result", e.result());
            }
            ev.put("time_ns", e.nanos());
            ev.put("text", e.text());
            events.add(ev);
        }
        m.put("events", events);
        return m;
    }
}
