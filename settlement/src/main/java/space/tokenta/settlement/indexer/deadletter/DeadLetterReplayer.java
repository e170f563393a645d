package space.tokenta.settlement.indexer.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.web3j.protocol.core.methods.response.Log;
import space.tokenta.chain.escrow.EscrowEvent;
import space.tokenta.chain.rpc.JsonRpcCodec;
import space.tokenta.settlement.indexer.BlockHeader;
import space.tokenta.settlement.indexer.BlockSource;
import space.tokenta.settlement.indexer.DecodedLog;
import space.tokenta.settlement.indexer.IndexerStore;
import space.tokenta.settlement.indexer.LogDecoder;
import space.tokenta.settlement.indexer.PoolBlockSource;

/**
 * Lists dead letters and re-processes them: a letter whose block is still canonical and whose log
 * now decodes is applied (its event row and derived rows) and marked replayed in one transaction;
 * one that fails again keeps its row with attempts + 1 and the new reason.
 */
public final class DeadLetterReplayer {
    public static final int MAX_LIST = 10_000;

    private final DataSource dataSource;
    private final BlockSource source;
    private final LogDecoder decoder;

    public DeadLetterReplayer(final DataSource dataSource, final BlockSource source, final LogDecoder decoder) {
        this.dataSource = dataSource;
        this.source = source;
        this.decoder = decoder;
    }

    public static List<DeadLetter> list(final DataSource dataSource, final long chainId, final boolean includeReplayed) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, block_number, block_hash, log_index, reason, attempts, replayed FROM dead_letters "
                        + "WHERE chain_id = ? AND (? OR NOT replayed) ORDER BY id LIMIT " + MAX_LIST)) {
            s.setLong(1, chainId);
            s.setBoolean(2, includeReplayed);
            final List<DeadLetter> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new DeadLetter(r.getLong(1), chainId, r.getLong(2), r.getString(3), r.getInt(4),
                            r.getString(5), r.getInt(6), r.getBoolean(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IndexerStore.StoreException(e);
        }
    }

    /** Outcome of one replay run. */
    public record ReplayResult(int applied, int failedAgain, int orphaned) {
    }

    public ReplayResult replay(final long chainId) {
        int applied = 0;
        int failed = 0;
        int orphaned = 0;
        for (final DeadLetter letter : list(dataSource, chainId, false)) {
            final Optional<BlockHeader> canonical = source.blockByNumber(letter.blockNumber());
            if (canonical.isEmpty() || !canonical.get().hash().equalsIgnoreCase(letter.blockHash())) {
                orphaned++;
                continue;
            }
            final String raw = rawLog(letter.id());
            final Log log = PoolBlockSource.log(JsonRpcCodec.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            DecodedLog decoded;
            try {
                final Optional<EscrowEvent> event = decoder.decode(log);
                decoded = event.map(e -> new DecodedLog(log, e, null, 0))
                        .orElseGet(() -> new DecodedLog(log, null, "not a TokentaEscrow event", 1));
            } catch (RuntimeException e) {
                decoded = new DecodedLog(log, null, "replay: decoding failed: " + e.getMessage(), 1);
            }
            if (apply(chainId, letter.id(), decoded)) {
                applied++;
            } else {
                failed++;
            }
        }
        return new ReplayResult(applied, failed, orphaned);
    }

    private String rawLog(final long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT raw_log FROM dead_letters WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("dead letter " + id + " vanished");
                }
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new IndexerStore.StoreException(e);
        }
    }

    private boolean apply(final long chainId, final long id, final DecodedLog decoded) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                final boolean ok = decoded.event() != null && IndexerStore.applyReplayed(c, chainId, decoded);
                if (ok) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE dead_letters SET replayed = TRUE WHERE id = ?")) {
                        s.setLong(1, id);
                        s.executeUpdate();
                    }
                } else {
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE dead_letters SET attempts = attempts + 1, reason = ? WHERE id = ?")) {
                        s.setString(1, decoded.deadReason() == null ? "replay: deal still unknown" : decoded.deadReason());
                        s.setLong(2, id);
                        s.executeUpdate();
                    }
                }
                c.commit();
                return ok;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IndexerStore.StoreException(e);
        }
    }
}
