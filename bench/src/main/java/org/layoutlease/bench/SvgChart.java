package org.layoutlease.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal SVG writer for log-log line charts: panels with axes, decade grid lines, series of
 * points with min–max whiskers, dashed reference series and horizontal reference lines. No
 * dependencies, deterministic output.
 */
final class SvgChart {
    private final int width;
    private final int height;
    private final List<Panel> panels = new ArrayList<>();

    SvgChart(int width, int height) {
        this.width = width;
        this.height = height;
    }

    Panel panel(int x, int y, int w, int h, String title, String xLabel, String yLabel,
                double xMin, double xMax, double yMin, double yMax) {
        Panel p = new Panel(x, y, w, h, title, xLabel, yLabel, xMin, xMax, yMin, yMax);
        panels.add(p);
        return p;
    }

    String render() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
            .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (Panel p : panels) {
            p.render(s);
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One log-log plot area. */
    static final class Panel {
        final int x;
        final int y;
        final int w;
        final int h;
        final String title;
        final String xLabel;
        final String yLabel;
        final double xMin;
        final double xMax;
        final double yMin;
        final double yMax;
        private final List<String> body = new ArrayList<>();
        private final List<String[]> legend = new ArrayList<>();

        Panel(int x, int y, int w, int h, String title, String xLabel, String yLabel,
              double xMin, double xMax, double yMin, double yMax) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.xMin = xMin;
            this.xMax = xMax;
            this.yMin = yMin;
            this.yMax = yMax;
        }

        double px(double v) {
            return x + w * (Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin));
        }

        double py(double v) {
            double c = Math.max(yMin, Math.min(yMax, v));
            return y + h - h * (Math.log10(c) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
        }

        /** Points are {x, median, min, max}. */
        void series(String name, String color, boolean dashed, List<double[]> pts) {
            if (pts.isEmpty()) {
                return;
            }
            StringBuilder path = new StringBuilder();
            for (double[] p : pts) {
                path.append(path.isEmpty() ? "M" : " L").append(f(px(p[0]))).append(',').append(f(py(p[1])));
            }
            String dash = dashed ? " stroke-dasharray=\"5,3\"" : "";
            body.add("<path d=\"" + path + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\"" + dash + "/>");
            for (double[] p : pts) {
                double cx = px(p[0]);
                body.add("<line x1=\"" + f(cx) + "\" y1=\"" + f(py(p[2])) + "\" x2=\"" + f(cx) + "\" y2=\"" + f(py(p[3]))
                    + "\" stroke=\"" + color + "\" stroke-width=\"1\"/>");
                body.add("<circle cx=\"" + f(cx) + "\" cy=\"" + f(py(p[1])) + "\" r=\"3\" fill=\""
                    + (dashed ? "white" : color) + "\" stroke=\"" + color + "\"/>");
            }
            legend.add(new String[] {name, color, dashed ? "d" : ""});
        }

        void hline(String name, String color, double v) {
            body.add("<line x1=\"" + x + "\" y1=\"" + f(py(v)) + "\" x2=\"" + (x + w) + "\" y2=\"" + f(py(v))
                + "\" stroke=\"" + color + "\" stroke-width=\"1\" stroke-dasharray=\"2,3\"/>");
            legend.add(new String[] {name, color, "h"});
        }

        void render(StringBuilder s) {
            s.append("<text x=\"").append(x + w / 2).append("\" y=\"").append(y - 14)
                .append("\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">").append(esc(title))
                .append("</text>\n");
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" fill=\"none\" stroke=\"#444\"/>\n");
            for (double d = xMin; d <= xMax * 1.0001; d *= 10) {
                double gx = px(d);
                s.append("<line x1=\"").append(f(gx)).append("\" y1=\"").append(y).append("\" x2=\"").append(f(gx))
                    .append("\" y2=\"").append(y + h).append("\" stroke=\"#ddd\"/>\n");
                s.append("<text x=\"").append(f(gx)).append("\" y=\"").append(y + h + 14)
                    .append("\" text-anchor=\"middle\">").append(tick(d)).append("</text>\n");
            }
            for (double d = yMin; d <= yMax * 1.0001; d *= 10) {
                double gy = py(d);
                s.append("<line x1=\"").append(x).append("\" y1=\"").append(f(gy)).append("\" x2=\"").append(x + w)
                    .append("\" y2=\"").append(f(gy)).append("\" stroke=\"#ddd\"/>\n");
                s.append("<text x=\"").append(x - 4).append("\" y=\"").append(f(gy + 4))
                    .append("\" text-anchor=\"end\">").append(tick(d)).append("</text>\n");
            }
            s.append("<text x=\"").append(x + w / 2).append("\" y=\"").append(y + h + 30)
                .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>\n");
            s.append("<text transform=\"translate(").append(x - 48).append(',').append(y + h / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>\n");
            for (String b : body) {
                s.append(b).append('\n');
            }
            int ly = y + h + 46;
            int lx = x;
            for (int i = 0; i < legend.size(); i++) {
                String[] l = legend.get(i);
                int cx = lx + (i % 2) * (w / 2);
                int cy = ly + (i / 2) * 14;
                String dash = l[2].equals("d") ? " stroke-dasharray=\"5,3\"" : l[2].equals("h") ? " stroke-dasharray=\"2,3\"" : "";
                s.append("<line x1=\"").append(cx).append("\" y1=\"").append(cy - 4).append("\" x2=\"").append(cx + 18)
                    .append("\" y2=\"").append(cy - 4).append("\" stroke=\"").append(l[1]).append("\" stroke-width=\"2\"")
                    .append(dash).append("/>\n");
                s.append("<text x=\"").append(cx + 22).append("\" y=\"").append(cy).append("\">").append(esc(l[0]))
                    .append("</text>\n");
            }
        }

        private static String tick(double d) {
            if (d >= 1_000_000) {
                return String.format(Locale.ROOT, "%.0fM", d / 1_000_000);
            }
            if (d >= 1000) {
                return String.format(Locale.ROOT, "%.0fk", d / 1000);
            }
            if (d >= 1) {
                return String.format(Locale.ROOT, "%.0f", d);
            }
            return String.format(Locale.ROOT, "%s", Double.toString(d));
        }
    }
}
