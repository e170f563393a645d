package space.tokenta.research.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Append-only, hash-chained event log, one JSON object per line:
 * {@code {"i":N,"prev":P,"kind":K,"data":D,"hash":H}} with
 * {@code H = SHA-256(N "\n" P "\n" K "\n" D)} and P the previous line's H (64 zeros for the first).
 * Changing, dropping, reordering or inserting any line breaks the chain from that line on.
 */
public final class AuditLog implements AutoCloseable {
    public static final String GENESIS = "0".repeat(64);
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH_SUFFIX = ",\"hash\":\"";
    private static final int MAX_LINE_CHARS = 1 << 20;

    /** One parsed line. */
    public record Entry(long index, String prev, String kind, String data, String hash) {
        public JsonNode dataNode() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AuditException("entry " + index + " has unreadable data", e);
            }
        }
    }

    private final BufferedWriter out;
    private long next;
    private String head;

    private AuditLog(final BufferedWriter out, final long next, final String head) {
        this.out = out;
        this.next = next;
        this.head = head;
    }

    /** Opens a log for appending, after checking the existing chain. */
    public static AuditLog open(final Path path) {
        try {
            long next = 0;
            String head = GENESIS;
            if (Files.exists(path)) {
                final List<Entry> entries = readVerified(path);
                next = entries.size();
                head = entries.isEmpty() ? GENESIS : entries.get(entries.size() - 1).hash();
            }
            return new AuditLog(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), next, head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String entryHash(final long index, final String prev, final String kind, final String data) {
        return Sha256.hex(index + "\n" + prev + "\n" + kind + "\n" + data);
    }

    public synchronized String append(final String kind, final ObjectNode data) {
        try {
            return append(kind, JSON.writeValueAsString(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one entry whose data is already serialised JSON (used to replay buffered episode events). */
    public synchronized String append(final String kind, final String data) {
        if (!kind.matches("[A-Z_]{1,32}")) {
            throw new IllegalArgumentException("kind must be upper-case letters: " + kind);
        }
        final String hash = entryHash(next, head, kind, data);
        final String line = "{\"i\":" + next + ",\"prev\":\"" + head + "\",\"kind\":\"" + kind + "\",\"data\":" + data
                + HASH_SUFFIX + hash + "\"}";
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        next++;
        head = hash;
        return hash;
    }

    public synchronized String head() {
        return head;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every line and recomputes the chain; throws on the first line that does not verify. */
    public static List<Entry> readVerified(final Path path) throws IOException {
        // Decoding replaces invalid UTF-8 instead of failing, so a corrupted byte shows up as a hash mismatch.
        final String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AuditException("the log does not end with a complete line", null);
        }
        final List<String> lines = text.isEmpty() ? List.of() : List.of(text.substring(0, text.length() - 1).split("\n", -1));
        final List<Entry> entries = new java.util.ArrayList<>(lines.size());
        String prev = GENESIS;
        for (int n = 0; n < lines.size(); n++) {
            final Entry e = parse(lines.get(n), n);
            if (e.index() != n) {
                throw new AuditException("line " + (n + 1) + ": index " + e.index() + " where " + n + " was expected", null);
            }
            if (!e.prev().equals(prev)) {
                throw new AuditException("line " + (n + 1) + ": previous hash does not match the chain", null);
            }
            final String expected = entryHash(e.index(), e.prev(), e.kind(), e.data());
            if (!expected.equals(e.hash())) {
                throw new AuditException("line " + (n + 1) + ": hash mismatch (content changed)", null);
            }
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    static Entry parse(final String line, final int n) {
        if (line.length() > MAX_LINE_CHARS) {
            throw new AuditException("line " + (n + 1) + " is too long", null);
        }
        final String where = "line " + (n + 1) + ": malformed entry";
        if (!line.startsWith("{\"i\":") || !line.endsWith("\"}")) {
            throw new AuditException(where, null);
        }
        final int prevAt = line.indexOf(",\"prev\":\"");
        final int kindAt = line.indexOf("\",\"kind\":\"", prevAt + 1);
        final int dataAt = line.indexOf("\",\"data\":", kindAt + 1);
        final int hashAt = line.length() - 2 - 64 - HASH_SUFFIX.length();
        if (prevAt < 0 || kindAt < 0 || dataAt < 0 || hashAt <= dataAt || !line.startsWith(HASH_SUFFIX, hashAt)) {
            throw new AuditException(where, null);
        }
        final long index;
        try {
            index = Long.parseLong(line.substring(5, prevAt));
        } catch (NumberFormatException e) {
            throw new AuditException(where, e);
        }
        return new Entry(index, line.substring(prevAt + 9, kindAt), line.substring(kindAt + 10, dataAt),
                line.substring(dataAt + 9, hashAt), line.substring(hashAt + HASH_SUFFIX.length(), line.length() - 2));
    }
}
