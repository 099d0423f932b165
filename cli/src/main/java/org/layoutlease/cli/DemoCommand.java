package org.layoutlease.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.layoutlease.scenario.compare.Compare;
import org.layoutlease.scenario.compare.TextReport;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Parser;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code layoutlease demo}: tells the seed message's story on the simulated kernel. Each part
 * shows one design's transcript, then every design side by side.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Tell the story of the 2019 proposal on the simulated kernel: an RDMA registration on",
        "an FS-DAX file under an exclusive layout lease, the zombie lease, and the single-process",
        "context of lease signals; each under the posted design, then every design side by side."})
public final class DemoCommand implements Callable<Integer> {

    /** One part of the story: a built-in scenario, the design whose transcript is shown, what to look for. */
    record Part(String resource, String shownPolicy, String title, String explanation) {
    }

    static final List<Part> PARTS = List.of(
        new Part("demo/seed-story.scn", "rfc-v2", "1. Pinning FS-DAX pages under an exclusive layout lease",
            """
            Process A maps a file on persistent memory and registers it with an RDMA device:
            the device will write straight into the file's blocks. Under the August 2019
            design (rfc-v2) A must first take an exclusive layout lease; then B's truncate
            fails with ETXTBSY instead of freeing blocks under the device. A then unmaps and
            closes the file: the pins keep the lease alive (the "zombie" lease) and
            /proc/A/file_pins shows who holds them. Only deregistering the MR lets B truncate.
            Upstream Linux refuses the registration (EOPNOTSUPP); the June design (rfc-v1)
            has no exclusive leases, so the registration fails with EPERM."""),
        new Part("demo/one-process-context.scn", "rfc-v2", "2. One process context for lease signals",
            """
            Dave Chinner's objection in the seed thread: a lease belongs to an open file that
            fork, dup and SCM_RIGHTS share, but its break signal reaches only the process
            that took it, with that process's descriptor number. Here A takes a plain layout
            lease and forks C; when D truncates, only A is signalled, although C holds the
            same lease and can release it."""));

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
            out.println();
            out.println("--- the transcript under " + p.shownPolicy() + " ---");
            RunResult r = Runner.run(Parser.parse(p.resource(), text), p.shownPolicy());
            out.print(r.text());
            if (r.error() != null) {
                spec.commandLine().getErr().println(r.error().getMessage());
                status = RunResult.INVALID;
            }
            out.println();
            out.println("--- every design side by side (≠ marks the lines where they differ) ---");
            out.print(TextReport.render(List.of(Compare.source(p.resource(), text, Compare.allPolicies())), false));
            out.println();
        }
        out.println("Run your own: ./layoutlease run FILE.scn; compare designs: ./layoutlease compare FILE.scn");
        return status;
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
