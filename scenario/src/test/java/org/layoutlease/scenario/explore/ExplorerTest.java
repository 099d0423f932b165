package org.layoutlease.scenario.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.syntax.Parser;

/** The explorer's contract on small scenarios that need only the foundation kernel (FIFOs, signals, fork). */
class ExplorerTest {

    static Plan plan(String text) {
        return Plan.of(Parser.parse("t.scn", text), null);
    }

    static Explorer.Outcome exhaustive(Plan p, boolean reduction) {
        return Explorer.explore(p, new Explorer.Options(Explorer.Strategy.EXHAUSTIVE, 0, 10_000_000, 1000, reduction), null);
    }

    /** A reader blocks in open until a writer comes; the writer opens non-blocking (ENXIO without a reader). */
    static final String FIFO = """
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

    /** Three processes, each three independent steps on its own file: every order commutes. */
    static final String INDEPENDENT = """
        policy linux
        process A
        process B
        process C
        file /mnt/a size=8
        file /mnt/b size=8
        file /mnt/c size=8

        A: open("/mnt/a", O_RDWR) = $a
        A: write($a, "x", 1)
        A: fstat($a, ?)
        B: open("/mnt/b", O_RDWR) = $b
        B: write($b, "y", 1)
        B: fstat($b, ?)
        C: open("/mnt/c", O_RDWR) = $c
        C: write($c, "z", 1)
        C: fstat($c, ?)
        """;

    // ------------------------------------------------------------------ programs

    @Test
    void programsAreTheStepsOfEachProcessInFileOrderWithResultsStripped() {
        Plan p = plan(FIFO);
        assertThat(p.programs()).extracting(Plan.Program::name).containsExactly("A", "B");
        assertThat(p.programs().get(0).ops()).hasSize(3);
        assertThat(p.programs().get(1).ops()).hasSize(2);
        assertThat(p.timerMove()).isEqualTo(2);
        assertThat(p.moveName(2)).isEqualTo("timer");
        assertThat(p.policy()).isEqualTo("linux");
        assertThat(p.setup()).hasSize(2);
    }

    @Test
    void aBindingOnAResumedLineMovesToTheCallThatBlocked() {
        Plan p = plan("""
            policy linux
            process A
            process B
            A: mkfifo("/mnt/p", 0644) = 0
            A: open("/mnt/p", O_RDONLY) <unfinished ...>
            B: open("/mnt/p", O_WRONLY) = 3
            A: <... open resumed>) = $fd
            A: read($fd, ?, 4)
            """);
        Plan.Call open = (Plan.Call) p.programs().get(0).ops().get(1);
        assertThat(open.bindVar()).isEqualTo("fd");
        assertThat(p.programs().get(0).ops()).hasSize(3);
        assertThat(((Plan.Call) p.programs().get(0).ops().get(2)).needsVars()).containsExactly("fd");
    }

    @Test
    void laterDirectivesFormTheWorldProgramAndCatAndObservationsAreDropped() {
        Plan p = plan("""
            policy linux
            process A
            A: getpid()
            cat /proc/locks
            advance 1s
            A: --- SIGUSR1 ---
            sysctl fs.lease-break-time=3
            A: gettid()
            !!! invariant hang: nothing
            """);
        assertThat(p.programs()).extracting(Plan.Program::name).containsExactly("A", "world");
        assertThat(p.programs().get(1).ops()).hasSize(2);
        assertThat(p.programs().get(0).ops()).hasSize(2);
    }

    @Test
    void aForkedChildIsItsOwnProgram() {
        Plan p = plan("""
            policy linux
            process A
            A: fork() = C
            C: getpid()
            A: getpid()
            """);
        assertThat(p.programs()).extracting(Plan.Program::name).containsExactly("A", "C");
        Machine m = Machine.boot(p, false);
        assertThat(m.enabledMask()).isEqualTo(0b001);
        m.execute(0);
        assertThat(m.enabledMask()).isEqualTo(0b011);
    }

    // ------------------------------------------------------------------ enumeration

    @Test
    void aStepWaitsForTheStepThatBindsItsVariable() {
        Plan p = plan("""
            policy linux
            process A
            process B
            file /mnt/f size=8
            A: open("/mnt/f", O_RDONLY) = $fd
            B: lseek($fd, 0, SEEK_SET)
            """);
        Machine m = Machine.boot(p, false);
        assertThat(m.enabledMask()).isEqualTo(0b01);
        m.execute(0);
        assertThat(m.enabledMask()).isEqualTo(0b10);
    }

    @Test
    void aBlockedProcessCannotMoveUntilWokenAndFailedBindingsDisableWhatNeedsThem() {
        Plan p = plan(FIFO);
        Machine m = Machine.boot(p, false);
        m.execute(0);
        m.execute(0);
        assertThat(m.kernel().task(1000).isBlocked()).isTrue();
        assertThat(m.enabledMask()).isEqualTo(0b10);
        m.execute(1);
        assertThat(m.enabledMask()).isEqualTo(0b11);
        assertThat(m.depth()).isEqualTo(3);
    }

    @Test
    void everyScheduleKeepsProgramOrder() {
        Plan p = plan(INDEPENDENT);
        List<byte[]> all = Naive.schedules(p, 20);
        assertThat(all).hasSize(1680); // 9! / (3! 3! 3!)
        for (byte[] s : all) {
            int[] seen = new int[3];
            for (byte move : s) {
                seen[move]++;
            }
            assertThat(seen).containsExactly(3, 3, 3);
        }
    }

    // ------------------------------------------------------------------ search

    @Test
    void hashingPrunesInterleavingsThatReachTheSameState() {
        Explorer.Outcome o = exhaustive(plan(INDEPENDENT), false);
        assertThat(o.counterexample()).isNull();
        assertThat(o.complete()).isTrue();
        assertThat(o.stats().distinct()).isEqualTo(64); // 4 * 4 * 4 program positions
        assertThat(o.stats().states()).isLessThan(1680);
        assertThat(o.distinctByDepth()).containsExactly(1, 3, 6, 10, 12, 12, 10, 6, 3, 1);
    }

    @Test
    void theReductionSkipsCommutingOrdersButReachesEveryState() {
        Explorer.Outcome without = exhaustive(plan(INDEPENDENT), false);
        Explorer.Outcome with = exhaustive(plan(INDEPENDENT), true);
        assertThat(with.stats().distinct()).isEqualTo(without.stats().distinct());
        assertThat(with.stats().states()).isLessThan(without.stats().states());
        assertThat(with.stats().states()).isEqualTo(64); // the root, then one move into every other state
    }

    @Test
    void reductionAndHashingReachExactlyTheStatesEveryInterleavingReaches() {
        for (String text : List.of(FIFO, INDEPENDENT, SIGNALS, FORKS)) {
            Plan p = plan(text);
            Set<Long> naive = Naive.states(p, 40);
            Set<Long> reduced = reached(p, true);
            assertThat(reduced).as(text).isEqualTo(naive);
            assertThat(reached(p, false)).as(text).isEqualTo(naive);
        }
    }

    /** Process B's kill races A's signal wait and its timeout. */
    static final String SIGNALS = """
        policy linux
        process A
        process B

        A: rt_sigprocmask(SIG_BLOCK, [SIGUSR1]) = 0
        A: rt_sigtimedwait([SIGUSR1], 5) <unfinished ...>
        B: kill(A, SIGUSR1) = 0
        A: <... rt_sigtimedwait resumed>) = SIGUSR1
        A: getpid()
        B: getpid()
        """;

    /** A child's steps interleave with its parent's and a third process's. */
    static final String FORKS = """
        policy linux
        process A
        process B
        file /mnt/f size=8

        A: open("/mnt/f", O_RDWR) = $fd
        A: fork() = C
        C: write($fd, "c", 1)
        A: write($fd, "a", 1)
        B: open("/mnt/f", O_RDONLY) = $r
        B: read($r, ?, 8)
        C: exit_group(0)
        """;

    /** Every state hash the explorer reaches (through replays of its recorded tree). */
    private static Set<Long> reached(Plan p, boolean reduction) {
        Set<Long> out = new HashSet<>();
        Explorer.Options o = new Explorer.Options(Explorer.Strategy.EXHAUSTIVE, 0, 1_000_000, 1000, reduction);
        Explorer.exploreVisiting(p, o, out::add);
        return out;
    }

    @Test
    void theFirstCounterexampleIsAShortestOne() {
        Plan p = plan(FIFO);
        Explorer.Outcome o = exhaustive(p, true);
        Counterexample c = o.counterexample();
        assertThat(c).isNotNull();
        assertThat(c.invariantNames()).containsExactly("hang");
        assertThat(c.schedule()).hasSize(Naive.shortestViolation(p, 20));
        assertThat(c.schedule()).containsExactly(0, 1, 0, 1);
    }

    @Test
    void aCounterexampleIsARunnableScenarioThatReproducesTheFinding() {
        Counterexample c = exhaustive(plan(FIFO), true).counterexample();
        String text = c.scenarioText("t.scn");
        assertThat(text).contains("B: open(\"/mnt/p\", O_WRONLY|O_NONBLOCK)\n", "A: open(\"/mnt/p\", O_RDONLY) <unfinished ...>\n",
            "!!! invariant hang: A (1000) waits in open");
        assertThat(c.run(text).status()).isEqualTo(RunResult.OK);
        String bare = text.lines().filter(l -> !l.startsWith("!!!")).reduce("", (a, b) -> a + b + "\n");
        assertThat(c.run(bare).status()).isEqualTo(RunResult.INVARIANT);
        String transcript = c.transcript("t.scn").orElseThrow();
        assertThat(transcript).contains("= -1 ENXIO", "!!! invariant hang:");
        assertThat(c.run(transcript).status()).isEqualTo(RunResult.OK);
    }

    @Test
    void aRaceFreeScenarioHasNoCounterexampleAndTheSearchIsComplete() {
        Explorer.Outcome o = exhaustive(plan(SIGNALS), true);
        assertThat(o.counterexample()).isNull();
        assertThat(o.complete()).isTrue();
    }

    @Test
    void theTimerMoveLetsADeadlinePassAtAnyPoint() {
        Plan p = plan(SIGNALS);
        // A waits, the timer fires (EAGAIN), then B's kill finds SIGUSR1 blocked: it stays pending.
        Counterexample c = Counterexample.ofSchedule(p, new byte[] {0, 0, 2, 1, 0, 1});
        String text = c.scenarioText("t.scn");
        assertThat(text).contains("advance 5s  # to the next deadline\nA: <... rt_sigtimedwait resumed>)\n");
        var r = c.run(text);
        assertThat(r.status()).isEqualTo(RunResult.OK);
        assertThat(r.text()).contains("A: <... rt_sigtimedwait resumed>) = -1 EAGAIN");
    }

    @Test
    void aDepthBoundMakesTheSearchIncompleteAndTheBudgetStopsIt() {
        Plan p = plan(INDEPENDENT);
        var o = Explorer.explore(p, new Explorer.Options(Explorer.Strategy.EXHAUSTIVE, 0, 1_000_000, 4, true), null);
        assertThat(o.complete()).isFalse();
        assertThat(o.limit()).isEqualTo("depth");
        var b = Explorer.explore(p, new Explorer.Options(Explorer.Strategy.EXHAUSTIVE, 0, 10, 100, true), null);
        assertThat(b.limit()).isEqualTo("budget");
        assertThat(b.stats().states()).isLessThanOrEqualTo(10 + 3);
    }

    @Test
    void progressIsReportedWithoutAClock() {
        List<Explorer.Stats> seen = new ArrayList<>();
        Plan p = plan(INDEPENDENT);
        Explorer.explore(p, new Explorer.Options(Explorer.Strategy.RANDOM, 1, 3000, 100, true), seen::add);
        assertThat(seen).isNotEmpty();
        assertThat(seen.getLast().states()).isPositive();
    }

    // ------------------------------------------------------------------ random and replay

    @Test
    void randomWalksAreReproducibleFromTheirSeed() {
        Plan p = plan(FIFO);
        var o1 = Explorer.explore(p, new Explorer.Options(Explorer.Strategy.RANDOM, 42, 1000, 100, true), null);
        var o2 = Explorer.explore(p, new Explorer.Options(Explorer.Strategy.RANDOM, 42, 1000, 100, true), null);
        assertThat(o1.counterexample()).isNotNull();
        assertThat(o1.counterexample().scheduleText()).isEqualTo(o2.counterexample().scheduleText());
        assertThat(o1.stats()).isEqualTo(o2.stats());
        long seed = o1.counterexample().seed().orElseThrow();
        assertThat(Explorer.walkSchedule(p, new byte[0], seed, 100, Set.of())).isEqualTo(o1.counterexample().schedule());
    }

    @Test
    void replayReproducesTheCounterexample() {
        Plan p = plan(FIFO);
        Counterexample found = exhaustive(p, true).counterexample();
        Counterexample again = Counterexample.ofSchedule(p, found.schedule());
        assertThat(again.invariantNames()).containsExactly("hang");
        assertThat(again.scenarioText("t.scn").lines().filter(l -> !l.startsWith("#")).toList())
            .isEqualTo(found.scenarioText("t.scn").lines().filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void onlyTheChosenInvariantsCountAsFindings() {
        Plan p = plan(FIFO);
        var only = new Explorer.Options(Explorer.Strategy.EXHAUSTIVE, 0, 100_000, 100, true, Set.of("silent-revoke"));
        Explorer.Outcome o = Explorer.explore(p, only, null);
        assertThat(o.counterexample()).isNull();
        assertThat(o.complete()).isTrue();
        var hang = new Explorer.Options(Explorer.Strategy.EXHAUSTIVE, 0, 100_000, 100, true, Set.of("hang"));
        assertThat(Explorer.explore(p, hang, null).counterexample().invariantNames()).containsExactly("hang");
    }

    @Test
    void aMoveThatIsNotEnabledIsRefusedOnReplay() {
        Plan p = plan(FIFO);
        assertThatThrownBy(() -> Machine.replay(p, new byte[] {0, 0, 0}, 3, false))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("not enabled");
    }

    @Test
    void aLineTheModelCannotRunIsAnExploreError() {
        Plan p = plan("""
            policy linux
            process A
            A: open("/mnt/f", O_RDONLY) = $fd
            A: mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0)
            A: ibv_alloc_pd(3)
            """);
        // Whatever the model does not implement yet must surface as invalid input, not a crash.
        try {
            exhaustive(p, true);
        } catch (ExploreError e) {
            assertThat(e.error().getMessage()).startsWith("t.scn:");
        }
    }

    // ------------------------------------------------------------------ a naive reference

    /** Every interleaving, no pruning: the reference the explorer is checked against. */
    static final class Naive {
        static List<byte[]> schedules(Plan p, int maxDepth) {
            List<byte[]> out = new ArrayList<>();
            walk(p, new byte[0], maxDepth, s -> { }, out);
            return out;
        }

        static Set<Long> states(Plan p, int maxDepth) {
            Set<Long> out = new HashSet<>();
            walk(p, new byte[0], maxDepth, out::add, new ArrayList<>());
            return out;
        }

        /** The length of the shortest schedule that ends in an invariant violation. */
        static int shortestViolation(Plan p, int maxDepth) {
            for (int d = 0; d <= maxDepth; d++) {
                if (violatesAt(p, new byte[0], d)) {
                    return d;
                }
            }
            return -1;
        }

        private static boolean violatesAt(Plan p, byte[] prefix, int d) {
            Machine m = Machine.replay(p, prefix, prefix.length, false);
            if (prefix.length == d) {
                return !m.invariants().isEmpty() || !m.endInvariants().isEmpty();
            }
            if (!m.invariants().isEmpty()) {
                return false;
            }
            long mask = m.enabledMask();
            for (int move = 0; move < 64; move++) {
                if ((mask & (1L << move)) != 0) {
                    byte[] next = Arrays.copyOf(prefix, prefix.length + 1);
                    next[prefix.length] = (byte) move;
                    if (violatesAt(p, next, d)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static void walk(Plan p, byte[] prefix, int maxDepth, java.util.function.LongConsumer states,
                                 List<byte[]> complete) {
            Machine m = Machine.replay(p, prefix, prefix.length, false);
            states.accept(m.stateHash());
            long mask = m.enabledMask();
            if (mask == 0 || prefix.length == maxDepth || !m.invariants().isEmpty()) {
                complete.add(prefix);
                return;
            }
            for (int move = 0; move < 64; move++) {
                if ((mask & (1L << move)) != 0) {
                    byte[] next = Arrays.copyOf(prefix, prefix.length + 1);
                    next[prefix.length] = (byte) move;
                    walk(p, next, maxDepth, states, complete);
                }
            }
        }
    }
}
