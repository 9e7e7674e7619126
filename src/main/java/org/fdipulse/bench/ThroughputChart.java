package org.fdipulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.fdipulse.output.JsonViews;

/**
 * Draws throughput against the number of events as an SVG bar chart, from the JSON lines that {@code bench
 * --append-to} recorded: for each event count (the latest run of it), the pass-through floor, the count peer, the job
 * under exactly-once and under at-least-once, and the job as several processes when measured, on a logarithmic axis so that figures two orders apart stay readable.
 */
public final class ThroughputChart {

    private record Series(String key, String label, String color) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("passthroughEventsPerSec", "pass-through (the floor)", "#8c8c8c"),
            new Series("countEventsPerSec", "groupByKey().count()", "#5b9bd5"),
            new Series("jobEventsPerSec", "job, exactly_once_v2", "#d9534f"),
            new Series("jobAlosEventsPerSec", "job, at_least_once", "#f0ad4e"),
            new Series("jobInstancesEventsPerSec", "job as separate processes (--instances), exactly_once_v2", "#8e44ad"));

    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;

    private ThroughputChart() {
    }

    public static void render(Path results, Path svg) throws IOException {
        TreeMap<Long, JsonNode> runs = new TreeMap<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode run = JsonViews.MAPPER.readTree(line);
                runs.put(run.path("events").asLong(), run);
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(results + " holds no benchmark results; run bench --append-to " + results);
        }
        Files.writeString(svg, svg(runs), StandardCharsets.UTF_8);
    }

    private static String svg(TreeMap<Long, JsonNode> runs) {
        double max = 1;
        for (JsonNode run : runs.values()) {
            for (Series s : SERIES) {
                max = Math.max(max, run.path(s.key()).asDouble(0));
            }
        }
        double decades = Math.ceil(Math.log10(max));
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double plotWidth = WIDTH - LEFT - RIGHT;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
                + "fdi-pulse throughput against input size (events/s, log scale)</text>%n", LEFT));
        for (int d = 0; d <= decades; d++) {
            double y = TOP + plotHeight - plotHeight * d / decades;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, WIDTH - RIGHT, y, y));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, compact(Math.pow(10, d))));
        }
        double groupWidth = plotWidth / runs.size();
        double barWidth = groupWidth * 0.8 / SERIES.size();
        int group = 0;
        for (var run : runs.entrySet()) {
            double x0 = LEFT + group * groupWidth + groupWidth * 0.1;
            for (int i = 0; i < SERIES.size(); i++) {
                double value = run.getValue().path(SERIES.get(i).key()).asDouble(0);
                if (value <= 0) {
                    continue;
                }
                double h = plotHeight * Math.max(0, Math.log10(value)) / decades;
                double x = x0 + i * barWidth;
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"/>%n", x, TOP + plotHeight - h, barWidth - 2, h, SERIES.get(i).color()));
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                        + "font-size=\"10\">%s</text>%n", x + barWidth / 2 - 1, TOP + plotHeight - h - 4, compact(value)));
            }
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s events</text>%n",
                    x0 + groupWidth * 0.4, TOP + plotHeight + 18, compact(run.getKey())));
            group++;
        }
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < SERIES.size(); i++) {
            double y = HEIGHT - BOTTOM + 40 + (i / 2) * 18;
            double x = LEFT + (i % 2) * 320;
            legend.add(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x, y, SERIES.get(i).color(), x + 18, y + 10, SERIES.get(i).label()));
        }
        legend.forEach(out::append);
        out.append("</svg>\n");
        return out.toString();
    }

    /** 1234 → 1.2k, 1250000 → 1.25M, 5000000 → 5M. */
    static String compact(double value) {
        if (value >= 1_000_000) {
            return new BigDecimal(value / 1_000_000).setScale(2, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros().toPlainString() + "M";
        }
        if (value >= 1_000) {
            return trim(value / 1_000) + "k";
        }
        return trim(value);
    }

    private static String trim(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
