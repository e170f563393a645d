package space.tokenta.research.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Markdown report of a run: every policy, every seed, every baseline's reduction, latency, tuning. */
public final class Report {
    /** The portfolio's headline, checked against each baseline. */
    public static final double CLAIMED_REDUCTION_PCT = 78.5;

    private Report() {}

    public static String paretoTable(final A3Tuning.Result tuning) {
        final StringBuilder sb = new StringBuilder();
        sb.append("A3 tuning grid on tuning seeds (HO/UE-min vs failures/UE-min; * = Pareto front):\n");
        sb.append(String.format(Locale.ROOT, "  %-8s %-8s %10s %12s %10s%n", "hys dB", "TTT ms", "HO/min", "fail/min", "PP/min"));
        for (A3Tuning.Point p : tuning.grid()) {
            sb.append(String.format(Locale.ROOT, "%s %-8.1f %-8.0f %10.2f %12.3f %10.2f%n", p.pareto() ? " *" : "  ",
                    p.hysteresisDb(), p.tttMs(), p.handoversPerMin(), p.failuresPerMin(), p.pingPongsPerMin()));
        }
        final A3Tuning.Point d = tuning.defaultPoint();
        sb.append(String.format(Locale.ROOT, "  default %.1f dB / %.0f ms: %.2f HO/min, %.3f fail/min%n",
                d.hysteresisDb(), d.tttMs(), d.handoversPerMin(), d.failuresPerMin()));
        sb.append(String.format(Locale.ROOT, "  chosen  %.1f dB / %.0f ms (fewest HO on the front with failures <= default)%n",
                tuning.chosen().hysteresisDb(), tuning.chosen().tttMs()));
        return sb.toString();
    }

