package org.layoutlease.scenario.compare;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.run.Runner;
import org.layoutlease.scenario.syntax.Parser;
import org.layoutlease.scenario.syntax.Scenario;

/**
 * Test support: the registered policies do not differ yet on the calls the tests can use, so a
 * difference is staged by running, per policy, a variant of the file that keeps every line number
 * (the real runner, on real transcripts; only the text differs).
 */
final class Variants {
    private Variants() {
    }

    /** The runner that runs {@code variants.get(policy)} (else the scenario itself) under {@code linux}. */
    static BiFunction<Scenario, String, RunResult> runner(Map<String, String> variants) {
        return (sc, p) -> {
            String text = variants.get(p);
            Scenario s = text == null ? sc : Parser.parse(sc.file(), text);
            assert s.lines().size() == sc.lines().size() : "a variant must keep the line numbers";
            return Runner.run(s, "linux");
        };
    }

    /** Compares {@code base} under linux, rfc-v1 and rfc-v2, with the given variants. */
    static ScenarioComparison compare(String base, Map<String, String> variants) {
        return Compare.scenario(Parser.parse("t.scn", base), List.of("linux", "rfc-v1", "rfc-v2"), runner(variants));
    }

    /** Three policies that differ: open fails under rfc-v1, the signal kills A under rfc-v2. */
    static final String BASE = """
        policy linux
        process A uid=1000
        process B uid=1000
        file /mnt/f size=16 uid=1000
        A: open("/mnt/f", O_RDWR) = 3
        A: rt_sigaction(SIGUSR1, handler) = 0
        B: kill(A, SIGUSR1) = 0
        A: --- SIGUSR1 ---
        A: close(3) = 0
        B: getpid() = B
        """;

    static final Map<String, String> DIFFERENT = Map.of(
        "rfc-v1", BASE.replace("file /mnt/f size=16 uid=1000", "file /mnt/f size=16 mode=0600"),
        "rfc-v2", BASE.replace("rt_sigaction(SIGUSR1, handler)", "rt_sigaction(SIGUSR1, SIG_DFL)"));

    /** The comparison of {@link #BASE} with {@link #DIFFERENT}. */
    static ScenarioComparison different() {
        return compare(BASE, DIFFERENT);
    }
}
