package space.tokenta.research.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import space.tokenta.research.agent.Mlp;
import space.tokenta.research.agent.ModelCodec;
import space.tokenta.research.agent.Trainer;
import space.tokenta.research.audit.AuditException;
import space.tokenta.research.audit.AuditLog;
import space.tokenta.research.audit.Manifest;
import space.tokenta.research.audit.RunFiles;
import space.tokenta.research.config.ResearchConfig;

/** The commands' work: train, evaluate, report, each reading and writing one run directory. */
public final class Pipeline {
    private Pipeline() {}

    /** Trains one agent per seed (seeds in parallel; each is deterministic on its own). */
    public static void train(final ResearchConfig.Loaded loaded, final RunFiles files, final PrintStream out) {
        final ResearchConfig cfg = loaded.config();
        try {
            Files.createDirectories(files.dir());
            if (Files.exists(files.events()) || Files.exists(files.config())) {
                throw new IllegalArgumentException("run directory " + files.dir() + " already holds a run; use a new --out");
            }
            Files.write(files.config(), loaded.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<Long> seeds = cfg.run().trainingSeeds();
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(cfg.run().threads(), seeds.size()));
        final List<Trainer.Result> results = new ArrayList<>();
        try (AuditLog log = AuditLog.open(files.events())) {
            final ObjectNode start = JsonNodeFactory.instance.objectNode();
            start.put("configSha256", loaded.sha256());
            start.put("episodesPerSeed", cfg.run().trainEpisodes());
            log.append("TRAIN_START", start);
            final List<Future<Trainer.Result>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> Trainer.train(cfg, seed)));
            }
            for (Future<Trainer.Result> f : futures) {
                results.add(f.get());
            }
            final ObjectNode train = JsonNodeFactory.instance.objectNode();
            train.put("configSha256", loaded.sha256());
            final ArrayNode rows = train.putArray("seeds");
            for (Trainer.Result r : results) {
                RunFiles.writeJson(files.model(r.seed()), ModelCodec.encode(r.network(), r.seed(), loaded.sha256()));
                final String modelSha = RunFiles.sha256(files.model(r.seed()));
                final ObjectNode row = rows.addObject();
                row.put("seed", r.seed());
                row.put("episodes", r.episodes());
                row.put("decisions", r.decisions());
                row.put("updates", r.updates());
                row.put("finalEpsilon", r.finalEpsilon());
                row.put("meanRewardLastEpisodes", r.meanRewardLastEpisodes());
                row.put("lastLoss", r.lastLoss());
                row.put("elapsedS", r.elapsedS());
                row.put("weightsSha256", r.network().weightsSha256());
                row.put("model", files.relative(files.model(r.seed())));
                row.put("modelSha256", modelSha);
                final ObjectNode trained = JsonNodeFactory.instance.objectNode();
                trained.put("seed", r.seed());
                trained.put("updates", r.updates());
                trained.put("weightsSha256", r.network().weightsSha256());
                trained.put("modelSha256", modelSha);
                log.append("TRAINED", trained);
                out.printf("research: seed %d trained: %d episodes, %d decisions, %d updates, %.1f s, weights %s%n",
                        r.seed(), r.episodes(), r.decisions(), r.updates(), r.elapsedS(), r.network().weightsSha256().substring(0, 16));
            }
            RunFiles.writeJson(files.train(), train);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Loads the run's config, checking it is the one the run was trained with. */
    public static ResearchConfig.Loaded loadRunConfig(final RunFiles files) {
        if (!Files.exists(files.config())) {
            throw new AuditException("no config.json in " + files.dir() + ": run `train` first", null);
        }
        return ResearchConfig.load(files.config());
    }

    public static Map<Long, Mlp> loadModels(final ResearchConfig.Loaded loaded, final RunFiles files) {
        final Map<Long, Mlp> models = new TreeMap<>();
        for (long seed : loaded.config().run().trainingSeeds()) {
            final JsonNode node = RunFiles.readJson(files.model(seed));
            if (!loaded.sha256().equals(node.path("configSha256").asText())) {
                throw new AuditException("model for seed " + seed + " was trained with another config", null);
            }
            models.put(seed, ModelCodec.decode(node));
        }
        return models;
    }

