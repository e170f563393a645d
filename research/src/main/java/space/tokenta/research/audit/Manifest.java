package space.tokenta.research.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import space.tokenta.research.config.ResearchConfig;

/**
 * The run manifest: config hash, source commit, JDK, seeds, SHA-256 of every library on the class
 * path, of every model and artifact, and the head of the event log.
 */
public final class Manifest {
    private Manifest() {}

    public static ObjectNode build(final ResearchConfig.Loaded loaded, final RunFiles files, final Map<Long, String> models,
                                   final Map<String, String> artifacts, final String logHead) {
        final ResearchConfig cfg = loaded.config();
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("configSha256", loaded.sha256());
        o.put("config", cfg.name());
        o.put("commit", commit());
        o.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        final ObjectNode seeds = o.putObject("seeds");
        final var training = seeds.putArray("training");
        cfg.run().trainingSeeds().forEach(training::add);
        seeds.put("evalSeedBase", cfg.run().evalSeedBase());
        seeds.put("evalEpisodesPerSeed", cfg.run().evalEpisodesPerSeed());
        seeds.put("tuningSeedBase", cfg.run().tuningSeedBase());
        seeds.put("tuningEpisodes", cfg.run().tuningEpisodes());
        final ObjectNode deps = o.putObject("dependencies");
        final Map<String, String> jars = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                final Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    jars.put(p.getFileName().toString(), RunFiles.sha256(p));
                }
            }
        }
        jars.forEach(deps::put);
        final ObjectNode m = o.putObject("models");
        new TreeMap<>(models).forEach((seed, sha) -> m.put(String.valueOf(seed), sha));
        final ObjectNode a = o.putObject("artifacts");
        new TreeMap<>(artifacts).forEach(a::put);
        o.put("eventLogHead", logHead);
        return o;
    }

    /** The source commit, from git when available. */
    static String commit() {
        try {
            final Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    return "unknown";
                }
                final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
            } finally {
                p.destroy();
            }
        } catch (java.io.IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
