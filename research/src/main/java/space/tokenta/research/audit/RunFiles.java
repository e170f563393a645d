package space.tokenta.research.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of one run directory. */
public record RunFiles(Path dir) {
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path manifest() {
        return dir.resolve("manifest.json");
    }

    public Path train() {
        return dir.resolve("train.json");
    }

    public Path tuning() {
        return dir.resolve("tuning.json");
    }

    public Path results() {
        return dir.resolve("results.json");
    }

    public Path report() {
        return dir.resolve("report.md");
    }

    public Path events() {
        return dir.resolve("events.log");
    }

    public Path model(final long seed) {
        return dir.resolve("models").resolve("ddqn-seed-" + seed + ".json");
    }

    public String relative(final Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    public static void writeJson(final Path path, final JsonNode node) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.write(path, (PRETTY.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readJson(final Path path) {
        try {
            return PRETTY.readTree(path.toFile());
        } catch (IOException e) {
            throw new AuditException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static String sha256(final Path path) {
        try {
            return Sha256.file(path);
        } catch (IOException e) {
            throw new AuditException("cannot hash " + path + ": " + e.getMessage(), e);
        }
    }
}
