package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Timeline} as inline SVG: lanes left to right on the hybrid axis, marks with
 * their labels, blocked calls as bars, signals and wake-ups as arrows, invariants in red. Every
 * mark and arrow carries an SVG {@code <title>} with the transcript text behind it, which browsers
 * show as a tooltip. Colours and fonts come from the page's CSS classes ({@code tl-*}).
 */
final class TimelineSvg {
    private static final double GUTTER = 150;
    private static final double LEFT_PAD = 18;
    private static final double RIGHT_PAD = 56;
    private static final double TOP = 6;
    private static final double KERNEL_H = 58;
    private static final double LANE_H = 70;
    private static final double AXIS_H = 44;
    private static final double LABEL_CHAR_W = 6.7;
    private static final double SUB_CHAR_W = 6.1;
    private static final double MIN_SLOT_W = 50;
    private static final double SLOT_PAD = 16;
    private static final double MIN_GAP_W = 30;
    private static final double MAX_GAP_W = 120;
    private static final double OPEN_BAR_TAIL = 40;
    private static final double KERNEL_ARROW_LEAD = 20;
    private static final double SPAWN_OFFSET = 12;

    private final Timeline t;
    private final String id;
    private final StringBuilder sb = new StringBuilder();
    private final double[] center;
    private final List<double[]> gaps = new ArrayList<>();
    private final List<Integer> instantStarts = new ArrayList<>();
    private final Map<String, Double> laneY = new HashMap<>();
    private final double width;
    private final double plotRight;
    private final double height;
    private final double axisY;

    private TimelineSvg(Timeline t, String id) {
        this.t = t;
        this.id = id;
        int n = t.slots().size();
        center = new double[n];
        double[] slotW = slotWidths();
        double x = GUTTER + LEFT_PAD;
        for (int i = 0; i < n; i++) {
            if (i > 0 && !t.slots().get(i).equals(t.slots().get(i - 1))) {
                long dt = t.slots().get(i) - t.slots().get(i - 1);
                double w = gapWidth(dt);
                gaps.add(new double[] {x, x + w, dt});
                x += w;
            }
            if (i == 0 || !t.slots().get(i).equals(t.slots().get(i - 1))) {
                instantStarts.add(i);
            }
            center[i] = x + slotW[i] / 2;
            x += slotW[i];
        }
        plotRight = x + OPEN_BAR_TAIL;
        width = Math.max(plotRight + RIGHT_PAD, GUTTER + 320);
        laneY.put(Timeline.KERNEL, TOP + KERNEL_H / 2);
        for (int i = 0; i < t.lanes().size(); i++) {
            laneY.put(t.lanes().get(i).name(), TOP + KERNEL_H + i * LANE_H + LANE_H / 2);
        }
        axisY = TOP + KERNEL_H + t.lanes().size() * LANE_H + 8;
        height = axisY + AXIS_H;
    }

    /** The SVG element for {@code t}; {@code id} prefixes its internal ids (unique within the page). */
    static String render(Timeline t, String id) {
        return new TimelineSvg(t, id).draw();
    }

    private double[] slotWidths() {
        double[] w = new double[t.slots().size()];
        java.util.Arrays.fill(w, MIN_SLOT_W);
        for (Timeline.Mark m : t.marks()) {
            double need = Math.max(m.label().length() * LABEL_CHAR_W, m.sublabel().length() * SUB_CHAR_W) + SLOT_PAD;
            w[m.slot()] = Math.max(w[m.slot()], need);
        }
        return w;
    }

    /** Wider for longer waits, logarithmically: 2 µs and 45 s both fit on one screen. */
    static double gapWidth(long nanos) {
        double w = MIN_GAP_W + 16 * Math.log10(nanos / 1e6 + 1);
        return Math.min(MAX_GAP_W, Math.max(MIN_GAP_W, w));
    }

    private String draw() {
        sb.append(String.format(Locale.ROOT, "<svg class=\"tl\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            + "viewBox=\"0 0 %.0f %.0f\" role=\"img\">\n", width, height, width, height));
        defs();
        background();
        laneLines();
        invariantRules();
        bars();
        arrows();
        marks();
        gutter();
        axis();
        sb.append("</svg>\n");
        return sb.toString();
    }

