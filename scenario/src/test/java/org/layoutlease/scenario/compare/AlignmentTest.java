package org.layoutlease.scenario.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.policy.Policies;
import org.layoutlease.scenario.run.RunResult;
import org.layoutlease.scenario.syntax.Parser;

/** Aligning one scenario's runs under several policies: rows, extra events, differences, outcomes. */
class AlignmentTest {

    private static Row row(ScenarioComparison c, int line) {
        return c.rows().stream().filter(r -> r.line() == line && !r.extra()).findFirst().orElseThrow();
    }

    private static List<String> texts(Row r) {
        return r.cells().stream().map(Cell::text).toList();
    }

    @Test
    void identicalRunsUnderTheRealPoliciesDifferNowhere() {
        String text = """
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
        ScenarioComparison c = Compare.scenario(Parser.parse("fifo.scn", text), List.of("linux", "rfc-v1", "rfc-v2"));
        assertThat(c.description()).containsExactly("A reader blocks on a FIFO until a writer opens it.");
        assertThat(c.filePolicy()).isEqualTo("linux");
        assertThat(c.rows()).extracting(Row::line).containsExactly(5, 6, 7, 8, 9);
        assertThat(c.differingRows()).isZero();
        assertThat(texts(row(c, 6))).containsOnly("<unfinished ...>");
        assertThat(row(c, 6).cells()).extracting(Cell::kind).containsOnly(Cell.Kind.BLOCKED);
        assertThat(texts(row(c, 9))).containsOnly("3 <2.000000>");
        assertThat(row(c, 9).expected()).isEqualTo("3 <2.000000>");
        assertThat(row(c, 9).label()).isEqualTo("A: <... open resumed>");
        assertThat(c.outcomes()).extracting(PolicyOutcome::status).containsOnly(RunResult.OK);
        assertThat(c.invalidEverywhere()).isFalse();
    }

    @Test
    void theDefaultColumnsAreTheRegistry() {
        assertThat(Compare.allPolicies()).isEqualTo(Policies.names());
        ScenarioComparison c = Compare.source("a.scn", "process A\nA: getpid() = A\n", Compare.allPolicies());
        assertThat(c.policies()).isEqualTo(Policies.names());
        assertThat(row(c, 2).cells()).hasSize(Policies.names().size());
    }

    @Test
    void differingAnswersAreMarkedAndContradictionsNoted() {
        ScenarioComparison c = Variants.different();
        Row open = row(c, 5);
        assertThat(open.differs()).isTrue();
        assertThat(texts(open)).containsExactly("3", "-1 EACCES", "3");
        assertThat(open.cells()).extracting(Cell::kind).containsExactly(Cell.Kind.VALUE, Cell.Kind.ERROR, Cell.Kind.VALUE);
        assertThat(open.cells().get(1).contradictsFile()).isTrue();
        assertThat(open.cells().get(1).mismatches()).containsExactly("= 3");
        assertThat(open.cells().get(1).detail()).isEqualTo("A: open(\"/mnt/f\", O_RDWR) = -1 EACCES (Permission denied)");
        assertThat(open.cells().get(0).contradictsFile()).isFalse();
        assertThat(row(c, 6).differs()).isFalse();
        assertThat(row(c, 7).differs()).isFalse();
    }

    @Test
    void anEventTheFileDoesNotMentionGetsARowUnderTheLineDuringWhichItHappened() {
        ScenarioComparison c = Variants.different();
        int kill = c.rows().indexOf(row(c, 7));
        Row extra = c.rows().get(kill + 1);
        assertThat(extra.extra()).isTrue();
        assertThat(extra.line()).isEqualTo(7);
        assertThat(extra.kind()).isEqualTo(Row.Kind.EXIT);
        assertThat(extra.label()).isEqualTo("A: +++");
        assertThat(texts(extra)).containsExactly("—", "—", "killed by SIGUSR1");
        assertThat(extra.differs()).isTrue();
        assertThat(texts(row(c, 8))).containsOnly("SIGUSR1");
    }

    @Test
    void anInvalidRunShowsWhereItStoppedAndTakesNoPartAfterwards() {
        ScenarioComparison c = Variants.different();
        Row close = row(c, 9);
        assertThat(close.cells().get(2).kind()).isEqualTo(Cell.Kind.INVALID);
        assertThat(close.cells().get(2).text()).isEqualTo("invalid: A has exited; it cannot make calls");
        assertThat(texts(close).subList(0, 2)).containsExactly("0", "-1 EBADF");
        Row after = row(c, 10);
        assertThat(after.cells().get(2).kind()).isEqualTo(Cell.Kind.NOT_RUN);
        assertThat(after.differs()).as("a run that stopped earlier is no answer").isFalse();
        PolicyOutcome v2 = c.outcomes().get(2);
        assertThat(v2.invalid()).isTrue();
        assertThat(v2.errorLine()).isEqualTo(9);
        assertThat(v2.error()).startsWith("t.scn:9:");
        assertThat(v2.summary()).isEqualTo("2 invalid: line 9: A has exited; it cannot make calls");
        assertThat(c.outcomes().get(1).summary()).isEqualTo("1 mismatch (2)");
        assertThat(c.outcomes().get(0).summary()).isEqualTo("0 ok");
        assertThat(c.invalidEverywhere()).isFalse();
    }

    @Test
    void invalidEverywhereWhenEveryRunStops() {
        ScenarioComparison c = Compare.scenario(Parser.parse("t.scn", "process A\nA: close(NOPE) = 0\n"),
            List.of("linux", "rfc-v2"));
        assertThat(c.invalidEverywhere()).isTrue();
        assertThat(c.errors()).hasSize(1).allMatch(e -> e.startsWith("t.scn:2:"));
        assertThat(row(c, 2).cells()).extracting(Cell::kind).containsOnly(Cell.Kind.INVALID);
    }

    @Test
    void aFileThatDoesNotParseIsInvalidUnderEveryPolicy() {
        ScenarioComparison c = Compare.source("bad.scn", "process A\nA: frobnicate(3) = 0\n", List.of("linux", "rfc-v1"));
        assertThat(c.fileError()).isNotNull();
        assertThat(c.errors()).containsExactly(c.fileError().getMessage());
        assertThat(c.errors().getFirst()).startsWith("bad.scn:2:");
        assertThat(c.rows()).isEmpty();
        assertThat(c.outcomes()).allMatch(PolicyOutcome::invalid);
    }

    @Test
    void catOutputIsOneCellAndItsPipeLinesAreNoRows() {
        String base = """
            policy linux
            process A
            file /mnt/f
            A: open("/mnt/f", O_WRONLY) = 3
            A: write(3, "one\\ntwo\\n", 8) = 8
            cat /mnt/f
            | one
            | two
            A: close(3) = 0
            """;
        String other = base.replace("\"one\\ntwo\\n\", 8) = 8", "\"one\\nTWO\\n\", 8) = 8");
        ScenarioComparison c = Variants.compare(base, Map.of("rfc-v2", other));
        assertThat(c.rows()).extracting(Row::line).containsExactly(4, 5, 6, 9);
        Row cat = row(c, 6);
        assertThat(cat.kind()).isEqualTo(Row.Kind.CAT);
        assertThat(cat.expected()).isEqualTo("one\ntwo");
        assertThat(texts(cat)).containsExactly("one\ntwo", "one\ntwo", "one\nTWO");
        assertThat(cat.differs()).isTrue();
        assertThat(cat.cells().get(2).mismatches()).containsExactly("| one", "| two");
    }

    @Test
    void invariantFindingsSayWhetherTheFileExpectedThem() {
        String base = """
            policy linux
            process A
            A: mkfifo("/mnt/p", 0644) = 0
            A: open("/mnt/p", O_WRONLY) <unfinished ...>
            !!! invariant hang: A waits for a reader forever
            """;
        ScenarioComparison c = Variants.compare(base, Map.of(
            "rfc-v1", base.replace("O_WRONLY)", "O_WRONLY|O_NONBLOCK)"),
            "rfc-v2", base.replace("!!! invariant hang: A waits for a reader forever", "# no expectation")));
        assertThat(c.outcomes().get(0).findings()).containsExactly(
            new Finding("hang", 4, true, true, "A waits for a reader forever"));
        Finding missed = c.outcomes().get(1).findings().getFirst();
        assertThat(missed.occurred()).isFalse();
        assertThat(missed.expected()).isTrue();
        assertThat(missed.line()).isEqualTo(5);
        assertThat(missed.verdict()).isEqualTo("expected, did not fire");
        Finding unexpected = c.outcomes().get(2).findings().getFirst();
        assertThat(unexpected.invariant()).isEqualTo("hang");
        assertThat(unexpected.expected()).isFalse();
        assertThat(unexpected.verdict()).isEqualTo("unexpected");
        assertThat(c.outcomes()).extracting(PolicyOutcome::status)
            .containsExactly(RunResult.OK, RunResult.MISMATCH, RunResult.INVARIANT);
        assertThat(c.outcomes().get(2).summary()).isEqualTo("3 invariant: hang");
        Row inv = row(c, 5);
        assertThat(inv.kind()).isEqualTo(Row.Kind.INVARIANT);
        assertThat(texts(inv).subList(0, 2)).containsExactly("fired", "did not fire");
    }

    @Test
    void outputArgumentsTakePartInTheAnswer() {
        String base = """
            policy linux
            process A
            file /mnt/f
            A: open("/mnt/f", O_RDWR) = 3
            A: write(3, "ping", 4) = 4
            A: pread64(3, ?, 16, 0) = 4
            A: pread64(3, "ping", 16, 0) = 4
            """;
        ScenarioComparison c = Variants.compare(base, Map.of("rfc-v1", base.replace("\"ping\", 4)", "\"pong\", 4)")));
        assertThat(texts(row(c, 6))).containsExactly("4 · \"ping\"", "4 · \"pong\"", "4 · \"ping\"");
        assertThat(texts(row(c, 7))).containsExactly("4", "4 · \"pong\"", "4");
        assertThat(row(c, 7).differs()).isTrue();
        assertThat(row(c, 7).cells().get(1).mismatches()).containsExactly("argument 2 = \"ping\"");
        assertThat(Alignment.outputs("A: fstat(3, {st_size=4, st_mode=S_IFREG|0644}) = 0",
            (org.layoutlease.scenario.syntax.Line.Step) Parser.parse("x", "process A\nA: fstat(3, ?) = 0\n").lines().get(1)))
            .isEqualTo("{st_size=4, st_mode=S_IFREG|0644}");
    }

    @Test
    void aHangingResumedLineIsStillBlocked() {
        ScenarioComparison c = Compare.scenario(Parser.parse("t.scn", """
            policy linux
            process A
            A: mkfifo("/mnt/p", 0644) = 0
            A: open("/mnt/p", O_WRONLY) <unfinished ...>
            A: <... open resumed>) = ?
            !!! invariant hang: nobody opens it for reading
            """), List.of("linux"));
        assertThat(row(c, 5).cells().getFirst()).extracting(Cell::kind, Cell::text).containsExactly(Cell.Kind.BLOCKED, "still blocked");
        assertThat(c.outcomes().getFirst().findings()).extracting(Finding::invariant, Finding::expected).containsExactly(
            org.assertj.core.groups.Tuple.tuple("hang", true));
    }

    @Test
    void policyListsAreChecked() {
        var sc = Parser.parse("t.scn", "process A\n");
        assertThatThrownBy(() -> Compare.scenario(sc, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Compare.scenario(sc, List.of("linux", "linux"))).hasMessageContaining("twice");
    }

    @Test
    void mergingOrdersKeepsEachOrderAndEachKeyOnce() {
        assertThat(Merge.orders(List.of(List.of("a", "b", "d"), List.of("a", "c", "d"), List.of()))).containsExactly("a", "b", "c", "d");
        assertThat(Merge.orders(List.of(List.of("x", "y"), List.of("y", "x")))).containsExactlyInAnyOrder("x", "y").hasSize(2);
        assertThat(Merge.orders(List.of(List.of(), List.of("s#1", "s#2")))).containsExactly("s#1", "s#2");
    }
}
