package org.layoutlease.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.layoutlease.scenario.syntax.Parser;

/** The runner's contract (SCENARIO-LANGUAGE.md §5, §6, §8) on small inline scenarios. */
class RunnerTest {

    private static RunResult run(String text) {
        return Runner.run(Parser.parse("t.scn", text), null);
    }

    private static final String SETUP = """
        policy linux
        process A uid=1000
        file /mnt/f size=16 uid=1000
        """;

    @Test
    void statedResultsThatHoldGiveStatusZeroAndEchoTheInput() {
        String text = SETUP + "A: open(\"/mnt/f\", O_RDWR) = 3\nA: close(3) = 0\n";
        RunResult r = run(text);
        assertThat(r.status()).isEqualTo(RunResult.OK);
        assertThat(r.text()).isEqualTo(text);
    }

    @Test
    void missingResultsAreFilledIn() {
        RunResult r = run(SETUP + "A: open(\"/mnt/nope\", O_RDONLY)\nA: open(\"/mnt/f\", O_RDONLY)\n");
        assertThat(r.status()).isEqualTo(RunResult.OK);
        assertThat(r.transcript()).contains("A: open(\"/mnt/nope\", O_RDONLY) = -1 ENOENT (No such file or directory)",
            "A: open(\"/mnt/f\", O_RDONLY) = 3");
    }

    @Test
    void aWrongResultIsMarkedAndGivesStatusOne() {
        RunResult r = run(SETUP + "A: open(\"/mnt/f\", O_RDWR) = 4\n");
        assertThat(r.status()).isEqualTo(RunResult.MISMATCH);
        assertThat(r.transcript()).containsSequence("A: open(\"/mnt/f\", O_RDWR) = 3", "!!! expected = 4");
    }

    @Test
    void aRunTimeErrorIsInvalidWithItsPosition() {
        RunResult r = run(SETUP + "A: open(\"/mnt/f\", O_RDWR) = 3\nA: close($fd) = 0\n".replace("$fd", "NOT_A_CONSTANT"));
        assertThat(r.status()).isEqualTo(RunResult.INVALID);
        assertThat(r.error().getMessage()).startsWith("t.scn:5:");
    }

    @Test
    void aStepForABlockedTaskIsInvalid() {
        RunResult r = run(SETUP + "A: rt_sigtimedwait([SIGUSR1], 5) <unfinished ...>\nA: getpid() = A\n");
        assertThat(r.status()).isEqualTo(RunResult.INVALID);
        assertThat(r.error().getMessage()).contains("blocked in rt_sigtimedwait");
    }

    @Test
    void unmentionedEventsArePrintedButNotChecked() {
        RunResult r = run(SETUP + "process B\nB: kill(A, SIGTERM) = 0\n");
        assertThat(r.status()).isEqualTo(RunResult.OK);
        assertThat(r.transcript()).contains("A: --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1001, si_uid=0} ---",
            "A: +++ killed by SIGTERM +++");
    }

    @Test
    void strictModeRequiresEveryEvent() {
        RunResult r = run(SETUP + "process B\nstrict\nB: kill(A, SIGTERM) = 0\n");
        assertThat(r.status()).isEqualTo(RunResult.MISMATCH);
    }

    @Test
    void anObservationThatDidNotHappenIsAMismatch() {
        RunResult r = run(SETUP + "A: getpid() = A\nA: --- SIGIO ---\n");
        assertThat(r.status()).isEqualTo(RunResult.MISMATCH);
    }

    @Test
    void aResumedLineAdvancesVirtualTimeAndChecksTheDuration() {
        RunResult ok = run(SETUP + "A: rt_sigtimedwait([SIGUSR1], 3) <unfinished ...>\n"
            + "A: <... rt_sigtimedwait resumed>) = -1 EAGAIN <3.000000>\n");
        assertThat(ok.status()).isEqualTo(RunResult.OK);
        RunResult wrong = run(SETUP + "A: rt_sigtimedwait([SIGUSR1], 3) <unfinished ...>\n"
            + "A: <... rt_sigtimedwait resumed>) = -1 EAGAIN <2.000000>\n");
        assertThat(wrong.status()).isEqualTo(RunResult.MISMATCH);
    }

    @Test
    void aWaitNothingCanEndIsAHangInvariant() {
        String text = SETUP + "A: mkfifo(\"/mnt/p\", 0600) = 0\nA: open(\"/mnt/p\", O_RDONLY) <unfinished ...>\n"
            + "A: <... open resumed>) = ?\n";
        RunResult unexpected = run(text);
        assertThat(unexpected.status()).isEqualTo(RunResult.INVARIANT);
        assertThat(unexpected.transcript()).anyMatch(l -> l.startsWith("!!! invariant hang: "));
        RunResult stated = run(text + "!!! invariant hang: A waits forever\n");
        assertThat(stated.status()).isEqualTo(RunResult.OK);
    }

    @Test
    void catComparesOutputAndSubstitutesPlaceholders() {
        RunResult r = run(SETUP + "cat /proc/{A}/status\n| Name:\tA\n| Tgid:\t{A}\n| Pid:\t1000\n"
            + "| Uid:\t1000\t1000\t1000\t1000\n| Gid:\t0\t0\t0\t0\n");
        assertThat(r.status()).as(r.text()).isEqualTo(RunResult.OK);
        RunResult bad = run(SETUP + "cat /proc/sys/fs/lease-break-time\n| 44\n");
        assertThat(bad.status()).isEqualTo(RunResult.MISMATCH);
        assertThat(bad.transcript()).contains("| 45", "!!! expected | 44");
    }

    @Test
    void aBindingThatFailsIsAMismatch() {
        RunResult r = run(SETUP + "A: open(\"/mnt/nope\", O_RDONLY) = $fd\n");
        assertThat(r.status()).isEqualTo(RunResult.MISMATCH);
    }
}
