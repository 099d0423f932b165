package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.scenario.syntax.Scn.assertError;
import static org.layoutlease.scenario.syntax.Scn.last;
import static org.layoutlease.scenario.syntax.Scn.parse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The line forms of spec §1: steps, resumed lines, observations, cat output, comments. */
class LineFormsTest {

    private static Line.Step step(String line) {
        return (Line.Step) last("process A", line);
    }

    private static Result result(String line) {
        return step(line).result();
    }

    @Test
    void stepWithResult() {
        Line.Step s = step("A: open(\"/mnt/pmem/F\", O_RDWR) = 3");
        assertThat(s.proc()).isEqualTo("A");
        assertThat(s.call()).isEqualTo("open");
        assertThat(s.callPos()).isEqualTo(new SourcePos(2, 4));
        assertThat(s.args()).extracting(Expr::text).containsExactly("\"/mnt/pmem/F\"", "O_RDWR");
        assertThat(s.result()).isEqualTo(new Result.ValueResult(
                new Expr.IntLit(3, new SourcePos(2, 34), "3"), new SourcePos(2, 34)));
        assertThat(s.lineNo()).isEqualTo(2);
        assertThat(s.raw()).isEqualTo("A: open(\"/mnt/pmem/F\", O_RDWR) = 3");
        assertThat(s.comment()).isNull();
    }

    @Test
    void stepWithoutResult() {
        assertThat(result("A: getpid()")).isNull();
        assertThat(step("A: getpid()").args()).isEmpty();
    }

    @Test
    void unfinishedStep() {
        assertThat(result("A: open(\"/f\", O_RDWR) <unfinished ...>"))
                .isEqualTo(new Result.UnfinishedResult(new SourcePos(2, 23)));
    }

    @Test
    void errorResults() {
        assertThat(result("A: truncate(\"/mnt/pmem/F\", 0) = -1 ETXTBSY (Text file busy)"))
                .isEqualTo(new Result.ErrorResult("ETXTBSY", new SourcePos(2, 33)));
        assertThat(result("A: ftruncate(3, 0) = -1 EDEADLOCK")).isInstanceOf(Result.ErrorResult.class)
                .extracting(r -> ((Result.ErrorResult) r).errno()).isEqualTo("EDEADLOCK");
        assertThat(result("A: close(9) = -1 EBADF   ( Bad file descriptor )  # why"))
                .isInstanceOf(Result.ErrorResult.class);
    }

    @Test
    void minusOneWithoutErrnoIsAValue() {
        Result.ValueResult r = (Result.ValueResult) result("A: getpgid(0) = -1");
        assertThat(((Expr.IntLit) r.value()).value()).isEqualTo(-1);
    }

