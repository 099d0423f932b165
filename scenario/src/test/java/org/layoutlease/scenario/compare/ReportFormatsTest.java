package org.layoutlease.scenario.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text, Markdown and JSON renderings of a comparison. */
class ReportFormatsTest {

    private static List<String> tableLines(String text) {
        String[] all = text.split("\n");
        int head = 0;
        while (!all[head].contains("line  step")) {
            head++;
        }
        int end = head;
        while (end < all.length && !all[end].isBlank()) {
            end++;
        }
        return Arrays.asList(all).subList(head, end);
    }

    @Test
    void textColumnsAreAligned() {
        String text = TextReport.render(List.of(Variants.different()), false);
        List<String> table = tableLines(text);
        String head = table.getFirst();
        int v1 = head.indexOf("rfc-v1");
        int v2 = head.indexOf("rfc-v2");
        assertThat(v1).isPositive();
        for (String l : table.subList(1, table.size())) {
            if (l.length() > v2) {
                assertThat(l.charAt(v2 - 1)).as("column gap before rfc-v2 in: %s", l).isEqualTo(' ');
                assertThat(l.charAt(v2 - 2)).as("column gap before rfc-v2 in: %s", l).isEqualTo(' ');
            }
        }
        String open = table.stream().filter(l -> l.contains("A: open(")).findFirst().orElseThrow();
        assertThat(open).startsWith(TextReport.DIFFERS);
        assertThat(open.substring(v1)).startsWith("-1 EACCES " + TextReport.CONTRADICTS);
        assertThat(open.substring(v2)).startsWith("3");
        String same = table.stream().filter(l -> l.contains("B: kill(")).findFirst().orElseThrow();
        assertThat(same).startsWith(" ");
        assertThat(text).contains("+ A: +++").contains("invalid: A has exited");
        assertThat(text).contains("rfc-v2  exit 2 invalid: line 9: A has exited; it cannot make calls");
        assertThat(text).doesNotContain("\033[");
    }

    @Test
    void colourIsOnlyAddedWhenAskedAndNeverMovesColumns() {
        String plain = TextReport.render(List.of(Variants.different()), false);
        String coloured = TextReport.render(List.of(Variants.different()), true);
        assertThat(coloured).contains("\033[");
        assertThat(coloured.replaceAll("\033\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void textWrapsLongCellsInsideTheirColumn() {
        assertThat(TextTable.wrap("SIGIO {si_code=SI_KERNEL}", 22)).containsExactly("SIGIO", "{si_code=SI_KERNEL}");
        assertThat(TextTable.wrap("a\nb", 10)).containsExactly("a", "b");
        assertThat(TextTable.wrap("x".repeat(25), 10)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
    }

    @Test
    void markdownTablesHaveOneCellPerColumnAndEscapedPipes() {
        String md = MarkdownReport.render(List.of(Variants.different(), Variants.different()));
        assertThat(md).startsWith(MarkdownReport.GENERATED + "\n\n# Policy comparison\n");
        assertThat(md).contains("## Summary").contains("| `t.scn` | `linux` | 3 | 0 ok | 1 mismatch (2) | 2 invalid: line 9: A has exited; it cannot make calls |");
        assertThat(md).contains("| ≠ | 5 | `A: open(\"/mnt/f\", O_RDWR)` | `3` | `3` | `-1 EACCES` ✗ | `3` |");
        assertThat(md).contains("| · |");
        for (String line : md.split("\n")) {
            if (line.startsWith("| | line |") || line.startsWith("| ≠ |") || line.startsWith("|  |")) {
                assertThat(cells(line)).as(line).isEqualTo(7);
            }
        }
        assertThat(MarkdownReport.code("O_RDWR|O_CREAT")).isEqualTo("`O_RDWR\\|O_CREAT`");
        assertThat(MarkdownReport.code("one\ntwo")).isEqualTo("`one`<br>`two`");
        assertThat(MarkdownReport.text("<unfinished ...>|x")).isEqualTo("&lt;unfinished ...&gt;\\|x");
    }

    /** Table cells of a GFM row: unescaped pipes, minus the outer two. */
    private static int cells(String row) {
        int pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                pipes++;
            }
        }
        return pipes - 1;
    }

    @Test
    void jsonCarriesRowsCellsAndOutcomes() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(JsonReport.render(List.of(Variants.different())));
        assertThat(doc.get("policies").toString()).isEqualTo("[\"linux\",\"rfc-v1\",\"rfc-v2\"]");
        assertThat(doc.get("differing_rows").asInt()).isEqualTo(3);
        JsonNode sc = doc.get("scenarios").get(0);
        assertThat(sc.get("file").asText()).isEqualTo("t.scn");
        assertThat(sc.get("written_for").asText()).isEqualTo("linux");
        JsonNode open = sc.get("rows").get(0);
        assertThat(open.get("line").asInt()).isEqualTo(5);
        assertThat(open.get("differs").asBoolean()).isTrue();
        assertThat(open.get("cells").get("rfc-v1").get("kind").asText()).isEqualTo("error");
        assertThat(open.get("cells").get("rfc-v1").get("contradicts_file").get(0).asText()).isEqualTo("= 3");
        JsonNode v2 = sc.get("outcomes").get(2);
        assertThat(v2.get("status").asInt()).isEqualTo(2);
        assertThat(v2.get("status_name").asText()).isEqualTo("invalid");
        assertThat(v2.get("error").asText()).startsWith("t.scn:9:");
    }

    @Test
    void everyFormatIsDeterministic() {
        assertThat(TextReport.render(List.of(Variants.different()), false))
            .isEqualTo(TextReport.render(List.of(Variants.different()), false));
        assertThat(MarkdownReport.render(List.of(Variants.different()))).isEqualTo(MarkdownReport.render(List.of(Variants.different())));
        assertThat(JsonReport.render(List.of(Variants.different()))).isEqualTo(JsonReport.render(List.of(Variants.different())));
        assertThat(HtmlReport.render(List.of(Variants.different()))).isEqualTo(HtmlReport.render(List.of(Variants.different())));
    }
}