    private void defs() {
        sb.append("<defs>\n");
        for (String k : List.of("signal", "wake", "spawn")) {
            sb.append(String.format(Locale.ROOT, "<marker id=\"%s-%s\" viewBox=\"0 0 10 10\" refX=\"8.5\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,1 L9,5 L0,9 z\" class=\"tl-head-%s\"/></marker>\n",
                id, k, k));
        }
        sb.append(String.format(Locale.ROOT, "<pattern id=\"%s-gap\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"tl-gap-bg\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"tl-gap-hatch\"/></pattern>\n", id));
        sb.append(String.format(Locale.ROOT, "<linearGradient id=\"%s-fade\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
            + "<stop offset=\"0\" class=\"tl-fade-0\"/><stop offset=\"1\" class=\"tl-fade-1\"/></linearGradient>\n", id));
        sb.append("</defs>\n");
    }

    private void background() {
        rect(GUTTER, TOP, plotRight - GUTTER, KERNEL_H, "tl-kernel-band");
        for (int i = 0; i < t.lanes().size(); i++) {
            rect(GUTTER, TOP + KERNEL_H + i * LANE_H, plotRight - GUTTER, LANE_H, i % 2 == 0 ? "tl-band-a" : "tl-band-b");
        }
        for (double[] g : gaps) {
            sb.append(String.format(Locale.ROOT, "<g><title>%s of virtual time pass here</title>"
                + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#%s-gap)\" class=\"tl-gap\"/></g>\n",
                Html.esc(Timeline.Render.seconds((long) g[2])), g[0], TOP, g[1] - g[0], axisY - TOP, id));
        }
    }

    private void laneLines() {
        for (Timeline.Lane l : t.lanes()) {
            double y = laneY.get(l.name());
            double x0 = l.startSlot() >= 0 ? center[l.startSlot()] + SPAWN_OFFSET : GUTTER + 4;
            Integer end = t.ends().get(l.name());
            double x1 = end == null ? plotRight : center[end];
            line(x0, y, x1, y, "tl-lane");
        }
        line(GUTTER + 4, laneY.get(Timeline.KERNEL), plotRight, laneY.get(Timeline.KERNEL), "tl-lane tl-lane-kernel");
    }

    private void invariantRules() {
        for (Timeline.Mark m : t.marks()) {
            if (m.kind() == Timeline.MarkKind.INVARIANT || m.kind() == Timeline.MarkKind.EXPECTED_INVARIANT) {
                double x = center[m.slot()];
                line(x, laneY.get(Timeline.KERNEL) + 10, x, axisY, m.kind() == Timeline.MarkKind.INVARIANT
                    ? "tl-inv-rule" : "tl-inv-rule tl-inv-rule-expected");
            } else if (m.kind() == Timeline.MarkKind.INVALID) {
                line(center[m.slot()], laneY.get(Timeline.KERNEL) + 10, center[m.slot()], axisY, "tl-invalid-rule");
            }
        }
    }