    @Test
    void bindAndAnyResults() {
        assertThat(result("A: mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0) = $buf"))
                .isEqualTo(new Result.BindResult("buf", new SourcePos(2, 52)));
        assertThat(result("A: exit_group(0) = ?")).isEqualTo(new Result.AnyResult(new SourcePos(2, 20)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "A: open(\"/f\", O_RDWR) = 0x7f0000000000;0x7f0000000000",
        "A: fcntl(3, F_GETLEASE) = F_UNLCK;F_UNLCK",
        "A: fcntl(3, F_GETOWN) = A;A",
        "A: peek(0x7f0000000000, 12) = \"A\"*10 \"B\"*2;\"A\"*10 \"B\"*2",
        "A: fcntl(3, F_GETSIG) = SIGRTMIN+1;SIGRTMIN+1",
        "A: getpid() = 1000;1000",
    })
    void valueResults(String line, String text) {
        Result.ValueResult r = (Result.ValueResult) result(line);
        assertThat(r.value().text()).isEqualTo(text);
        assertThat(r.pos().col()).isEqualTo(line.indexOf(" = ") + 4);
    }

    @Test
    void resultExpressionsMayUseBoundVariables() {
        Line.Step s = (Line.Step) last("process A", "A: mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0) = $buf",
                "A: mmap(NULL, 4096, PROT_READ, MAP_SHARED, 3, 0) = $buf+2097152");
        assertThat(((Result.ValueResult) s.result()).value()).isInstanceOf(Expr.BinOp.class);
    }

    @Test
    void commentsAfterStepsRespectLiterals() {
        Line.Step s = step("A: write(3, \"a#b\", 3) = 3 # note \"x\"");
        assertThat(s.comment()).isEqualTo("# note \"x\"");
        assertThat(((Expr.StrLit) s.args().get(1)).bytes()).isEqualTo(Scn.latin1("a#b"));
        assertThat(step("A: poke(1, 2, '#')#c").comment()).isEqualTo("#c");
        assertThat(step("A: write(3, \"\\\"#\", 2)").comment()).isNull();
    }

    @Test
    void whitespaceIsFlexible() {
        Line.Step s = step("\t  A:open ( \"/x\" , O_RDWR )   =   3   ");
        assertThat(s.callPos()).isEqualTo(new SourcePos(2, 6));
        assertThat(s.args()).hasSize(2);
    }

    @Test
    void resumedWithDuration() {
        Line.Resumed r = (Line.Resumed) last("process A", "A: <... open resumed>) = 3 <2.000000>");
        assertThat(r.proc()).isEqualTo("A");
        assertThat(r.call()).isEqualTo("open");
        assertThat(r.result()).isInstanceOf(Result.ValueResult.class);
        assertThat(r.seconds()).isEqualTo(2.0);
    }

    @Test
    void resumedForms() {
        Line.Resumed any = (Line.Resumed) last("process A", "A: <... open resumed>) = ?");
        assertThat(any.result()).isInstanceOf(Result.AnyResult.class);
        assertThat(any.seconds()).isNull();
        Line.Resumed eintr = (Line.Resumed) last("process A",
                "A: <... rt_sigtimedwait resumed>) = -1 EINTR (Interrupted system call) <0.500000>");
        assertThat(eintr.result()).isEqualTo(new Result.ErrorResult("EINTR", new SourcePos(2, 37)));
        assertThat(eintr.seconds()).isEqualTo(0.5);
        Line.Resumed bare = (Line.Resumed) last("process A", "A: <... open resumed>)");
        assertThat(bare.result()).isNull();
        Line.Resumed minus = (Line.Resumed) last("process A", "A: <... getpgid resumed>) = -1 <1>");
        assertThat(minus.result()).isInstanceOf(Result.ValueResult.class);
        assertThat(minus.seconds()).isEqualTo(1.0);
    }

    @Test
    void signalWithFields() {
        Line.SignalObservation s = (Line.SignalObservation) last("process A",
                "A: --- SIGIO {si_signo=SIGIO, si_code=SI_KERNEL} ---");
        assertThat(s.signal()).isEqualTo("SIGIO");
        assertThat(s.hasBraces()).isTrue();
        assertThat(s.fields()).containsExactly(new Line.SignalField("si_signo", "SIGIO"),
                new Line.SignalField("si_code", "SI_KERNEL"));
    }

    @Test
    void realTimeSignal() {
        Line.SignalObservation s = (Line.SignalObservation) last("process A",
                "A: --- SIGRTMIN+1 {si_signo=SIGRTMIN+1, si_code=POLL_MSG, si_band=0x441, si_fd=3} ---");
        assertThat(s.signal()).isEqualTo("SIGRTMIN+1");
        assertThat(s.fields()).extracting(Line.SignalField::value).containsExactly("SIGRTMIN+1", "POLL_MSG", "0x441", "3");
    }

    @Test
    void signalWithoutOrWithEmptyBraces() {
        Line.SignalObservation bare = (Line.SignalObservation) last("process A", "A: --- SIGIO ---");
        assertThat(bare.hasBraces()).isFalse();
        assertThat(bare.fields()).isEmpty();
        Line.SignalObservation empty = (Line.SignalObservation) last("process A", "A: --- SIGUSR1 {} --- # x");
        assertThat(empty.hasBraces()).isTrue();
        assertThat(empty.fields()).isEmpty();
        assertThat(empty.comment()).isEqualTo("# x");
    }

    @Test
    void signalFieldValuesKeepNestedText() {
        Line.SignalObservation s = (Line.SignalObservation) last("process A",
                "A: --- SIGRTMIN {si_value={int=1, ptr=NULL} , si_code=SI_QUEUE, si_addr=\"a,}\"} ---");
        assertThat(s.fields()).containsExactly(new Line.SignalField("si_value", "{int=1, ptr=NULL}"),
                new Line.SignalField("si_code", "SI_QUEUE"), new Line.SignalField("si_addr", "\"a,}\""));
    }

    @Test
    void exits() {
        Line.ExitObservation exited = (Line.ExitObservation) last("process A", "A: +++ exited with 3 +++");
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.killedBy()).isNull();
        Line.ExitObservation killed = (Line.ExitObservation) last("process A", "A: +++ killed by SIGKILL +++");
        assertThat(killed.exitCode()).isNull();
        assertThat(killed.killedBy()).isEqualTo("SIGKILL");
        assertThat(((Line.ExitObservation) last("process A", "A: +++ exited with 255 +++")).exitCode()).isEqualTo(255);
    }

