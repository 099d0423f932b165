package org.layoutlease.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Parser;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code layoutlease demo}: runs the built-in story and explains what the transcript shows. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the built-in demonstration scenarios and explain what the transcript shows.")
public final class DemoCommand implements Callable<Integer> {

    /** One part of the demonstration: a scenario resource, the policies to run it under, and what to look for. */
    record Part(String resource, List<String> policies, String title, String explanation) {
    }

    static final List<Part> PARTS = List.of(
        new Part("demo/foundation.scn", List.of("linux"), "The simulated kernel",
            """
            Two processes share a file on a tmpfs root. Each line is a system call as strace
            prints it; the simulator fills in every result. Nothing here is timed on a real
            machine: time is virtual, so the same file gives the same transcript every run.
            Look for: descriptor numbers chosen lowest-first, a handler catching SIGUSR1, a
            signal wait that times out after exactly 2 virtual seconds, and a default SIGTERM
            killing a process."""));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        int status = 0;
        for (Part p : PARTS) {
            String text = resource(p.resource());
            out.println("=== " + p.title() + " ===");
            out.println(p.explanation().strip());
            for (String policy : p.policies()) {
                out.println();
                out.println("--- policy " + policy + " ---");
                RunResult r = Runner.run(Parser.parse(p.resource(), text), policy);
                out.print(r.text());
                if (r.error() != null) {
                    spec.commandLine().getErr().println(r.error().getMessage());
                }
                status = Math.max(status, RunCommand.severity(r.status()));
            }
            out.println();
        }
        out.println("Run your own: ./layoutlease run FILE.scn   (see docs/ for the language and the CLI)");
        return RunCommand.fromSeverity(status);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing built-in scenario " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
