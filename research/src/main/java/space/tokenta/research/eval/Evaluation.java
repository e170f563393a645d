package space.tokenta.research.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import space.tokenta.research.agent.FeatureEncoder;
import space.tokenta.research.agent.GreedyEndpoint;
import space.tokenta.research.agent.Mlp;
import space.tokenta.research.audit.AuditLog;
import space.tokenta.research.baseline.A3Event;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.protocol.AgentPolicy;
import space.tokenta.research.protocol.DeadlinePort;
import space.tokenta.research.protocol.DecisionPort;
import space.tokenta.research.protocol.FallbackReason;
import space.tokenta.research.protocol.LatencyRecorder;
import space.tokenta.research.protocol.TimedEndpoint;
import space.tokenta.research.sim.EpisodeMetrics;

/**
 * Paired evaluation: for every training seed, the same held-out episodes (same channel and
 * measurement randomness) are run with the trained agent and with every baseline. Results per seed,
 * mean and 95% confidence interval across seeds, and the handover reduction of the agent against
 * each baseline separately.
 */
public final class Evaluation {
    /** One episode's counters and its event stream. */
    public record Outcome(EpisodeMetrics metrics, List<EventBuffer.Event> events) {}

    private Evaluation() {}

    /** Runs one evaluation episode; {@code port} is used for the agent and ignored for baselines. */
    public static Outcome runEpisode(final ResearchConfig cfg, final String policy, final long episodeSeed,
                                     final A3Tuning.Point tuned, final DecisionPort port, final LatencyRecorder latency) {
        final EventBuffer buffer = new EventBuffer();
        final EpisodeMetrics m;
        if (Policies.DDQN.equals(policy)) {
            final AgentPolicy agent = new AgentPolicy(new FeatureEncoder(cfg), port,
                    new A3Event(cfg.baselines().a3DefaultHysteresisDb(), 0.0, cfg.ticksOf(cfg.baselines().a3DefaultTttMs())),
                    cfg.agent().decisionPeriodTicks(), buffer, null, latency);
            m = EpisodeRunner.run(cfg, episodeSeed, agent, buffer);
        } else {
            m = EpisodeRunner.run(cfg, episodeSeed, Policies.baseline(policy, cfg, tuned), buffer);
        }
        return new Outcome(m, buffer.events());
    }

    public static String startData(final long seed, final String policy, final int episode, final long episodeSeed) {
        return "{\"seed\":" + seed + ",\"policy\":\"" + policy + "\",\"episode\":" + episode + ",\"episodeSeed\":" + episodeSeed + "}";
    }

    public static String endData(final long seed, final String policy, final int episode, final EpisodeMetrics m) {
        return "{\"seed\":" + seed + ",\"policy\":\"" + policy + "\",\"episode\":" + episode
                + ",\"ticks\":" + m.ticks + ",\"handovers\":" + m.handovers + ",\"pingPongs\":" + m.pingPongs
                + ",\"radioLinkFailures\":" + m.radioLinkFailures + ",\"handoverFailures\":" + m.handoverFailures
                + ",\"outageTicks\":" + m.outageTicks + ",\"fallbacks\":" + m.fallbacks + ",\"decisions\":" + m.decisions
                + ",\"throughputMbit\":" + m.throughputMbit + "}";
    }