    private void bars() {
        for (Timeline.Bar b : t.bars()) {
            double y = laneY.get(b.lane());
            double x0 = center[b.from()];
            boolean open = b.to() < 0;
            double x1 = open ? plotRight : center[b.to()];
            String tip = b.lane() + " blocked in " + b.call() + (open ? ", never returned" + (b.hang() ? " (hang)" : "")
                : " for " + Timeline.Render.seconds(b.nanos()));
            sb.append("<g><title>").append(Html.esc(tip)).append("</title>");
            String cls = "tl-bar" + (b.hang() ? " tl-bar-hang" : "");
            if (open) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" rx=\"6\" class=\"%s\" "
                    + "style=\"fill:url(#%s-fade)\"/>", x0, y - 6, Math.max(1, x1 - x0), cls, id));
            } else {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" rx=\"6\" class=\"%s\"/>",
                    x0, y - 6, Math.max(1, x1 - x0), cls));
            }
            String label = open ? (b.hang() ? "hang" : "blocked") : Timeline.Render.seconds(b.nanos());
            double mid = (x0 + x1) / 2;
            if (x1 - x0 > label.length() * SUB_CHAR_W + 70) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tl-bar-label%s\">%s</text>", mid, y + 22,
                    b.hang() ? " tl-bar-label-hang" : "", Html.esc(label)));
            }
            sb.append("</g>\n");
        }
    }

    private void arrows() {
        for (Timeline.Arrow a : t.arrows()) {
            String k = switch (a.kind()) {
                case SIGNAL -> "signal";
                case WAKE -> "wake";
                case SPAWN -> "spawn";
            };
            double x1 = center[a.fromSlot()];
            double y1 = laneY.get(a.fromLane());
            double x2 = center[a.toSlot()];
            double y2 = laneY.get(a.toLane());
            String d;
            if (a.fromLane().equals(Timeline.KERNEL) && a.kind() != Timeline.ArrowKind.SPAWN) {
                // from the kernel (a timer, a deadline): down from the kernel lane, into the mark from its left
                double xs = x2 - KERNEL_ARROW_LEAD;
                double ky = laneY.get(Timeline.KERNEL);
                d = String.format(Locale.ROOT, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", xs, ky + 5, xs, y2 - 4,
                    xs + 4, y2, x2 - 9, y2);
                circle(xs, ky, 3, "tl-origin tl-origin-" + k);
            } else if (a.kind() == Timeline.ArrowKind.SPAWN) {
                // a new task's lane starts just right of the fork or thread call that made it
                d = String.format(Locale.ROOT, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x1 + 6, y1 + 3, x1 + SPAWN_OFFSET,
                    y1 + 8, x2 + SPAWN_OFFSET, y1 + 12, x2 + SPAWN_OFFSET, y2 - 5);
            } else if (Math.abs(x2 - x1) < 1) {
                double dir = Math.signum(y2 - y1);
                d = String.format(Locale.ROOT, "M%.1f,%.1f L%.1f,%.1f", x1, y1 + dir * 9, x2, y2 - dir * 10);
            } else {
                double dx = Math.max(18, (x2 - x1) * 0.5);
                double xe = x2 - 9;
                d = String.format(Locale.ROOT, "M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x1 + 6, y1, x1 + dx, y1,
                    xe - dx * 0.6, y2, xe, y2);
            }
            sb.append("<g><title>").append(Html.esc(a.tooltip())).append("</title>");
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" class=\"tl-hit\"/>", d));
            sb.append(String.format(Locale.ROOT, "<path d=\"%s\" class=\"tl-arrow tl-arrow-%s\" marker-end=\"url(#%s-%s)\"/>", d, k, id, k));
            sb.append("</g>\n");
        }
    }

    private void marks() {
        for (Timeline.Mark m : t.marks()) {
            double x = center[m.slot()];
            double y = laneY.get(m.lane());
            StringBuilder tip = new StringBuilder(m.tooltip());
            for (String n : m.notes()) {
                tip.append("\nthe file expected: ").append(n);
            }
            sb.append("<g class=\"tl-mark\"><title>").append(Html.esc(tip.toString())).append("</title>");
            glyph(m, x, y);
            if (!m.notes().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"10.5\" class=\"tl-contradicts\"/>", x, y));
            }
            String labelCls = switch (m.kind()) {
                case INVARIANT, EXPECTED_INVARIANT -> "tl-label tl-label-inv";
                case INVALID -> "tl-label tl-label-invalid";
                case SIGNAL -> "tl-label tl-label-signal";
                case ADVANCE, CAT -> "tl-label tl-label-kernel";
                default -> "tl-label";
            };
            text(x, y - 13, labelCls, m.label());
            if (!m.sublabel().isEmpty()) {
                text(x, y + 21, subClass(m), m.sublabel());
            }
            sb.append("</g>\n");
        }
    }

    private static String subClass(Timeline.Mark m) {
        return switch (m.kind()) {
            case ERROR -> "tl-sub tl-sub-err";
            case BLOCKS, STILL_BLOCKED -> "tl-sub tl-sub-blocked";
            case RESUMED -> m.sublabel().matches("^[A-Z][A-Z0-9]+$") && !m.sublabel().startsWith("SIG") ? "tl-sub tl-sub-err" : "tl-sub";
            case INVARIANT, EXPECTED_INVARIANT -> "tl-sub tl-sub-inv";
            case KILLED -> "tl-sub tl-sub-err";
            default -> "tl-sub";
        };
    }

    private void glyph(Timeline.Mark m, double x, double y) {
        switch (m.kind()) {
            case STEP -> circle(x, y, 5.5, "tl-dot tl-ok");
            case ERROR -> circle(x, y, 5.5, "tl-dot tl-err");
            case BLOCKS -> circle(x, y, 5.5, "tl-dot tl-blocked");
            case RESUMED -> {
                circle(x, y, 6.5, "tl-dot tl-resumed");
                circle(x, y, 3, m.sublabel().matches("^E[A-Z0-9]+$") ? "tl-dot-core tl-err" : "tl-dot-core tl-ok");
            }
            case STILL_BLOCKED -> circle(x, y, 6, "tl-still");
            case SIGNAL -> sb.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f,%.1f l7,7 l-7,7 l-7,-7 z\" class=\"tl-signal\"/>", x, y - 7));
            case EXIT -> sb.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" rx=\"2\" class=\"tl-exit\"/>", x - 5, y - 5));
            case KILLED -> sb.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f,%.1f l10,10 M%.1f,%.1f l-10,10\" class=\"tl-killed\"/>", x - 5, y - 5, x + 5, y - 5));
            case INVARIANT, EXPECTED_INVARIANT -> {
                circle(x, y, 8.5, m.kind() == Timeline.MarkKind.INVARIANT ? "tl-inv" : "tl-inv tl-inv-expected");
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tl-bang%s\">!</text>", x, y + 4,
                    m.kind() == Timeline.MarkKind.INVARIANT ? "" : " tl-bang-expected"));
            }
            case ADVANCE -> {
                circle(x, y, 7, "tl-clock");
                sb.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f v-4.5 M%.1f,%.1f h3.5\" class=\"tl-clock-hands\"/>",
                    x, y, x, y));
            }
            case CAT -> sb.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f,%.1f h6 l4,4 v10 h-10 z\" class=\"tl-cat\"/>", x - 5, y - 7));
            case INVALID -> sb.append(String.format(Locale.ROOT,
                "<path d=\"M%.1f,%.1f h6 l4,4 v6 l-4,4 h-6 l-4,-4 v-6 z\" class=\"tl-invalid\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" class=\"tl-bang\">×</text>", x - 3, y - 7, x, y + 4));
        }
    }

    private void gutter() {
        rect(0, TOP, GUTTER, axisY - TOP, "tl-gutter");
        double ky = laneY.get(Timeline.KERNEL);
        text(14, ky + 4, "tl-lane-name tl-lane-name-kernel", "kernel", "start");
        for (Timeline.Lane l : t.lanes()) {
            double y = laneY.get(l.name());
            text(14, y - 1, "tl-lane-name", l.name(), "start");
            if (!l.note().isEmpty()) {
                text(14, y + 14, "tl-lane-note", l.note(), "start");
            }
        }
        line(GUTTER, TOP, GUTTER, axisY, "tl-gutter-rule");
    }

    private void axis() {
        line(GUTTER, axisY, plotRight, axisY, "tl-axis");
        double lastEnd = -1;
        for (int i : instantStarts) {
            double x = center[i];
            line(x, axisY - 4, x, axisY + 4, "tl-axis");
            String label = "t=" + Timeline.Render.seconds(t.slots().get(i));
            if (x - label.length() * 3.2 > lastEnd + 6) {
                text(x, axisY + 17, "tl-time", label);
                lastEnd = x + label.length() * 3.2;
            }
        }
        for (double[] g : gaps) {
            double mid = (g[0] + g[1]) / 2;
            sb.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%.1f l3,-4 l3,8 l3,-8 l3,8 l3,-4\" class=\"tl-axis-break\"/>",
                mid - 7.5, axisY));
            text(mid, axisY + 32, "tl-gap-label", "+" + Timeline.Render.seconds((long) g[2]));
        }
        text(plotRight, axisY + 32, "tl-axis-caption", "virtual time →", "end");
    }

    private void rect(double x, double y, double w, double h, String cls) {
        sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\"/>\n", x, y, w, h, cls));
    }

    private void line(double x1, double y1, double x2, double y2, String cls) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>\n", x1, y1, x2, y2, cls));
    }

    private void circle(double x, double y, double r, String cls) {
        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" class=\"%s\"/>", x, y, r, cls));
    }

    private void text(double x, double y, String cls, String s) {
        text(x, y, cls, s, "middle");
    }

    private void text(double x, double y, String cls, String s, String anchor) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">%s</text>", x, y, anchor, cls,
            Html.esc(s)));
    }
}
