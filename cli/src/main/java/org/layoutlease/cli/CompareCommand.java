package org.layoutlease.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.compare.Compare;
import org.layoutlease.scenario.compare.ComparisonDoc;
import org.layoutlease.scenario.compare.HtmlReport;
import org.layoutlease.scenario.compare.JsonReport;
import org.layoutlease.scenario.compare.MarkdownReport;
import org.layoutlease.scenario.compare.ScenarioComparison;
import org.layoutlease.scenario.compare.TextReport;
import org.layoutlease.scenario.syntax.ScenarioError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code layoutlease compare FILE...}: run scenarios under several policies and show them side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Run each scenario under each policy and show the results side by side:",
        "one row per step, ≠ where the policies disagree, ✗ where a result contradicts",
        "the file, then each policy's invariant findings and exit status. A run that is",
        "invalid under a policy shows as an 'invalid: ...' cell.",
        "Exit status: 0 the comparison ran (differences are its point, not failures);",
        "2 the command line is invalid, or a scenario is unreadable or invalid under",
        "every policy (FILE:LINE:COL: message on stderr; the report is still written)."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "Scenario files (.scn); a directory stands for its *.scn files in name order.")
    List<Path> files;

    @Option(names = "--policies", split = ",", paramLabel = "NAME",
        description = "Policies to compare, in column order (default: every registered policy).")
    List<String> policies;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (default: aligned columns), markdown or json.")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--html", paramLabel = "OUT",
        description = "Also write a self-contained HTML page (comparison tables and per-policy timelines) to OUT.")
    Path html;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
        description = "Colour the text format: auto (on a terminal unless NO_COLOR is set), always or never.")
    String color;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String fmt = checkedFormat();
        checkColor();
        List<String> cols = checkedPolicies();
        if (out != null && html != null && out.toAbsolutePath().normalize().equals(html.toAbsolutePath().normalize())) {
            throw usage("--out and --html name the same file: " + out);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<ScenarioComparison> all = new ArrayList<>();
        for (Path f : expand(files)) {
            all.add(compareFile(f, cols));
        }
        String report = switch (fmt) {
            case "markdown" -> MarkdownReport.render(all);
            case "json" -> JsonReport.render(all);
            default -> TextReport.render(all, colour());
        };
        if (out != null) {
            write(out, report);
        } else {
            spec.commandLine().getOut().print(report);
            spec.commandLine().getOut().flush();
        }
        if (html != null) {
            write(html, HtmlReport.render(all));
        }
        int status = 0;
        for (ScenarioComparison c : all) {
            if (c.invalidEverywhere()) {
                c.errors().forEach(err::println);
                status = Main.USAGE;
            }
        }
        err.flush();
        return status;
    }

    private String checkedFormat() {
        String fmt = json ? "json" : format;
        if (json && !format.equals("text") && !format.equals("json")) {
            throw usage("--json contradicts --format " + format);
        }
        if (!List.of("text", "markdown", "json").contains(fmt)) {
            throw usage("unknown format '" + fmt + "' (known: text, markdown, json)");
        }
        return fmt;
    }

    private void checkColor() {
        if (!List.of("auto", "always", "never").contains(color)) {
            throw usage("unknown --color value '" + color + "' (known: auto, always, never)");
        }
    }

    private List<String> checkedPolicies() {
        if (policies == null || policies.isEmpty()) {
            return Compare.allPolicies();
        }
        List<String> cols = new ArrayList<>();
        for (String p : policies) {
            String name = p.strip();
            if (Policies.byName(name) == null) {
                throw usage("unknown policy '" + name + "' (known: " + String.join(", ", Policies.names()) + ")");
            }
            if (cols.contains(name)) {
                throw usage("policy '" + name + "' is listed twice");
            }
            cols.add(name);
        }
        if (cols.size() > Compare.MAX_POLICIES) {
            throw usage("at most " + Compare.MAX_POLICIES + " policies can be compared at once");
        }
        return cols;
    }

    /** Files as given; a directory becomes its {@code *.scn} files sorted by name. */
    private List<Path> expand(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> scn;
            try {
                scn = ComparisonDoc.scenarioFiles(p);
            } catch (java.io.UncheckedIOException e) {
                throw usage("cannot read directory " + p + ": " + e.getCause().getClass().getSimpleName());
            }
            if (scn.isEmpty()) {
                throw usage("no .scn files in directory " + p);
            }
            out.addAll(scn);
        }
        return out;
    }

    private static ScenarioComparison compareFile(Path f, List<String> cols) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Compare.failed(f.toString(),
                new ScenarioError(f.toString(), 1, 1, "cannot read file: " + e.getClass().getSimpleName()), cols);
        }
        return Compare.source(f.toString(), text, cols);
    }

    /** Colour only for the text format: always, or on a terminal when NO_COLOR is unset or empty. */
    private boolean colour() {
        if (color.equals("always")) {
            return true;
        }
        if (color.equals("never") || out != null) {
            return false;
        }
        String noColor = System.getenv("NO_COLOR");
        var console = System.console();
        return (noColor == null || noColor.isEmpty()) && console != null && console.isTerminal();
    }

    private void write(Path p, String text) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw usage("cannot write " + p + ": no such directory " + parent);
        }
        Files.writeString(p, text, StandardCharsets.UTF_8);
        spec.commandLine().getErr().println("wrote " + p);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
