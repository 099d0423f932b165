package org.layoutlease.scenario.compare;

import java.util.List;

/** Placeholder until the page is written. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(List<ScenarioComparison> all) {
        return "<!doctype html>\n";
    }
}