    /** Tunes A3, evaluates all policies, writes results, manifest and report. */
    public static void evaluate(final RunFiles files, final PrintStream out) {
        final ResearchConfig.Loaded loaded = loadRunConfig(files);
        final ResearchConfig cfg = loaded.config();
        if (Files.exists(files.results())) {
            throw new IllegalArgumentException("run directory " + files.dir() + " is already evaluated; train into a new --out");
        }
        final Map<Long, Mlp> models = loadModels(loaded, files);
        final long tuneStartNs = System.nanoTime();
        final A3Tuning.Result tuning = A3Tuning.tune(cfg, cfg.run().threads());
        out.printf("research: A3 tuned on %d grid points x %d tuning episodes in %.1f s%n", tuning.grid().size(),
                cfg.run().tuningEpisodes(), (System.nanoTime() - tuneStartNs) / 1e9);
        RunFiles.writeJson(files.tuning(), tuningJson(loaded, tuning));
        out.print(Report.paretoTable(tuning));
        final String head;
        try (AuditLog log = AuditLog.open(files.events())) {
            final ObjectNode start = JsonNodeFactory.instance.objectNode();
            start.put("configSha256", loaded.sha256());
            start.put("tuningSha256", RunFiles.sha256(files.tuning()));
            start.put("a3TunedHysteresisDb", tuning.chosen().hysteresisDb());
            start.put("a3TunedTttMs", tuning.chosen().tttMs());
            log.append("EVAL_START", start);
            final ObjectNode results = Evaluation.evaluate(loaded, models, tuning, log, out);
            RunFiles.writeJson(files.results(), results);
            final ObjectNode done = JsonNodeFactory.instance.objectNode();
            done.put("resultsSha256", RunFiles.sha256(files.results()));
            log.append("RESULTS", done);
            head = log.head();
        }
        final Map<Long, String> modelHashes = new LinkedHashMap<>();
        for (long seed : cfg.run().trainingSeeds()) {
            modelHashes.put(seed, RunFiles.sha256(files.model(seed)));
        }
        final Map<String, String> artifacts = new TreeMap<>();
        for (var p : List.of(files.train(), files.tuning(), files.results())) {
            artifacts.put(files.relative(p), RunFiles.sha256(p));
        }
        RunFiles.writeJson(files.manifest(), Manifest.build(loaded, files, modelHashes, artifacts, head));
        report(files, out);
    }

    static ObjectNode tuningJson(final ResearchConfig.Loaded loaded, final A3Tuning.Result tuning) {
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("configSha256", loaded.sha256());
        o.put("tuningSeedBase", loaded.config().run().tuningSeedBase());
        o.put("tuningEpisodes", loaded.config().run().tuningEpisodes());
        o.set("default", point(tuning.defaultPoint()));
        o.set("chosen", point(tuning.chosen()));
        final ArrayNode grid = o.putArray("grid");
        tuning.grid().forEach(p -> grid.add(point(p)));
        return o;
    }

    private static ObjectNode point(final A3Tuning.Point p) {
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("hysteresisDb", p.hysteresisDb());
        o.put("tttMs", p.tttMs());
        o.put("handoversPerUeMin", p.handoversPerMin());
        o.put("failuresPerUeMin", p.failuresPerMin());
        o.put("pingPongsPerUeMin", p.pingPongsPerMin());
        o.put("throughputMbps", p.throughputMbps());
        o.put("pareto", p.pareto());
        return o;
    }

    /** Writes report.md from the results and prints it. */
    public static void report(final RunFiles files, final PrintStream out) {
        if (!Files.exists(files.results())) {
            throw new AuditException("no results.json in " + files.dir() + ": run `eval` first", null);
        }
        final String text = Report.markdown(RunFiles.readJson(files.results()), RunFiles.readJson(files.tuning()),
                RunFiles.readJson(files.train()));
        try {
            Files.write(files.report(), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.print(text);
    }
}