    @Test
    void catOutputIsVerbatim() {
        List<Line> lines = parse("cat /proc/locks", "| 1: LEASE  ACTIVE    READ  1000 00:1e:12 0 EOF",
                "|", "|    /mnt/pmem/F # not a comment ", "  | indented").lines();
        assertThat(lines.subList(1, 5)).extracting(l -> ((Line.CatOutputLine) l).content()).containsExactly(
                "1: LEASE  ACTIVE    READ  1000 00:1e:12 0 EOF", "", "   /mnt/pmem/F # not a comment ", "indented");
        assertThat(lines.get(3).comment()).isNull();
    }

    @Test
    void invariants() {
        Line.InvariantObservation inv = (Line.InvariantObservation) last(
                "!!! invariant pinned-block-freed: block 12 of /mnt/pmem/F freed while pinned by A");
        assertThat(inv.name()).isEqualTo("pinned-block-freed");
        assertThat(inv.text()).isEqualTo("block 12 of /mnt/pmem/F freed while pinned by A");
        Line.InvariantObservation bare = (Line.InvariantObservation) last("  !!! invariant hang:");
        assertThat(bare.name()).isEqualTo("hang");
        assertThat(bare.text()).isEmpty();
        Line.InvariantObservation commented = (Line.InvariantObservation) last("!!!invariant hang: A waits # why");
        assertThat(commented.text()).isEqualTo("A waits");
        assertThat(commented.comment()).isEqualTo("# why");
    }

    @Test
    void expectedNotesAreKeptVerbatim() {
        Line.ExpectedNote note = (Line.ExpectedNote) last("!!! expected = 3 # not a comment");
        assertThat(note.text()).isEqualTo("= 3 # not a comment");
        assertThat(note.comment()).isNull();
    }

    @Test
    void blankAndCommentLines() {
        List<Line> lines = parse("", "   \t", "# a comment", "   # indented").lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(new Line.Blank(1, "", null));
        assertThat(lines.get(1)).isEqualTo(new Line.Blank(2, "   \t", null));
        assertThat(lines.get(2)).isEqualTo(new Line.CommentLine(3, "# a comment", "# a comment"));
        assertThat(lines.get(3).comment()).isEqualTo("# indented");
    }

