package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain-text table with aligned columns. Cells wider than their column's limit wrap, at a
 * space or comma where there is one; each cell may carry a colour applied after padding, so
 * escape sequences never disturb the alignment.
 */
final class TextTable {
    /** A cell: its text (may hold newlines) and how to colour each of its physical lines. */
    record Cell(String text, UnaryOperator<String> paint) {
        Cell(String text) {
            this(text, UnaryOperator.identity());
        }
    }

    private final int[] maxWidths;
    private final boolean[] rightAligned;
    private final List<List<Cell>> rows = new ArrayList<>();

    /** {@code maxWidths[i]} caps column i; {@code rightAligned[i]} pads it on the left. */
    TextTable(int[] maxWidths, boolean[] rightAligned) {
        assert maxWidths.length == rightAligned.length : "one alignment per column";
        this.maxWidths = maxWidths.clone();
        this.rightAligned = rightAligned.clone();
    }

    void add(List<Cell> row) {
        assert row.size() == maxWidths.length : "row width " + row.size() + " != " + maxWidths.length;
        rows.add(row);
    }

    /** The table, each physical line newline-terminated and without trailing spaces. */
    String render(String indent) {
        int n = maxWidths.length;
        List<List<List<String>>> wrapped = new ArrayList<>();
        int[] widths = new int[n];
        for (List<Cell> row : rows) {
            List<List<String>> w = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                List<String> parts = wrap(row.get(c).text(), maxWidths[c]);
                w.add(parts);
                for (String part : parts) {
                    widths[c] = Math.max(widths[c], width(part));
                }
            }
            wrapped.add(w);
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<List<String>> w = wrapped.get(r);
            int height = w.stream().mapToInt(List::size).max().orElse(1);
            for (int k = 0; k < height; k++) {
                StringBuilder line = new StringBuilder(indent);
                for (int c = 0; c < n; c++) {
                    String part = k < w.get(c).size() ? w.get(c).get(k) : "";
                    String fill = " ".repeat(Math.max(0, widths[c] - width(part)));
                    String painted = part.isEmpty() ? "" : rows.get(r).get(c).paint().apply(part);
                    line.append(rightAligned[c] ? fill + painted : painted + fill);
                    line.append(c + 1 < n ? "  " : "");
                }
                sb.append(stripTrailing(line.toString())).append('\n');
            }
        }
        return sb.toString();
    }

    /** Display width in terminal columns: one per code point (the marks used here are narrow). */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Splits {@code text} at its newlines and then to at most {@code max} columns per line. */
    static List<String> wrap(String text, int max) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String rest = line;
            while (width(rest) > max) {
                int cut = breakPoint(rest, max);
                out.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            out.add(rest);
        }
        return out;
    }

    private static int breakPoint(String s, int max) {
        int limit = s.offsetByCodePoints(0, max);
        for (int i = limit; i > 1; i--) {
            char ch = s.charAt(i - 1);
            if (ch == ' ' || ch == ',' || ch == '|') {
                return i;
            }
        }
        return limit;
    }
}
