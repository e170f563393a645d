package space.tokenta.research.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import space.tokenta.research.baseline.A3Policy;
import space.tokenta.research.config.ResearchConfig;
import space.tokenta.research.sim.EventSink;

/**
 * Grid search of A3 hysteresis x time-to-trigger on the tuning seeds (never the evaluation seeds).
 * Objectives, both minimised: handovers per UE-minute and failures (RLF + HOF) per UE-minute. The
 * tuned point is the one with the fewest handovers among Pareto points whose failure rate is not
 * above the default A3's on the same tuning episodes.
 */
public final class A3Tuning {
    /** One grid point's tuning-seed results. */
    public record Point(double hysteresisDb, double tttMs, double handoversPerMin, double failuresPerMin,
                        double pingPongsPerMin, double throughputMbps, boolean pareto) {}

    /** The whole grid, the default's point and the choice. */
    public record Result(List<Point> grid, Point defaultPoint, Point chosen) {}

    private A3Tuning() {}

    public static Result tune(final ResearchConfig cfg, final int threads) {
        final ResearchConfig.Baselines b = cfg.baselines();
        final List<double[]> params = new ArrayList<>();
        for (double h : b.tuneHysteresisDb()) {
            for (double ttt : b.tuneTttMs()) {
                params.add(new double[] {h, ttt});
            }
        }
        params.add(new double[] {b.a3DefaultHysteresisDb(), b.a3DefaultTttMs()});
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        final List<Future<Totals>> futures = new ArrayList<>();
        try {
            for (double[] p : params) {
                futures.add(pool.submit(() -> evaluate(cfg, p[0], p[1])));
            }
            final List<Totals> totals = new ArrayList<>();
            for (Future<Totals> f : futures) {
                totals.add(f.get());
            }
            final double tickS = cfg.tickS();
            final List<Point> raw = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                final Totals t = totals.get(i);
                final double min = t.minutes(tickS);
                raw.add(new Point(params.get(i)[0], params.get(i)[1], t.handovers / min, (t.rlf + t.hof) / min,
                        t.pingPongs / min, t.throughputMbit / (min * 60.0), false));
            }
            final Point def = raw.remove(raw.size() - 1);
            final List<Point> grid = new ArrayList<>();
            for (Point p : raw) {
                grid.add(new Point(p.hysteresisDb(), p.tttMs(), p.handoversPerMin(), p.failuresPerMin(),
                        p.pingPongsPerMin(), p.throughputMbps(), !dominated(p, raw)));
            }
            Point chosen = null;
            for (Point p : grid) {
                if (p.pareto() && p.failuresPerMin() <= def.failuresPerMin()
                        && (chosen == null || p.handoversPerMin() < chosen.handoversPerMin())) {
                    chosen = p;
                }
            }
            if (chosen == null) {
                chosen = def;
            }
            return new Result(grid, def, chosen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tuning interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("tuning failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean dominated(final Point p, final List<Point> all) {
        for (Point q : all) {
            if (q.handoversPerMin() <= p.handoversPerMin() && q.failuresPerMin() <= p.failuresPerMin()
                    && (q.handoversPerMin() < p.handoversPerMin() || q.failuresPerMin() < p.failuresPerMin())) {
                return true;
            }
        }
        return false;
    }

    private static Totals evaluate(final ResearchConfig cfg, final double h, final double tttMs) {
        final Totals t = new Totals();
        for (int e = 0; e < cfg.run().tuningEpisodes(); e++) {
            t.add(EpisodeRunner.run(cfg, Seeds.tuning(cfg.run().tuningSeedBase(), e),
                    new A3Policy("a3", h, cfg.ticksOf(tttMs)), EventSink.NONE));
        }
        return t;
    }
}
