package org.layoutlease.scenario.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page is self-contained, escaped, and carries the comparison and one timeline per distinct run. */
class HtmlReportTest {

    private static final String PAGE = HtmlReport.render(List.of(Variants.different()));

    @Test
    void thePageFetchesNothingAndRunsNoScript() {
        assertThat(PAGE).startsWith("<!DOCTYPE html>");
        assertThat(PAGE.toLowerCase()).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img")
            .doesNotContain("@import").doesNotContain("<iframe");
        Matcher urls = Pattern.compile("(https?:)?//[^\\s\"')<]+").matcher(PAGE);
        while (urls.find()) {
            assertThat(urls.group()).as("only the SVG namespace may look like a URL").isEqualTo("http://www.w3.org/2000/svg");
        }
        Matcher refs = Pattern.compile("url\\(([^)]*)\\)").matcher(PAGE);
        while (refs.find()) {
            assertThat(refs.group(1)).as("only in-page references").startsWith("#");
        }
    }

    @Test
    void thePageHasTheTableTheFindingsAndATimelinePerDistinctRun() {
        assertThat(PAGE).contains("<table class=\"cmp\">").contains("class=\"differs\"").contains("✗");
        assertThat(count(PAGE, "<svg class=\"tl\"")).isEqualTo(3);
        assertThat(PAGE).contains("<title>").contains("A has exited; it cannot make calls");
        String same = HtmlReport.render(List.of(Compare.source("s.scn", "process A\nA: getpid() = A\n",
            List.of("linux", "rfc-v1", "rfc-v2"))));
        assertThat(count(same, "<svg class=\"tl\"")).as("identical runs share one timeline").isEqualTo(1);
    }

    @Test
    void markupInScenarioTextIsEscaped() {
        String page = HtmlReport.render(List.of(Compare.source("<b>.scn", "# <script>alert(1)</script>\nprocess A\n"
            + "A: open(\"/mnt/<i>\", O_RDONLY)\n", List.of("linux"))));
        assertThat(page).doesNotContain("<script>").doesNotContain("<i>").doesNotContain("<b>.scn");
        assertThat(page).contains("&lt;script&gt;").contains("&lt;b&gt;.scn");
    }

    @Test
    void svgIdsAreUniqueWithinThePage() {
        String page = HtmlReport.render(List.of(Variants.different(), Variants.different()));
        Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(page);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertThat(seen.add(ids.group(1))).as("duplicate id %s", ids.group(1)).isTrue();
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
