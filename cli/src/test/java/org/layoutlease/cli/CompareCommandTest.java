package org.layoutlease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.compare.ComparisonDoc;

/** {@code layoutlease compare}: formats, files it writes, exit statuses, and the generated comparison page. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private static CliHarness.Outcome cli(String... args) {
        return CliHarness.cli(args);
    }

    private Path scenario(String name, String text) throws Exception {
        return CliHarness.scenario(dir, name, text);
    }

    private static final String FIFO = """
        # A reader blocks on a FIFO until a writer opens it.
        policy linux
        process A
        process B
        A: mkfifo("/mnt/p", 0644) = 0
        A: open("/mnt/p", O_RDONLY) <unfinished ...>
        advance 2s
        B: open("/mnt/p", O_WRONLY) = 3
        A: <... open resumed>) = 3 <2.000000>
        """;

    @Test
    void everyPolicyIsAColumnByDefault() throws Exception {
        CliHarness.Outcome o = cli("compare", scenario("fifo.scn", FIFO).toString());
        assertThat(o.status()).as(o.err()).isZero();
        String head = o.out().lines().filter(l -> l.contains("line  step")).findFirst().orElseThrow();
        int at = 0;
        for (String p : Policies.names()) {
            int i = head.indexOf(p, at);
            assertThat(i).as("column %s in order", p).isGreaterThan(at);
            at = i;
        }
        assertThat(o.out()).contains("A: <... open resumed>").contains("3 <2.000000>").contains("exit 0 ok");
        assertThat(o.out()).doesNotContain("\033[");
    }

    @Test
    void policiesChooseAndOrderTheColumns() throws Exception {
        CliHarness.Outcome o = cli("compare", "--policies", "rfc-v2,linux", scenario("fifo.scn", FIFO).toString());
        assertThat(o.status()).isZero();
        String head = o.out().lines().filter(l -> l.contains("line  step")).findFirst().orElseThrow();
        assertThat(head.indexOf("rfc-v2")).isLessThan(head.indexOf("linux"));
        assertThat(head).doesNotContain("rfc-v1");
    }

    @Test
    void disagreeingWithTheFileIsNoFailure() throws Exception {
        CliHarness.Outcome o = cli("compare", scenario("wrong.scn", FIFO.replace("= 3 <2", "= 4 <2")).toString());
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("3 <2.000000> ✗").contains("exit 1 mismatch (1)");
    }

    @Test
    void badCommandLinesExitTwoWithUsage() throws Exception {
        String f = scenario("fifo.scn", FIFO).toString();
        for (String[] args : List.of(new String[] {"compare"}, new String[] {"compare", "--policies", "nope", f},
            new String[] {"compare", "--policies", "linux,linux", f}, new String[] {"compare", "--format", "yaml", f},
            new String[] {"compare", "--json", "--format", "markdown", f}, new String[] {"compare", "--color", "sometimes", f})) {
            CliHarness.Outcome o = cli(args);
            assertThat(o.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(o.err()).as(String.join(" ", args)).contains("Usage: layoutlease compare");
            assertThat(o.out()).isEmpty();
        }
        assertThat(cli("compare", "--policies", "nope", f).err()).contains("unknown policy 'nope' (known: ");
        assertThat(cli("compare", "--policies", "linux,linux", f).err()).contains("policy 'linux' is listed twice");
    }

    @Test
    void anInvalidScenarioExitsTwoWithItsPositionAndStillShowsTheComparison() throws Exception {
        Path bad = scenario("bad.scn", "process A\nA: frobnicate(3) = 0\n");
        CliHarness.Outcome o = cli("compare", bad.toString(), scenario("fifo.scn", FIFO).toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).startsWith(bad + ":2:4: unknown call 'frobnicate'");
        assertThat(o.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(o.out()).contains("invalid: " + bad + ":2:4").contains("fifo.scn");
        CliHarness.Outcome missing = cli("compare", dir.resolve("missing.scn").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("missing.scn:1:1: cannot read file");
    }

    @Test
    void aRunThatStopsUnderEveryPolicyExitsTwo() throws Exception {
        Path p = scenario("stops.scn", "process A\nA: getpid() = A\nA: close(NOPE) = 0\n");
        CliHarness.Outcome o = cli("compare", p.toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err().lines().toList()).hasSize(1).allMatch(l -> l.startsWith(p + ":3:"));
        assertThat(o.out()).contains("invalid: ");
    }

    @Test
    void markdownAndJsonFormats() throws Exception {
        String f = scenario("fifo.scn", FIFO).toString();
        CliHarness.Outcome md = cli("compare", "--format", "markdown", f);
        assertThat(md.status()).isZero();
        assertThat(md.out()).contains("# Policy comparison").contains("| | line | step | expected |")
            .contains("| `A: <... open resumed>` |");
        CliHarness.Outcome json = cli("compare", "--json", f);
        assertThat(json.status()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("scenarios").get(0).get("file").asText()).isEqualTo(f);
        assertThat(doc.get("scenarios").get(0).get("rows").size()).isEqualTo(5);
        assertThat(cli("compare", "--format", "json", f).out()).isEqualTo(json.out());
    }

    @Test
    void colourOnlyWhenAsked() throws Exception {
        String f = scenario("fifo.scn", FIFO).toString();
        assertThat(cli("compare", f).out()).doesNotContain("\033[");
        assertThat(cli("compare", "--color", "never", f).out()).doesNotContain("\033[");
        CliHarness.Outcome always = cli("compare", "--color", "always", f);
        assertThat(always.out()).contains("\033[");
        assertThat(always.out().replaceAll("\033\\[[0-9;]*m", "")).isEqualTo(cli("compare", f).out());
    }

    @Test
    void outAndHtmlWriteExactlyTheNamedFiles() throws Exception {
        Path f = scenario("fifo.scn", FIFO);
        Path report = dir.resolve("report.md");
        Path page = dir.resolve("page.html");
        Files.writeString(page, "old");
        CliHarness.Outcome o = cli("compare", "--format", "markdown", "--out", report.toString(), "--html", page.toString(), f.toString());
        assertThat(o.status()).as(o.err()).isZero();
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("wrote " + report).contains("wrote " + page);
        assertThat(Files.readString(report)).contains("# Policy comparison");
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("<svg");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("fifo.scn", "page.html", "report.md");
        }
        CliHarness.Outcome same = cli("compare", "--out", page.toString(), "--html", page.toString(), f.toString());
        assertThat(same.status()).isEqualTo(2);
        CliHarness.Outcome noDir = cli("compare", "--html", dir.resolve("nowhere/page.html").toString(), f.toString());
        assertThat(noDir.status()).isEqualTo(2);
        assertThat(noDir.err()).contains("no such directory");
    }

    @Test
    void aDirectoryStandsForItsScenariosInNameOrder() throws Exception {
        Path d = Files.createDirectory(dir.resolve("set"));
        Files.writeString(d.resolve("b-x.scn"), FIFO);
        Files.writeString(d.resolve("b.scn"), FIFO);
        Files.writeString(d.resolve("a.scn"), FIFO);
        Files.writeString(d.resolve("notes.txt"), "not a scenario");
        CliHarness.Outcome o = cli("compare", "--policies", "linux", d.toString());
        assertThat(o.status()).isZero();
        List<String> files = o.out().lines().filter(l -> l.endsWith(".scn")).toList();
        assertThat(files).containsExactly(d.resolve("a.scn").toString(), d.resolve("b-x.scn").toString(),
            d.resolve("b.scn").toString());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(cli("compare", empty.toString()).status()).isEqualTo(2);
    }

    @Test
    void helpDescribesTheCommand() {
        CliHarness.Outcome o = cli("compare", "--help");
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("Usage: layoutlease compare").contains("--policies").contains("--html");
    }

    @Test
    void theCommittedComparisonPageIsCurrent() throws Exception {
        Path docs = Path.of(System.getProperty("layoutlease.docs", "../docs"));
        Path page = docs.resolve(ComparisonDoc.PAGE);
        assertThat(page).as("generate it with " + ComparisonDoc.COMMAND).exists();
        String have = Files.readString(page, StandardCharsets.UTF_8);
        String want = ComparisonDoc.page();
        assertThat(have.equals(want)).as("%s is stale (first difference: %s): run %s", page, firstDifference(have, want),
            ComparisonDoc.COMMAND).isTrue();
    }

    private static String firstDifference(String have, String want) {
        List<String> a = have.lines().toList();
        List<String> b = want.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(end of file)";
            String y = i < b.size() ? b.get(i) : "(end of file)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + " is\n  " + x + "\nbut should be\n  " + y;
            }
        }
        return "none";
    }

    @Test
    void theComparisonCommandWritesTheSamePage() throws Exception {
        Path seed = Path.of(System.getProperty("layoutlease.scenarios", "../scenarios")).resolve("seed");
        Path out = dir.resolve("comparison.md");
        // the page names files scenarios/seed/...: run from the repository root, as the command says
        CliHarness.Outcome o = cli("compare", "--format", "markdown", "--out", out.toString(), seed.toString());
        String expected = ComparisonDoc.page().replace("scenarios/seed/", seed + "/");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(o.err()).contains("wrote " + out);
    }
}