    /** Evaluates everything, appends every episode to the log and returns the results document. */
    public static ObjectNode evaluate(final ResearchConfig.Loaded loaded, final Map<Long, Mlp> models,
                                      final A3Tuning.Result tuning, final AuditLog log, final PrintStream out) {
        final ResearchConfig cfg = loaded.config();
        final List<Long> seeds = cfg.run().trainingSeeds();
        final int episodes = cfg.run().evalEpisodesPerSeed();
        final int nPolicies = Policies.ALL.size();
        final long startNs = System.nanoTime();
        @SuppressWarnings("unchecked")
        final List<Outcome>[][] outcomes = new List[seeds.size()][nPolicies];
        final LatencyRecorder latency = new LatencyRecorder();
        final org.HdrHistogram.Histogram inference = new org.HdrHistogram.Histogram(1, 60_000_000_000L, 3);

        // Baselines: independent and deterministic, so seeds x policies run in parallel.
        final ExecutorService pool = Executors.newFixedThreadPool(cfg.run().threads());
        try {
            final List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) {
                for (String policy : Policies.BASELINES) {
                    final long seed = seeds.get(s);
                    futures.add(pool.submit(() -> {
                        final List<Outcome> list = new ArrayList<>();
                        for (int e = 0; e < episodes; e++) {
                            list.add(runEpisode(cfg, policy, Seeds.evaluation(cfg.run().evalSeedBase(), seed, e), tuning.chosen(), null, null));
                        }
                        return list;
                    }));
                }
            }
            int k = 0;
            for (int s = 0; s < seeds.size(); s++) {
                for (String policy : Policies.BASELINES) {
                    outcomes[s][Policies.ALL.indexOf(policy)] = futures.get(k++).get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        out.printf("research: baselines evaluated (%d seeds x %d episodes x %d baselines) in %.1f s%n", seeds.size(), episodes,
                Policies.BASELINES.size(), (System.nanoTime() - startNs) / 1e9);
        final long agentStartNs = System.nanoTime();

        // The agent: one seed at a time, so that its decision thread has a core to itself.
        final long deadlineNs = cfg.protocol().deadlineMicros() * 1000L;
        for (int s = 0; s < seeds.size(); s++) {
            final long seed = seeds.get(s);
            final Mlp model = models.get(seed);
            if (model == null) {
                throw new IllegalArgumentException("no trained model for seed " + seed);
            }
            final List<Outcome> list = new ArrayList<>();
            final TimedEndpoint timed = new TimedEndpoint(new GreedyEndpoint(model));
            try (DeadlinePort port = new DeadlinePort(timed, deadlineNs, "ddqn-seed-" + seed)) {
                for (int e = 0; e < episodes; e++) {
                    list.add(runEpisode(cfg, Policies.DDQN, Seeds.evaluation(cfg.run().evalSeedBase(), seed, e), tuning.chosen(), port, latency));
                }
            }
            inference.add(timed.histogram());
            outcomes[s][0] = list;
        }
        out.printf("research: agent evaluated through the lock-step protocol (%d decisions) in %.1f s%n", latency.decisions(),
                (System.nanoTime() - agentStartNs) / 1e9);

        // Log in a fixed order: seed, policy, episode.
        final Totals[][] totals = new Totals[seeds.size()][nPolicies];
        for (int s = 0; s < seeds.size(); s++) {
            final long seed = seeds.get(s);
            for (int p = 0; p < nPolicies; p++) {
                final String policy = Policies.ALL.get(p);
                totals[s][p] = new Totals();
                for (int e = 0; e < episodes; e++) {
                    final Outcome o = outcomes[s][p].get(e);
                    log.append("EP_START", startData(seed, policy, e, Seeds.evaluation(cfg.run().evalSeedBase(), seed, e)));
                    for (EventBuffer.Event ev : o.events()) {
                        log.append(ev.kind(), ev.data());
                    }
                    log.append("EP_END", endData(seed, policy, e, o.metrics()));
                    totals[s][p].add(o.metrics());
                }
            }
        }
        final ObjectNode results = results(loaded, totals, latency, tuning);
        final ObjectNode lat = (ObjectNode) results.get("decisionLatency");
        lat.put("inferenceP50Micros", inference.getValueAtPercentile(50) / 1000.0);
        lat.put("inferenceP99Micros", inference.getValueAtPercentile(99) / 1000.0);
        lat.put("inferenceP999Micros", inference.getValueAtPercentile(99.9) / 1000.0);
        lat.put("inferenceMaxMicros", inference.getMaxValue() / 1000.0);
        lat.put("cpus", Runtime.getRuntime().availableProcessors());
        lat.put("loadAverage1m", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return results;
    }

    /** The results document; also used by verification to recompute it from the log. */
    public static ObjectNode results(final ResearchConfig.Loaded loaded, final Totals[][] totals,
                                     final LatencyRecorder latency, final A3Tuning.Result tuning) {
        final ResearchConfig cfg = loaded.config();
        final double tickS = cfg.tickS();
        final List<Long> seeds = cfg.run().trainingSeeds();
        final JsonNodeFactory f = JsonNodeFactory.instance;
        final ObjectNode root = f.objectNode();
        root.put("configSha256", loaded.sha256());
        root.put("config", cfg.name());
        root.put("evalEpisodesPerSeed", cfg.run().evalEpisodesPerSeed());
        final ArrayNode policies = root.putArray("policies");
        Policies.ALL.forEach(policies::add);
        final ArrayNode perSeed = root.putArray("perSeed");
        for (int s = 0; s < seeds.size(); s++) {
            final ObjectNode row = perSeed.addObject();
            row.put("seed", seeds.get(s));
            final ObjectNode byPolicy = row.putObject("policies");
            for (int p = 0; p < Policies.ALL.size(); p++) {
                byPolicy.set(Policies.ALL.get(p), totals[s][p].toJson(tickS));
            }
        }
        final ObjectNode summary = root.putObject("summary");
        for (int p = 0; p < Policies.ALL.size(); p++) {
            final ObjectNode pol = summary.putObject(Policies.ALL.get(p));
            for (Totals.Metric metric : Totals.Metric.values()) {
                final double[] v = new double[seeds.size()];
                for (int s = 0; s < seeds.size(); s++) {
                    v[s] = metric.of(totals[s][p], tickS);
                }
                put(pol.putObject(metric.key), Summary.of(v));
            }
        }
        final ObjectNode reductions = root.putObject("handoverReductionPct");
        for (int p = 1; p < Policies.ALL.size(); p++) {
            final double[] v = new double[seeds.size()];
            final ObjectNode red = reductions.putObject(Policies.ALL.get(p));
            final ArrayNode per = red.putArray("perSeed");
            for (int s = 0; s < seeds.size(); s++) {
                final double base = totals[s][p].handoversPerMin(tickS);
                v[s] = base == 0.0 ? Double.NaN : 100.0 * (1.0 - totals[s][0].handoversPerMin(tickS) / base);
                per.add(v[s]);
            }
            put(red, Summary.of(v));
        }
        if (latency != null) {
            final ObjectNode lat = root.putObject("decisionLatency");
            lat.put("decisions", latency.decisions());
            lat.put("deadlineMicros", cfg.protocol().deadlineMicros());
            lat.put("p50Micros", latency.percentileMicros(50));
            lat.put("p99Micros", latency.percentileMicros(99));
            lat.put("p999Micros", latency.percentileMicros(99.9));
            lat.put("maxMicros", latency.maxMicros());
            final ObjectNode fb = lat.putObject("fallbacks");
            for (FallbackReason r : FallbackReason.values()) {
                fb.put(r.name(), latency.fallbacks(r));
            }
        }
        final ObjectNode tuned = root.putObject("a3Tuned");
        tuned.put("hysteresisDb", tuning.chosen().hysteresisDb());
        tuned.put("tttMs", tuning.chosen().tttMs());
        return root;
    }

    private static void put(final ObjectNode node, final Summary s) {
        node.put("n", s.n());
        node.put("mean", s.mean());
        node.put("ci95", s.ci95());
        node.put("stdDev", s.stdDev());
    }
}
