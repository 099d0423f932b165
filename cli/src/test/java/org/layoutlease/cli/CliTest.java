package org.layoutlease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of SCENARIO-LANGUAGE.md §8: outputs, exit statuses, --record, --json. */
class CliTest {
    @TempDir
    Path dir;

    private static CliHarness.Outcome cli(String... args) {
        return CliHarness.cli(args);
    }

    private Path scenario(String name, String text) throws Exception {
        return CliHarness.scenario(dir, name, text);
    }

    private static final String GOOD = """
        policy linux
        process A uid=1000
        file /mnt/f size=4 uid=1000
        A: open("/mnt/f", O_RDONLY) = 3
        """;

    @Test
    void runPrintsTheTranscriptAndExitsZero() throws Exception {
        CliHarness.Outcome o = cli("run", scenario("a.scn", GOOD).toString());
        assertThat(o.status()).isZero();
        assertThat(o.out()).isEqualTo(GOOD);
    }

    @Test
    void aMismatchExitsOne() throws Exception {
        CliHarness.Outcome o = cli("run", scenario("a.scn", GOOD.replace("= 3", "= 7")).toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.out()).contains("!!! expected = 7");
    }

    @Test
    void anInvalidScenarioExitsTwoWithFileLineColumn() throws Exception {
        Path p = scenario("bad.scn", GOOD + "A: frobnicate(3) = 0\n");
        CliHarness.Outcome o = cli("run", p.toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).startsWith(p + ":5:4: unknown call 'frobnicate'");
        assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badCommandLinesExitTwoWithUsage() throws Exception {
        assertThat(cli("run").status()).isEqualTo(2);
        assertThat(cli("frob").status()).isEqualTo(2);
        CliHarness.Outcome o = cli("run", "--policy", "nope", scenario("a.scn", GOOD).toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("unknown policy 'nope'");
        CliHarness.Outcome missing = cli("run", dir.resolve("missing.scn").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.scn:1:1: cannot read file");
    }

    @Test
    void recordFillsInResultsAndIsTheOnlyWriter() throws Exception {
        Path p = scenario("r.scn", GOOD.replace(" = 3", "") + "A: close(3)\n");
        String before = Files.readString(p);
        assertThat(cli("run", p.toString()).status()).isZero();
        assertThat(Files.readString(p)).isEqualTo(before);
        assertThat(cli("run", "--record", p.toString()).status()).isZero();
        assertThat(Files.readString(p)).isEqualTo(GOOD + "A: close(3) = 0\n");
    }

    @Test
    void recordDoesNotTouchAnInvalidFile() throws Exception {
        Path p = scenario("bad.scn", GOOD + "A: close($nope) = 0\n");
        String before = Files.readString(p);
        assertThat(cli("run", "--record", p.toString()).status()).isEqualTo(2);
        assertThat(Files.readString(p)).isEqualTo(before);
    }

    @Test
    void jsonListsEvents() throws Exception {
        CliHarness.Outcome o = cli("run", "--json", scenario("a.scn", GOOD).toString());
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("\"kind\" : \"step\"").contains("\"call\" : \"open\"").contains("\"result\" : \"3\"");
    }

    @Test
    void policyOverrideChangesTheDesign() throws Exception {
        CliHarness.Outcome o = cli("run", "--policy", "rfc-v2", "--json", scenario("a.scn", GOOD).toString());
        assertThat(o.out()).contains("\"policy\" : \"rfc-v2\"");
    }

    @Test
    void anOverriddenPolicyLineIsAnnotatedAndCannotBeRecorded() throws Exception {
        Path p = scenario("o.scn", GOOD);
        String before = Files.readString(p);
        CliHarness.Outcome o = cli("run", "--policy", "rfc-v2", p.toString());
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("policy linux\n# overridden by --policy rfc-v2: this run used policy rfc-v2, not linux\n");
        assertThat(cli("run", "--policy", "linux", p.toString()).out()).doesNotContain("overridden");
        CliHarness.Outcome r = cli("run", "--record", "--policy", "rfc-v2", p.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--record cannot be combined with --policy");
        assertThat(Files.readString(p)).isEqualTo(before);
    }

    @Test
    void demoRunsAndExplains() {
        CliHarness.Outcome o = cli("demo");
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(o.out()).contains("===").contains("policy");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"run", "demo", "docs", "compare"}) {
            CliHarness.Outcome o = cli(c, "--help");
            assertThat(o.status()).isZero();
            assertThat(o.out()).contains("Usage: layoutlease " + c);
        }
    }

    @Test
    void committedReferencePagesAreCurrent() throws Exception {
        Path docs = Path.of(System.getProperty("layoutlease.docs", "../docs"));
        for (var e : DocsCommand.pages().entrySet()) {
            Path p = docs.resolve(e.getKey());
            assertThat(p).as("run ./layoutlease docs").exists();
            assertThat(Files.readString(p)).as(p + " is stale: run ./layoutlease docs").isEqualTo(e.getValue());
        }
    }
}
