package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.layoutlease.scenario.syntax.Scn.assertError;
import static org.layoutlease.scenario.syntax.Scn.parse;

import org.junit.jupiter.api.Test;

/** Checks that span lines, and the size limits. */
class StaticChecksTest {

    private static final String UNKNOWN_A = "unknown process 'A': introduce it with 'process' or 'peer',"
            + " or as the result of fork() or thread()";

    @Test
    void policyMustPrecedeTheFirstStep() {
        assertThatCode(() -> parse("policy linux", "process A", "A: getpid()")).doesNotThrowAnyException();
        assertThatCode(() -> parse("process A", "advance 1s", "policy linux", "A: getpid()")).doesNotThrowAnyException();
        assertError(4, 3, "policy must come before the first step (line 2)",
                "process A", "A: getpid()", "", "  policy linux");
    }

    @Test
    void policyOnlyOnce() {
        assertError(2, 1, "duplicate policy directive: policy already set at line 1", "policy linux", "policy rfc-v1");
    }

    @Test
    void pipeLinesFollowCatDirectly() {
        assertThatCode(() -> parse("cat /proc/locks", "| a", "|", "| b", "cat /x", "|")).doesNotThrowAnyException();
        assertError(1, 1, "'|' line must directly follow a 'cat' directive or another '|' line", "| a");
        assertError(3, 1, "'|' line must directly follow a 'cat' directive or another '|' line", "cat /p", "", "| a");
        assertError(3, 1, "'|' line must directly follow a 'cat' directive or another '|' line", "cat /p", "# c", "| a");
        assertError(4, 3, "'|' line must directly follow a 'cat' directive or another '|' line",
                "cat /p", "| a", "", "  | b");
        assertError(3, 3, "'|' line must directly follow a 'cat' directive or another '|' line",
                "process A", "A: getpid()", "  | b");
    }

    @Test
    void processesMustBeIntroduced() {
        assertError(1, 1, UNKNOWN_A, "A: getpid()");
        assertError(2, 3, UNKNOWN_A, "process B", "  A: getpid() = 1000");
        assertError(1, 1, UNKNOWN_A, "A: <... open resumed>) = 3");
        assertError(1, 1, UNKNOWN_A, "A: --- SIGIO ---");
        assertError(1, 1, UNKNOWN_A, "A: +++ exited with 0 +++");
        assertError(1, 8, UNKNOWN_A, "cat as A /proc/self/status");
        assertThatCode(() -> parse("peer A", "A: rdma_read(1, 0, 4) = \"\\0\"*4")).doesNotThrowAnyException();
    }

    @Test
    void processNamesAreCaseSensitive() {
        assertError(2, 1, "unknown process 'a': introduce it with 'process' or 'peer', or as the result of fork() or thread()",
                "process A", "a: getpid()");
    }

    @Test
    void forkAndThreadIntroduceNames() {
        assertThatCode(() -> parse("process A", "A: fork() = C", "C: getpid() = 1001", "A: thread() = T",
                "T: gettid() = 1002", "C: +++ exited with 0 +++")).doesNotThrowAnyException();
        assertThatCode(() -> parse("process A", "A: fork() <unfinished ...>", "A: <... fork resumed>) = C",
                "C: getpid()")).doesNotThrowAnyException();
        assertError(3, 1, "unknown process 'C': introduce it with 'process' or 'peer', or as the result of fork() or thread()",
                "process A", "A: fork() = ?", "C: getpid()");
        assertError(3, 1, "unknown process 'C': introduce it with 'process' or 'peer', or as the result of fork() or thread()",
                "process A", "A: getpid() = C", "C: getpid()");
    }

    @Test
    void forkIntoAnExistingNameIsADuplicate() {
        assertError(2, 13, "duplicate process name 'A': already introduced at line 1", "process A", "A: fork() = A");
        assertError(2, 15, "invalid process name '_C': expected a letter followed by letters, digits or '_'",
                "process A", "A: thread() = _C");
    }

    @Test
    void duplicateProcessNames() {
        assertError(2, 6, "duplicate process name 'A': already introduced at line 1", "process A", "peer A");
        assertError(3, 9, "duplicate process name 'B': already introduced at line 2", "process A", "process B uid=1", "process B");
    }

    @Test
    void variablesMustBeBoundFirst() {
        assertError(2, 11, "variable '$buf' is used before a step binds it with '= $buf'",
                "process A", "A: munmap($buf, 4096) = 0");
        assertError(2, 8, "variable '$x' is used before a step binds it with '= $x'", "process A", "A: dup($x) = $x");
        assertError(3, 27, "variable '$buf' is used before a step binds it with '= $buf'",
                "process A", "A: ibv_alloc_pd(4) = $pd", "A: ibv_reg_mr($pd, 0x10|1+$buf, 4096, {a=[$pd]}) = $mr");
        assertError(2, 49, "variable '$fd' is used before a step binds it with '= $fd'",
                "process A", "A: fcntl(3, F_GETOWN_EX, {type=F_OWNER_TID, pid=$fd})");
        assertError(3, 18, "variable '$b' is used before a step binds it with '= $b'",
                "process A", "A: getpid() = $a", "A: getpid() = $a+$b");
        assertThatCode(() -> parse("process A", "A: open(\"/f\", O_RDWR) <unfinished ...>", "A: <... open resumed>) = $fd",
                "A: close($fd) = 0", "A: close($fd) = -1 EBADF")).doesNotThrowAnyException();
    }

    @Test
    void unboundVariableInResumedResult() {
        assertError(3, 26, "variable '$z' is used before a step binds it with '= $z'",
                "process A", "A: open(\"/f\", 0) <unfinished ...>", "A: <... open resumed>) = $z+1");
    }

    @Test
    void leakMustBeTheLastLine() {
        assertThatCode(() -> parse("process A", "A: exit_group(0) = ?", "!!! invariant leak: lease on /f", "",
                "# done", "!!! expected nothing")).doesNotThrowAnyException();
        assertError(2, 15, "the 'leak' invariant is checked at the end of the file, so its line must be the last one,"
                + " but line 4 follows", "process A", "!!! invariant leak: x", "", "A: getpid()");
        assertError(1, 15, "the 'leak' invariant is checked at the end of the file, so its line must be the last one,"
                + " but line 2 follows", "!!! invariant leak: x", "!!! invariant leak: y");
        assertThatCode(() -> parse("!!! invariant hang: x", "strict")).doesNotThrowAnyException();
    }

    @Test
    void firstErrorInFileOrderWins() {
        assertError(2, 1, "unknown directive 'bogus'", "process A", "bogus", "A: opne()");
    }

    @Test
    void lineLengthLimit() {
        String longLine = "#" + "x".repeat(Limits.MAX_LINE_CHARS - 1);
        assertThat(parse(longLine).lines()).hasSize(1);
        assertError(2, Limits.MAX_LINE_CHARS + 1, "line too long: 65537 characters, at most 65536", "strict", longLine + "x");
    }

    @Test
    void lineCountLimit() {
        String text = "\n".repeat(Limits.MAX_LINES);
        assertThat(Parser.parse("big", text).lines()).hasSize(Limits.MAX_LINES);
        assertThatCode(() -> Parser.parse("big", text + "strict")).isInstanceOfSatisfying(ScenarioError.class,
                e -> assertThat(e.getMessage()).isEqualTo("big:1000001:1: too many lines: at most 1000000"));
    }
}
