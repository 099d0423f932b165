package org.layoutlease.scenario.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.Scenario;

/** The timeline inferred from a transcript: lanes, the hybrid axis, bars, signals and wake-ups. */
class TimelineTest {

    private static Timeline timeline(String text) {
        Scenario sc = Parser.parse("t.scn", text);
        return Timeline.of(sc, Runner.run(sc, "linux"));
    }

    private static Timeline.Mark mark(Timeline t, int slot) {
        return t.marks().stream().filter(m -> m.slot() == slot).findFirst().orElseThrow();
    }

    private static final String FIFO_THEN_KILL = """
        policy linux
        process A uid=1000
        process B uid=1000
        A: mkfifo("/mnt/p", 0644) = 0
        A: open("/mnt/p", O_RDONLY) <unfinished ...>
        advance 2s
        B: open("/mnt/p", O_WRONLY) = 3
        A: <... open resumed>) = 3 <2.000000>
        B: kill(A, SIGTERM) = 0
        A: --- SIGTERM ---
        A: +++ killed by SIGTERM +++
        """;

    @Test
    void lanesFollowCreationOrderWithTheirPids() {
        Timeline t = timeline(FIFO_THEN_KILL);
        assertThat(t.lanes()).extracting(Timeline.Lane::name).containsExactly("A", "B");
        assertThat(t.lanes()).extracting(Timeline.Lane::note).containsExactly("pid 1000 · uid 1000", "pid 1001 · uid 1000");
        assertThat(t.invalid()).isNull();
    }

    @Test
    void slotsFollowTheTranscriptAndCarryVirtualTime() {
        Timeline t = timeline(FIFO_THEN_KILL);
        assertThat(t.slots()).containsExactly(0L, 0L, 2_000_000_000L, 2_000_000_000L, 2_000_000_000L, 2_000_000_000L,
            2_000_000_000L, 2_000_000_000L);
        assertThat(t.marks()).extracting(Timeline.Mark::kind).containsExactly(Timeline.MarkKind.STEP,
            Timeline.MarkKind.BLOCKS, Timeline.MarkKind.ADVANCE, Timeline.MarkKind.STEP, Timeline.MarkKind.RESUMED,
            Timeline.MarkKind.STEP, Timeline.MarkKind.SIGNAL, Timeline.MarkKind.KILLED);
        assertThat(mark(t, 1).label()).isEqualTo("open");
        assertThat(mark(t, 4).sublabel()).isEqualTo("3");
        assertThat(mark(t, 2).lane()).isEqualTo(Timeline.KERNEL);
    }

    @Test
    void aBlockedCallIsABarWokenByTheStepThatReleasedIt() {
        Timeline t = timeline(FIFO_THEN_KILL);
        assertThat(t.bars()).containsExactly(new Timeline.Bar("A", 1, 4, "open", 2_000_000_000L, false));
        Timeline.Arrow wake = t.arrows().stream().filter(a -> a.kind() == Timeline.ArrowKind.WAKE).findFirst().orElseThrow();
        assertThat(wake.fromLane()).isEqualTo("B");
        assertThat(wake.fromSlot()).isEqualTo(3);
        assertThat(wake.toLane()).isEqualTo("A");
        assertThat(wake.toSlot()).isEqualTo(4);
    }

    @Test
    void aSignalComesFromTheKillThatNamedIt() {
        Timeline t = timeline(FIFO_THEN_KILL);
        Timeline.Arrow sig = t.arrows().stream().filter(a -> a.kind() == Timeline.ArrowKind.SIGNAL).findFirst().orElseThrow();
        assertThat(sig).isEqualTo(new Timeline.Arrow(Timeline.ArrowKind.SIGNAL, 5, "B", 6, "A",
            "SIGTERM to A, sent by B: kill(A, SIGTERM) = 0"));
        assertThat(t.ends()).containsEntry("A", 7).doesNotContainKey("B");
        assertThat(mark(t, 7).sublabel()).isEqualTo("SIGTERM");
    }

    @Test
    void aTimeoutIsWokenByTheKernelAndAHangStaysOpen() {
        Timeline t = timeline("""
            policy linux
            process A
            process C
            A: fork() = K
            C: rt_sigprocmask(SIG_BLOCK, [SIGUSR1]) = 0
            C: rt_sigtimedwait([SIGUSR1], 1) <unfinished ...>
            C: <... rt_sigtimedwait resumed>) = -1 EAGAIN <1.000000>
            A: mkfifo("/mnt/p", 0644) = 0
            A: open("/mnt/p", O_WRONLY) <unfinished ...>
            """);
        assertThat(t.lanes()).extracting(Timeline.Lane::name).containsExactly("A", "C", "K");
        assertThat(t.lanes().get(2).note()).isEqualTo("fork of A · pid 1002");
        assertThat(t.lanes()).extracting(Timeline.Lane::startSlot).containsExactly(-1, -1, 0);
        assertThat(t.arrows()).contains(new Timeline.Arrow(Timeline.ArrowKind.SPAWN, 0, "A", 0, "K", "A: fork() = K"));
        Timeline.Arrow wake = t.arrows().stream().filter(a -> a.kind() == Timeline.ArrowKind.WAKE).findFirst().orElseThrow();
        assertThat(wake.fromLane()).isEqualTo(Timeline.KERNEL);
        assertThat(wake.toLane()).isEqualTo("C");
        Timeline.Bar hang = t.bars().stream().filter(b -> b.lane().equals("A")).findFirst().orElseThrow();
        assertThat(hang.to()).isEqualTo(-1);
        assertThat(hang.hang()).isTrue();
        assertThat(t.marks().getLast().kind()).isEqualTo(Timeline.MarkKind.INVARIANT);
        assertThat(t.marks().getLast().label()).isEqualTo("hang");
    }

    @Test
    void anInvalidRunEndsWithAnInvalidMark() {
        Timeline t = timeline("process A\nA: getpid() = A\nA: close(NOPE) = 0\n");
        assertThat(t.invalid()).startsWith("t.scn:3:");
        assertThat(t.marks().getLast().kind()).isEqualTo(Timeline.MarkKind.INVALID);
        assertThat(t.marks().getLast().sublabel()).isEqualTo("line 3");
    }

    @Test
    void aContradictionIsNotedOnItsMark() {
        Timeline t = timeline("process A\nA: getpid() = 7\n");
        assertThat(t.marks().getFirst().notes()).containsExactly("= 7");
    }

    @Test
    void gapsGrowWithTheTimeTheyStandFor() {
        double us = TimelineSvg.gapWidth(2_000);
        double ms = TimelineSvg.gapWidth(500_000_000L);
        double s45 = TimelineSvg.gapWidth(45_000_000_000L);
        assertThat(us).isLessThan(ms);
        assertThat(ms).isLessThan(s45);
        assertThat(s45).isLessThanOrEqualTo(120);
        assertThat(List.of(Timeline.Render.seconds(0), Timeline.Render.seconds(2_000_000_000L),
            Timeline.Render.seconds(1_500_000_000L), Timeline.Render.seconds(300_000_000L), Timeline.Render.seconds(2_000)))
            .containsExactly("0 s", "2 s", "1.5 s", "300 ms", "2 µs");
    }
}
