package space.tokenta.settlement.indexer.fold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.web3j.protocol.core.methods.response.Log;
import space.tokenta.chain.escrow.EscrowEvent;
import space.tokenta.settlement.indexer.BlockSource;
import space.tokenta.settlement.indexer.DealRow;
import space.tokenta.settlement.indexer.DepositRow;
import space.tokenta.settlement.indexer.EventRow;
import space.tokenta.settlement.indexer.IndexerStore;
import space.tokenta.settlement.indexer.LogDecoder;

/**
 * Reconciliation seed: the derived rows the canonical chain implies, recomputed from fresh reads of
 * every escrow log in [fromBlock, toBlock] (a "fold of the canonical chain"), and their differences
 * from the database. Logs the database holds as dead letters are left out of the fold.
 */
public final class CanonicalFold {
    public static final int MAX_DIFFERENCES = 1_000;

    /** The expected rows. */
    public record Folded(Map<String, EventRow> events, Map<String, DepositRow> deposits, Map<String, DealRow> deals) {
    }

    private CanonicalFold() {
    }

    public static Folded fold(final BlockSource source, final LogDecoder decoder, final long chainId, final long fromBlock,
                              final long toBlock, final long finalNumber, final Set<String> deadLetterIds) {
        final Map<String, EventRow> events = new LinkedHashMap<>();
        final Map<String, DepositRow> deposits = new LinkedHashMap<>();
        final Map<String, DealRow> deals = new LinkedHashMap<>();
        if (toBlock < fromBlock) {
            return new Folded(events, deposits, deals);
        }
        for (final Log log : source.logsInRange(fromBlock, toBlock)) {
            final String id = EventRow.chainEventId(chainId, log.getBlockHash(), log.getLogIndex().longValueExact());
            if (deadLetterIds.contains(id)) {
                continue;
            }
            final Optional<EscrowEvent> decoded = decoder.decode(log);
            if (decoded.isEmpty()) {
                continue;
            }
            final EscrowEvent event = decoded.get();
            final EventRow row = EventRow.of(chainId, event);
            events.put(row.chainEventId(), row);
            if (event instanceof EscrowEvent.Deposited d) {
                deposits.put(row.chainEventId(), new DepositRow(row.chainEventId(), chainId, row.blockNumber(), d.account(),
                        d.token(), d.amount(), row.blockNumber() <= finalNumber));
            } else if (event instanceof EscrowEvent.DealOpened o) {
                deals.put(row.dealId(), new DealRow(chainId, row.dealId(), o.buyer(), o.seller(), o.token(), o.amount(),
                        "OPEN", row.blockNumber(), row.blockNumber()));
            } else if (row.dealId() != null) {
                final DealRow before = deals.get(row.dealId());
                if (before != null) {
                    deals.put(row.dealId(), new DealRow(chainId, row.dealId(), before.buyer(), before.seller(),
                            before.token(), before.amount(), EventRow.nextDealState(before.state(), row.kind()),
                            before.openedBlock(), row.blockNumber()));
                }
            }
        }
        return new Folded(events, deposits, deals);
    }

    /** Every difference between the database (up to its checkpoint) and the fold, bounded. */
    public static List<String> differences(final IndexerStore store, final Folded expected, final long chainId,
                                           final long upToBlock) {
        final List<String> out = new ArrayList<>();
        compare("escrow_events", store.events(chainId, upToBlock), expected.events(), out);
        compare("deposits", store.deposits(chainId, upToBlock), expected.deposits(), out);
        compare("deals", store.deals(chainId), expected.deals(), out);
        return out;
    }

    private static <V> void compare(final String table, final Map<String, V> actual, final Map<String, V> expected,
                                    final List<String> out) {
        for (final Map.Entry<String, V> e : expected.entrySet()) {
            final V got = actual.get(e.getKey());
            if (!Objects.equals(got, e.getValue()) && out.size() < MAX_DIFFERENCES) {
                out.add(table + " " + e.getKey() + ": expected " + e.getValue() + " but database has " + got);
            }
        }
        for (final String key : actual.keySet()) {
            if (!expected.containsKey(key) && out.size() < MAX_DIFFERENCES) {
                out.add(table + " " + key + ": in the database but not on the canonical chain: " + actual.get(key));
            }
        }
    }
}
