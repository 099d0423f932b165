package org.layoutlease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layoutlease.scenario.explore.Explorer;

/** The explore and replay commands: outputs, exit statuses, --out, progress. */
class ExploreCommandTest {
    @TempDir
    Path dir;

    private static CliHarness.Outcome cli(String... args) {
        return CliHarness.cli(args);
    }

    private Path scenario(String name, String text) throws Exception {
        return CliHarness.scenario(dir, name, text);
    }

    /** In file order the reader waits and the writer's non-blocking open finds it; B first leaves A hanging. */
    private static final String FIFO = """
        policy linux
        process A
        process B

        A: mkfifo("/mnt/p", 0644) = 0
        A: open("/mnt/p", O_RDONLY) <unfinished ...>
        B: open("/mnt/p", O_WRONLY|O_NONBLOCK) = 3
        A: <... open resumed>) = 3
        B: write(3, "ping", 4) = 4
        A: read(3, "ping", 16) = 4
        """;

    private static final String CALM = """
        policy linux
        process A
        process B
        file /mnt/a size=8
        file /mnt/b size=8

        A: open("/mnt/a", O_RDWR) = 3
        B: open("/mnt/b", O_RDWR) = 3
        A: write(3, "a", 1) = 1
        B: write(3, "b", 1) = 1
        """;

    @Test
    void aCounterexampleExitsThreeAndIsPrintedAsARunnableScenario() throws Exception {
        Path f = scenario("fifo.scn", FIFO);
        CliHarness.Outcome o = cli("explore", f.toString());
        assertThat(o.status()).isEqualTo(3);
        assertThat(o.out()).contains("# Counterexample (hang)", "--schedule 0,1,0,1", "!!! invariant hang:",
            "B: open(\"/mnt/p\", O_WRONLY|O_NONBLOCK) = -1 ENXIO");
        assertThat(o.err()).isEmpty();
        Path cex = scenario("cex.scn", o.out());
        assertThat(cli("run", cex.toString()).status()).isZero();
        assertThat(Files.readString(f)).isEqualTo(FIFO);
    }

    @Test
    void noCounterexampleExitsZeroAndSaysWhatWasCovered() throws Exception {
        CliHarness.Outcome o = cli("explore", scenario("calm.scn", CALM).toString(), "--stats");
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("No invariant violated: every reachable state checked.", "distinct states by depth: 1 2");
        CliHarness.Outcome nr = cli("explore", scenario("calm2.scn", CALM).toString(), "--no-reduction");
        assertThat(nr.status()).isZero();
        assertThat(nr.out()).contains("without reduction", "(9 distinct)");
    }

    @Test
    void outWritesTheCounterexampleAndRefusesToOverwrite() throws Exception {
        Path f = scenario("fifo.scn", FIFO);
        Path out = dir.resolve("cex.scn");
        assertThat(cli("explore", f.toString(), "--out", out.toString()).status()).isEqualTo(3);
        String written = Files.readString(out);
        assertThat(written).contains("!!! invariant hang:");
        assertThat(cli("run", out.toString()).status()).isZero();

        Files.writeString(out, "keep me\n");
        CliHarness.Outcome again = cli("explore", f.toString(), "--out", out.toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).contains("exists; use --force");
        assertThat(Files.readString(out)).isEqualTo("keep me\n");

        assertThat(cli("explore", f.toString(), "--out", out.toString(), "--force").status()).isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo(written);

        CliHarness.Outcome self = cli("explore", f.toString(), "--out", f.toString(), "--force");
        assertThat(self.status()).isEqualTo(2);
        assertThat(self.err()).contains("is the input file");
        assertThat(Files.readString(f)).isEqualTo(FIFO);
    }

    @Test
    void invalidInputExitsTwo() throws Exception {
        CliHarness.Outcome parse = cli("explore", scenario("bad.scn", FIFO + "A: frobnicate(3)\n").toString());
        assertThat(parse.status()).isEqualTo(2);
        assertThat(parse.err()).contains("bad.scn:11:4: unknown call 'frobnicate'");
        assertThat(cli("explore", dir.resolve("missing.scn").toString()).status()).isEqualTo(2);
        Path f = scenario("fifo.scn", FIFO);
        assertThat(cli("explore", f.toString(), "--policy", "nope").status()).isEqualTo(2);
        assertThat(cli("explore", f.toString(), "--strategy", "sideways").status()).isEqualTo(2);
        assertThat(cli("explore", f.toString(), "--budget", "0").status()).isEqualTo(2);
        assertThat(cli("explore", f.toString(), "--max-depth", "-1").status()).isEqualTo(2);
        assertThat(cli("explore").status()).isEqualTo(2);
    }