    public static String markdown(final JsonNode results, final JsonNode tuning, final JsonNode train) {
        final StringBuilder sb = new StringBuilder();
        sb.append("# TN-NTN handover evaluation: ").append(results.path("config").asText()).append("\n\n");
        sb.append("config SHA-256: `").append(results.path("configSha256").asText()).append("`  \n");
        sb.append("seeds: ").append(results.path("perSeed").size()).append(", held-out episodes per seed: ")
                .append(results.path("evalEpisodesPerSeed").asInt()).append("; mean ± 95% CI over seeds (Student t)\n\n");
        sb.append("| policy |");
        for (Totals.Metric m : Totals.Metric.values()) {
            sb.append(' ').append(m.label).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(Totals.Metric.values().length)).append('\n');
        for (JsonNode p : results.path("policies")) {
            final String name = p.asText();
            sb.append("| ").append(name).append(" |");
            for (Totals.Metric m : Totals.Metric.values()) {
                sb.append(' ').append(fmt(results.path("summary").path(name).path(m.key), m.decimals)).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\n## Handover reduction of ddqn against each baseline\n\n");
        sb.append("reduction = 1 − HO_rate(ddqn) / HO_rate(baseline), per seed, then mean ± 95% CI; the portfolio claims ")
                .append(CLAIMED_REDUCTION_PCT).append("%.\n\n| baseline | reduction % | per seed | vs 78.5% claim |\n|---|---|---|---|\n");
        final var reductions = results.path("handoverReductionPct");
        for (JsonNode p : results.path("policies")) {
            final String name = p.asText();
            if (!reductions.has(name)) {
                continue;
            }
            final JsonNode r = reductions.path(name);
            final StringBuilder per = new StringBuilder();
            for (JsonNode v : r.path("perSeed")) {
                per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v.asDouble()));
            }
            final double mean = r.path("mean").asDouble();
            final double ci = r.path("ci95").asDouble();
            final String verdict;
            if (Double.isNaN(ci)) {
                verdict = "no CI (one seed)";
            } else if (mean - ci > CLAIMED_REDUCTION_PCT) {
                verdict = "above the claim";
            } else if (mean + ci < CLAIMED_REDUCTION_PCT) {
                verdict = "below the claim";
            } else {
                verdict = "inconclusive (CI contains the claim)";
            }
            sb.append("| ").append(name).append(" | ").append(fmt(r, 1)).append(" | ").append(per).append(" | ").append(verdict).append(" |\n");
        }
        sb.append("\n## Per-seed rows (handovers / UE-min; RLF+HOF / UE-min)\n\n| seed |");
        for (JsonNode p : results.path("policies")) {
            sb.append(' ').append(p.asText()).append(" |");
        }
        sb.append("\n|---|").append("---|".repeat(results.path("policies").size())).append('\n');
        for (JsonNode row : results.path("perSeed")) {
            sb.append("| ").append(row.path("seed").asLong()).append(" |");
            for (JsonNode p : results.path("policies")) {
                final JsonNode t = row.path("policies").path(p.asText());
                sb.append(String.format(Locale.ROOT, " %.2f; %.3f |", t.path("handoversPerUeMin").asDouble(),
                        t.path("rlfPerUeMin").asDouble() + t.path("hofPerUeMin").asDouble()));
            }
            sb.append('\n');
        }
        final JsonNode lat = results.path("decisionLatency");
        if (!lat.isMissingNode()) {
            sb.append("\n## Agent decision path (lock-step protocol, round trip)\n\n");
            sb.append(String.format(Locale.ROOT, "decisions %d; p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; deadline %d µs%n",
                    lat.path("decisions").asLong(), lat.path("p50Micros").asDouble(), lat.path("p99Micros").asDouble(),
                    lat.path("p999Micros").asDouble(), lat.path("maxMicros").asDouble(), lat.path("deadlineMicros").asLong()));
            if (lat.has("inferenceP50Micros")) {
                sb.append(String.format(Locale.ROOT, "agent compute alone: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs "
                        + "(%d CPUs, load average %.2f during the run)%n", lat.path("inferenceP50Micros").asDouble(),
                        lat.path("inferenceP99Micros").asDouble(), lat.path("inferenceP999Micros").asDouble(),
                        lat.path("inferenceMaxMicros").asDouble(), lat.path("cpus").asInt(), lat.path("loadAverage1m").asDouble()));
            }
            sb.append("fallbacks to A3:");
            lat.path("fallbacks").fields().forEachRemaining(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue().asLong()));
            sb.append("\n");
        }
        if (tuning != null && !tuning.isMissingNode()) {
            sb.append("\n## A3 tuning (tuning seeds; * = Pareto front)\n\n| hys dB | TTT ms | HO/UE-min | RLF+HOF/UE-min | front |\n|---|---|---|---|---|\n");
            for (JsonNode p : tuning.path("grid")) {
                sb.append(String.format(Locale.ROOT, "| %.1f | %.0f | %.2f | %.3f | %s |%n", p.path("hysteresisDb").asDouble(),
                        p.path("tttMs").asDouble(), p.path("handoversPerUeMin").asDouble(), p.path("failuresPerUeMin").asDouble(),
                        p.path("pareto").asBoolean() ? "*" : ""));
            }
            sb.append(String.format(Locale.ROOT, "%nchosen: %.1f dB / %.0f ms%n", tuning.path("chosen").path("hysteresisDb").asDouble(),
                    tuning.path("chosen").path("tttMs").asDouble()));
        }
        if (train != null && !train.isMissingNode()) {
            sb.append("\n## Training\n\n| seed | episodes | decisions | updates | weights SHA-256 |\n|---|---|---|---|---|\n");
            for (JsonNode r : train.path("seeds")) {
                sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | `%s` |%n", r.path("seed").asLong(), r.path("episodes").asInt(),
                        r.path("decisions").asLong(), r.path("updates").asLong(), r.path("weightsSha256").asText()));
            }
        }
        return sb.toString();
    }

    private static String fmt(final JsonNode s, final int decimals) {
        final double mean = s.path("mean").asDouble(Double.NaN);
        final double ci = s.path("ci95").asDouble(Double.NaN);
        if (Double.isNaN(mean)) {
            return "n/a";
        }
        final String f = "%." + decimals + "f";
        return Double.isNaN(ci) ? String.format(Locale.ROOT, f, mean) : String.format(Locale.ROOT, f + " ± " + f, mean, ci);
    }
}
