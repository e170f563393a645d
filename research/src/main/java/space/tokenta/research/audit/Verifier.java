package space.tokenta.research.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import space.tokenta.research.agent.GreedyEndpoint;
import space.tokenta.research.agent.Mlp;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.eval.A3Tuning;
import space.tokenta.research.eval.Evaluation;
import space.tokenta.research.eval.EventBuffer;
import space.tokenta.research.eval.Pipeline;
import space.tokenta.research.eval.Policies;
import space.tokenta.research.eval.Seeds;
import space.tokenta.research.eval.Totals;
import space.tokenta.research.protocol.FallbackReason;
import space.tokenta.research.protocol.ReplayPort;

/**
 * Checks a run directory: config hash everywhere, artifact and model hashes against the manifest,
 * the event log's hash chain, every metric recomputed from the logged events against the results
 * file, and a re-run of logged episodes that must reproduce their event stream byte for byte.
 */
public final class Verifier {
    private Verifier() {}

    /** Throws {@link AuditException} on the first failed check; prints one line per passed check. */
    public static void verify(final RunFiles files, final PrintStream out) {
        final ResearchConfig.Loaded loaded = Pipeline.loadRunConfig(files);
        final ResearchConfig cfg = loaded.config();
        final String configSha = loaded.sha256();
        final JsonNode manifest = RunFiles.readJson(files.manifest());
        final JsonNode results = RunFiles.readJson(files.results());
        final JsonNode tuning = RunFiles.readJson(files.tuning());
        final JsonNode train = RunFiles.readJson(files.train());
        for (var e : Map.of("manifest", manifest, "results", results, "tuning", tuning, "train", train).entrySet()) {
            check(configSha.equals(e.getValue().path("configSha256").asText()), e.getKey() + " carries the config SHA-256");
        }
        out.println("ok  config SHA-256 " + configSha + " in every artifact");
        manifest.path("artifacts").fields().forEachRemaining(e ->
                check(RunFiles.sha256(files.dir().resolve(e.getKey())).equals(e.getValue().asText()), "artifact " + e.getKey() + " matches the manifest"));
        final Map<Long, Mlp> models = Pipeline.loadModels(loaded, files);
        for (long seed : cfg.run().trainingSeeds()) {
            check(RunFiles.sha256(files.model(seed)).equals(manifest.path("models").path(String.valueOf(seed)).asText()),
                    "model for seed " + seed + " matches the manifest");
        }
        out.println("ok  artifact and model hashes match the manifest");

        final List<AuditLog.Entry> entries;
        try {
            entries = AuditLog.readVerified(files.events());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(!entries.isEmpty() && entries.get(entries.size() - 1).hash().equals(manifest.path("eventLogHead").asText()),
                "the event log ends at the head recorded in the manifest");
        out.println("ok  event log hash chain (" + entries.size() + " entries)");

        // Recompute every metric from the events.
        final List<Long> seeds = cfg.run().trainingSeeds();
        final Totals[][] totals = new Totals[seeds.size()][Policies.ALL.size()];
        for (Totals[] row : totals) {
            for (int p = 0; p < row.length; p++) {
                row[p] = new Totals();
            }
        }
        final long[] fallbackCounts = new long[FallbackReason.values().length];
        long agentDecisions = 0;
        String resultsSha = null;
        int[] counts = null;
        for (AuditLog.Entry e : entries) {
            switch (e.kind()) {
                case "EP_START" -> counts = new int[5];
                case "HO" -> counts[0]++;
                case "PING_PONG" -> counts[1]++;
                case "RLF" -> counts[2]++;
                case "HOF" -> counts[3]++;
                case "FALLBACK" -> {
                    counts[4]++;
                    fallbackCounts[FallbackReason.valueOf(e.dataNode().path("reason").asText()).ordinal()]++;
                }
                case "EP_END" -> {
                    final JsonNode d = e.dataNode();
                    check(counts != null && counts[0] == d.path("handovers").asInt() && counts[1] == d.path("pingPongs").asInt()
                            && counts[2] == d.path("radioLinkFailures").asInt() && counts[3] == d.path("handoverFailures").asInt()
                            && counts[4] == d.path("fallbacks").asInt(), "entry " + e.index() + ": episode counters equal its events");
                    final int s = seeds.indexOf(d.path("seed").asLong());
                    final int p = Policies.ALL.indexOf(d.path("policy").asText());
                    check(s >= 0 && p >= 0, "entry " + e.index() + ": known seed and policy");
                    totals[s][p].add(d.path("ticks").asLong(), d.path("handovers").asLong(), d.path("pingPongs").asLong(),
                            d.path("radioLinkFailures").asLong(), d.path("handoverFailures").asLong(), d.path("outageTicks").asLong(),
                            d.path("fallbacks").asLong(), d.path("decisions").asLong(), d.path("throughputMbit").asDouble());
                    if (p == 0) {
                        agentDecisions += d.path("decisions").asLong();
                    }
                    counts = null;
                }
                case "RESULTS" -> resultsSha = e.dataNode().path("resultsSha256").asText();
                default -> { }
            }
        }
        check(RunFiles.sha256(files.results()).equals(resultsSha), "results.json is the one the log recorded");
        final A3Tuning.Point chosen = new A3Tuning.Point(tuning.path("chosen").path("hysteresisDb").asDouble(),
                tuning.path("chosen").path("tttMs").asDouble(), 0, 0, 0, 0, true);
        final ObjectNode recomputed = Evaluation.results(loaded, totals, null, new A3Tuning.Result(List.of(), chosen, chosen));
        for (String key : List.of("perSeed", "summary", "handoverReductionPct", "a3Tuned")) {
            check(text(recomputed.get(key)).equals(text(results.get(key))), "metric block '" + key + "' recomputed from the events equals results.json");
        }
        final JsonNode fb = results.path("decisionLatency").path("fallbacks");
        for (FallbackReason r : FallbackReason.values()) {
            check(fb.path(r.name()).asLong() == fallbackCounts[r.ordinal()], "fallback count " + r + " equals the logged fallbacks");
        }
        check(results.path("decisionLatency").path("decisions").asLong() == agentDecisions, "agent decision count equals the log");
        out.println("ok  every metric recomputed from the logged events equals results.json");

        // Re-run the first episode of the first seed for the agent and for A3 default.
        final long seed = seeds.get(0);
        for (String policy : List.of(Policies.DDQN, Policies.A3_DEFAULT)) {
            final List<EventBuffer.Event> logged = loggedEpisode(entries, seed, policy, 0);
            final Set<Long> misses = new HashSet<>();
            for (EventBuffer.Event ev : logged) {
                if (ev.kind().equals("FALLBACK") && ev.data().contains("\"reason\":\"DEADLINE\"")) {
                    misses.add(AuditLogJson.readLong(ev.data(), "seq"));
                }
            }
            final long episodeSeed = Seeds.evaluation(cfg.run().evalSeedBase(), seed, 0);
            final Evaluation.Outcome again = Evaluation.runEpisode(cfg, policy, episodeSeed, chosen,
                    new ReplayPort(new GreedyEndpoint(models.get(seed)), misses), null);
            final List<EventBuffer.Event> rerun = new ArrayList<>();
            rerun.add(new EventBuffer.Event("EP_START", Evaluation.startData(seed, policy, 0, episodeSeed)));
            rerun.addAll(again.events());
            rerun.add(new EventBuffer.Event("EP_END", Evaluation.endData(seed, policy, 0, again.metrics())));
            check(rerun.equals(logged), "re-run of seed " + seed + " " + policy + " episode 0 reproduces its logged event stream byte for byte");
            out.println("ok  re-run of seed " + seed + " " + policy + " episode 0: " + rerun.size() + " events identical"
                    + (misses.isEmpty() ? "" : " (" + misses.size() + " logged deadline misses injected)"));
        }
    }

    private static List<EventBuffer.Event> loggedEpisode(final List<AuditLog.Entry> entries, final long seed,
                                                         final String policy, final int episode) {
        final String start = "{\"seed\":" + seed + ",\"policy\":\"" + policy + "\",\"episode\":" + episode + ",";
        final List<EventBuffer.Event> out = new ArrayList<>();
        boolean inside = false;
        for (AuditLog.Entry e : entries) {
            if (!inside && e.kind().equals("EP_START") && e.data().startsWith(start)) {
                inside = true;
            }
            if (inside) {
                out.add(new EventBuffer.Event(e.kind(), e.data()));
                if (e.kind().equals("EP_END")) {
                    return out;
                }
            }
        }
        throw new AuditException("episode " + episode + " of seed " + seed + " policy " + policy + " is not in the log", null);
    }

    private static String text(final JsonNode node) {
        try {
            return AuditLog.JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(final boolean ok, final String what) {
        if (!ok) {
            throw new AuditException("verification failed: " + what, null);
        }
    }

    /** Reads a number field from an event's data. */
    static final class AuditLogJson {
        private AuditLogJson() {}

        static long readLong(final String data, final String field) {
            try {
                return AuditLog.JSON.readTree(data).path(field).asLong();
            } catch (IOException e) {
                throw new AuditException("unreadable event data", e);
            }
        }
    }
}