    @Test
    void randomWalksPrintTheirSeedAndAreReproducible() throws Exception {
        Path f = scenario("fifo.scn", FIFO);
        CliHarness.Outcome a = cli("explore", f.toString(), "--strategy", "random", "--seed", "7", "--budget", "500");
        CliHarness.Outcome b = cli("explore", f.toString(), "--strategy", "random", "--seed", "7", "--budget", "500");
        assertThat(a.status()).isEqualTo(3);
        assertThat(a.out()).contains("random walks from seed 7", "--seed ");
        assertThat(withoutTimes(a.out())).isEqualTo(withoutTimes(b.out()));
        CliHarness.Outcome drawn = cli("explore", scenario("calm.scn", CALM).toString(), "--strategy", "random", "--budget", "5");
        assertThat(drawn.status()).isZero();
        assertThat(drawn.out()).containsPattern("random walks from seed \\d+");
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("depth (\\d+), [0-9.]+ s(, [0-9,]+ states/s)?", "depth $1");
    }

    @Test
    void replayReRunsOneSchedule() throws Exception {
        Path f = scenario("fifo.scn", FIFO);
        CliHarness.Outcome bad = cli("replay", f.toString(), "--schedule", "0,1,0,1");
        assertThat(bad.status()).isEqualTo(3);
        assertThat(bad.out()).contains("!!! invariant hang:", "= -1 ENXIO");
        CliHarness.Outcome good = cli("replay", f.toString(), "--schedule", "0,0,1,1,0");
        assertThat(good.status()).isZero();
        assertThat(good.out()).contains("A: read(3, \"ping\", 16) = 4");
        assertThat(cli("run", scenario("good.scn", good.out()).toString()).status()).isZero();

        CliHarness.Outcome walk = cli("explore", f.toString(), "--strategy", "random", "--seed", "3");
        String seedLine = walk.out().lines().filter(l -> l.contains("--seed")).filter(l -> l.startsWith("#     or:"))
            .findFirst().orElseThrow();
        String seed = seedLine.substring(seedLine.lastIndexOf(' ') + 1);
        CliHarness.Outcome byseed = cli("replay", f.toString(), "--seed", seed);
        assertThat(byseed.status()).isEqualTo(3);
        assertThat(body(byseed.out())).isEqualTo(body(walk.out()));
    }

    private static String body(String s) {
        return s.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void replayRejectsMovesThatDoNotExistOrCannotRun() throws Exception {
        Path f = scenario("fifo.scn", FIFO);
        CliHarness.Outcome missing = cli("replay", f.toString(), "--schedule", "0,9");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("move 9", "0 = A, 1 = B, 2 = timer");
        CliHarness.Outcome blocked = cli("replay", f.toString(), "--schedule", "0,0,0");
        assertThat(blocked.status()).isEqualTo(2);
        assertThat(blocked.err()).contains("not enabled");
        assertThat(cli("replay", f.toString()).status()).isEqualTo(2);
    }

    @Test
    void noProgressWhenStderrIsNotATerminal() throws Exception {
        CliHarness.Outcome o = cli("explore", scenario("calm.scn", CALM).toString(), "--strategy", "random", "--budget", "3000");
        assertThat(o.err()).isEmpty();
    }

    @Test
    void theProgressLineIsThrottledAndHonoursNoColor() {
        StringWriter sink = new StringWriter();
        AtomicLong now = new AtomicLong();
        var line = new ExploreCommand.ProgressLine(new PrintWriter(sink, true), now::get, true, false);
        var stats = new Explorer.Stats(10, 2048, 1000, 7, 5, 9000);
        line.update(stats);
        assertThat(sink.toString()).isEmpty();
        now.set(600_000_000L);
        line.update(stats);
        assertThat(sink.toString()).contains("10 schedules", "1,000 distinct states", "states/s", "depth 7")
            .doesNotContain("\033[1m");
        int length = sink.toString().length();
        now.set(900_000_000L);
        line.update(stats);
        assertThat(sink.toString()).hasSize(length);
        now.set(1_200_000_000L);
        line.update(stats);
        assertThat(sink.toString().length()).isGreaterThan(length);
        line.clear();
        assertThat(sink.toString()).endsWith("\r\033[K");

        StringWriter quiet = new StringWriter();
        var off = new ExploreCommand.ProgressLine(new PrintWriter(quiet, true), now::get, false, true);
        now.set(5_000_000_000L);
        off.update(stats);
        off.clear();
        assertThat(quiet.toString()).isEmpty();
    }
}