    @Test
    void lineSplitting() {
        assertThat(Parser.parse("f", "").lines()).isEmpty();
        assertThat(Parser.parse("f", "\n").lines()).containsExactly(new Line.Blank(1, "", null));
        assertThat(Parser.parse("f", "strict").lines()).hasSize(1);
        List<Line> crlf = Parser.parse("f", "strict\r\n\r\nstrict").lines();
        assertThat(crlf).extracting(Line::raw).containsExactly("strict", "", "strict");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "A:;3;expected a call, '<... call resumed>', '---' or '+++' after 'A:', found end of line",
        "A: opne(\"/x\", O_RDWR);4;unknown call 'opne'",
        "A: open(\"/x\");4;open takes 2 to 3 arguments, got 1",
        "A: ioctl(3, FICLONE);4;ioctl takes 3 arguments, got 2",
        "A: fork(1);4;fork takes no arguments, got 1",
        "A: exit_group();4;exit_group takes 1 argument, got 0",
        "A: close;9;expected '(' after call name 'close', found end of line",
        "A: close(3;11;expected ')' after argument list, found end of line",
        "A: close(;10;expected ')' after argument list, found end of line",
        "A: close(3,;12;expected ')' after argument list, found end of line",
        "A: open(\"/x\" O_RDWR);14;expected ',' or ')' after argument, found 'O_RDWR'",
        "A: close(3) 5;13;expected '=' or '<unfinished ...>' after ')', found '5'",
        "A: close(3) <unfinished>;13;expected '=' or '<unfinished ...>' after ')', found '<'",
        "A: close(3) <unfinished ...> = 0;30;unexpected '=' after '<unfinished ...>'",
        "A: close(3) =;14;expected a result after '=', found end of line",
        "A: close(3) = 0 0;17;unexpected '0' after the result",
        "A: close(3) = ? 0;17;unexpected '0' after the result",
        "A: close(3) = 0 <1.0>;17;unexpected '<' after the result",
        "A: close(3) = -1 einval;18;expected an errno name such as EINVAL after -1, found 'einval'",
        "A: close(3) = -1 (Bad);18;expected an errno name such as EINVAL after -1, found '('",
        "A: close(3) = -1 EBADF (Bad file;24;expected ')' to end the error description, found end of line",
        "A: <... opne resumed>) = 3;9;unknown call 'opne'",
        "A: <... resumed>) = 3;9;unknown call 'resumed'",
        "A: <... >) = 3;9;expected a call name after '<...', found '>'",
        "A: <... open>) = 3;13;expected 'resumed>' after call name, found '>'",
        "A: <... open resumed> = 3;23;expected ')' after 'resumed>', found '='",
        "A: <... open resumed>) 3;24;expected '=' after ')', found '3'",
        "A: <... open resumed>) = 3 <abc>;29;invalid duration 'abc': expected seconds such as 2.000000",
        "A: <... open resumed>) = 3 <2.0;32;expected '>' after the call's duration, found end of line",
        "A: <... open resumed>) = 3 <2.0> x;34;unexpected 'x' after the call's duration",
        "A: --- IO ---;8;expected a signal name such as SIGIO, found 'IO'",
        "A: --- ---;8;expected a signal name such as SIGIO, found '-'",
        "A: --- SIGIO;13;expected '---' to end the signal line, found end of line",
        "A: --- SIGIO {si_code=} ---;23;expected a value for siginfo field 'si_code', found '}'",
        "A: --- SIGIO {si_code=X ---;28;expected ',' or '}' after siginfo field, found end of line",
        "A: --- SIGIO {si_code X} ---;23;expected '=' after siginfo field 'si_code', found 'X'",
        "A: --- SIGIO {=X} ---;15;expected a siginfo field name, found '='",
        "A: --- SIGIO {si_fd=1, si_fd=2} ---;24;duplicate siginfo field 'si_fd'",
        "A: --- SIGIO --- x;18;unexpected 'x' after '---'",
        "A: +++ died +++;8;expected 'exited with N' or 'killed by SIGNAME' after '+++', found 'died'",
        "A: +++ exited 3 +++;15;expected 'with', found '3'",
        "A: +++ exited with +++;20;expected an exit status after 'exited with', found '+'",
        "A: +++ exited with 256 +++;20;exit status '256' is too large: at most 255",
        "A: +++ exited with x1 +++;20;invalid exit status 'x1': expected a decimal number",
        "A: +++ exited with 3;21;expected '+++' to end the exit line, found end of line",
        "A: +++ killed by 9 +++;18;expected a signal name such as SIGIO, found '9'",
    })
    void processLineErrors(String line, int col, String detail) {
        assertError(2, col, detail, "process A", line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "|x;2;expected ' ' after '|', found 'x'",
        "!!! foo;5;expected 'invariant' or 'expected' after '!!!', found 'foo'",
        "!!!;4;expected 'invariant' or 'expected' after '!!!', found end of line",
        "!!! expectedly;5;expected 'invariant' or 'expected' after '!!!', found 'expectedly'",
        "!!! invariant;14;expected an invariant name such as hang, found end of line",
        "!!! invariant :x;15;expected an invariant name such as hang, found ':'",
        "!!! invariant 9x: y;15;expected an invariant name such as hang, found '9x'",
        "!!! invariant hang;19;expected ':' after invariant name 'hang', found end of line",
        "!!! invariant hang x;20;expected ':' after invariant name 'hang', found 'x'",
        ": getpid();1;expected a process name before ':'",
        "1A: getpid();1;invalid process name '1A': expected a letter followed by letters, digits or '_'",
        "`  A-B: getpid()`;3;invalid process name 'A-B': expected a letter followed by letters, digits or '_'",
        "_A: getpid();1;invalid process name '_A': expected a letter followed by letters, digits or '_'",
    })
    void otherLineErrors(String line, int col, String detail) {
        assertError(1, col, detail, line);
    }

    @Test
    void pipeAtStartIsCheckedBeforeAnythingElse() {
        assertError(2, 2, "expected ' ' after '|', found '\\x09'", "cat /p", "|\tx");
    }
}
