package space.tokenta.settlement.indexer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;
import space.tokenta.chain.escrow.EscrowEvent;

/**
 * One chain's reorg-safe indexer, run by calling {@link #doWork()} in a duty cycle.
 *
 * <p>Each cycle: final blocks are backfilled in ranges ({@code eth_getLogs} over the range, one
 * transaction per range); unfinalized blocks are applied one by one with their parent hash checked
 * against the stored hash of the previous block and their logs fetched by block hash (one
 * transaction per block). A parent mismatch walks back through the stored window to the fork point
 * and rolls back derived rows and the checkpoint in one transaction; a fork below the window or
 * below the final block halts the chain with an alert. Finality marks deposits final and puts them
 * in an outbox, which is then delivered to the {@link FinalEventSink}. Any failure (RPC, database)
 * ends the cycle and backs off, bounded; the next cycle resumes from the committed checkpoint.
 */
public final class ChainIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(ChainIndexer.class);
    /** Bound on the in-memory attempt counters of failing logs. */
    public static final int MAX_TRACKED_FAILURES = 10_000;

    private final IndexerConfig config;
    private final BlockSource source;
    private final IndexerStore store;
    private final FinalEventSink sink;
    private final LogDecoder decoder;
    private final IndexerMetrics metrics = new IndexerMetrics();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private IndexerState state = IndexerState.RUNNING;
    private String lastError;
    private int failedCycles;
    private long backoffUntilMs;
    private long lastHead = -1;
    private long lastFinal = -1;

    public ChainIndexer(final IndexerConfig config, final BlockSource source, final IndexerStore store,
                        final FinalEventSink sink, final LogDecoder decoder) {
        this.config = config;
        this.source = source;
        this.store = store;
        this.sink = sink;
        this.decoder = decoder;
    }

    public IndexerState state() {
        return state;
    }

    public IndexerMetrics metrics() {
        return metrics;
    }

    public String lastError() {
        return lastError;
    }

    public long lastHead() {
        return lastHead;
    }

    public long lastFinal() {
        return lastFinal;
    }

    /** One duty cycle; returns the amount of work done (0 when idle, backing off or halted). */
    public int doWork() {
        if (state == IndexerState.HALTED) {
            return 0;
        }
        final long nowMs = System.currentTimeMillis();
        if (nowMs < backoffUntilMs) {
            return 0;
        }
        try {
            final int work = cycle();
            failedCycles = 0;
            if (state != IndexerState.HALTED) {
                state = IndexerState.RUNNING;
            }
            return work;
        } catch (RuntimeException e) {
            failedCycles++;
            metrics.failedCycles.incrementAndGet();
            lastError = e.toString();
            final long backoffMs = Math.min(config.backoffMaxMs(),
                    config.backoffInitialMs() << Math.min(failedCycles - 1, 20));
            backoffUntilMs = nowMs + backoffMs;
            state = IndexerState.BACKING_OFF;
            LOG.debug("chain {} cycle failed ({}), backing off {} ms", config.chainId(), e, backoffMs);
            return 0;
        }
    }

    private int cycle() {
        Checkpoint cp = store.checkpoint(config.chainId()).orElse(null);
        if (cp == null) {
            final String hash = config.startBlock() == 0 ? ""
                    : source.blockByNumber(config.startBlock() - 1).orElseThrow(
                            () -> new IllegalStateException("start block " + config.startBlock() + " not on chain")).hash();
            store.initCheckpoint(config.chainId(), config.startBlock() - 1, hash);
            cp = store.checkpoint(config.chainId()).orElseThrow();
        }
        if (cp.state() == IndexerState.HALTED) {
            state = IndexerState.HALTED;
            lastError = cp.haltReason();
            return 0;
        }
        final long head = source.headNumber();
        final long finalized = Math.min(source.finalizedNumber(head), head);
        lastHead = head;
        int work;
        final long next = cp.blockNumber() + 1;
        if (next > head) {
            work = verifyTip(cp, head);
        } else if (finalized - next >= 1) {
            work = backfillRange(cp, next, Math.min(next + config.rangeBlocks() - 1, finalized));
        } else {
            work = followTip(cp, head);
        }
        if (state == IndexerState.HALTED) {
            return work;
        }
        return work + finalizeAndDeliver(finalized);
    }

    /** Nothing new: the checkpoint block must still be canonical (a shorter branch may have replaced it). */
    private int verifyTip(final Checkpoint cp, final long head) {
        if (cp.blockNumber() < 0 || cp.blockHash().isEmpty()) {
            return 0;
        }
        final Optional<BlockHeader> at = cp.blockNumber() <= head ? source.blockByNumber(cp.blockNumber()) : Optional.empty();
        if (at.isPresent() && at.get().hash().equalsIgnoreCase(cp.blockHash())) {
            return 0;
        }
        return reorg(cp);
    }

    /** Final blocks [from, to]: logs by range, one transaction; the checkpoint hash is the header of {@code to}. */
    private int backfillRange(final Checkpoint cp, final long from, final long to) {
        if (!cp.blockHash().isEmpty()) {
            final Optional<BlockHeader> at = source.blockByNumber(cp.blockNumber());
            if (at.isEmpty() || !at.get().hash().equalsIgnoreCase(cp.blockHash())) {
                return reorg(cp);
            }
        }
        final List<Log> logs = source.logsInRange(from, to);
        final BlockHeader last = source.blockByNumber(to).orElseThrow(() -> new IllegalStateException("block " + to + " missing"));
        final TreeMap<Long, List<DecodedLog>> byBlock = new TreeMap<>();
        for (final Log log : logs) {
            byBlock.computeIfAbsent(log.getBlockNumber().longValueExact(), n -> new ArrayList<>()).add(decode(log));
        }
        final List<BlockHeader> headers = new ArrayList<>();
        final List<List<DecodedLog>> decoded = new ArrayList<>();
        final List<DecodedLog> all = new ArrayList<>();
        byBlock.values().forEach(all::addAll);
        headers.add(last);
        decoded.add(all);
        store.applyBlocks(config.chainId(), headers, decoded, last, config.windowBlocks());
        count(to - from + 1, all);
        return (int) Math.min(Integer.MAX_VALUE, to - from + 1);
    }

    /** Unfinalized blocks one by one, each checked against its parent, each in its own transaction. */
    private int followTip(final Checkpoint start, final long head) {
        long number = start.blockNumber();
        String hash = start.blockHash();
        int work = 0;
        for (int i = 0; i < config.tipBatchBlocks() && number < head; i++) {
            final long next = number + 1;
            final Optional<BlockHeader> header = source.blockByNumber(next);
            if (header.isEmpty()) {
                break;
            }
            final BlockHeader h = header.get();
            if (!hash.isEmpty() && !h.parentHash().equalsIgnoreCase(hash)) {
                return work + reorg(store.checkpoint(config.chainId()).orElseThrow());
            }
            final List<Log> logs = source.logsByBlockHash(h.hash());
            final List<DecodedLog> decoded = new ArrayList<>(logs.size());
            for (final Log log : logs) {
                if (!h.hash().equalsIgnoreCase(log.getBlockHash())) {
                    throw new IllegalStateException("log of block " + log.getBlockHash() + " in answer for " + h.hash());
                }
                decoded.add(decode(log));
            }
            store.applyBlocks(config.chainId(), List.of(h), List.of(decoded), h, config.windowBlocks());
            count(1, decoded);
            number = next;
            hash = h.hash();
            work++;
        }
        return work;
    }

    private void count(final long blocks, final List<DecodedLog> logs) {
        metrics.blocks.addAndGet(blocks);
        for (final DecodedLog log : logs) {
            if (log.event() == null) {
                metrics.deadLetters.incrementAndGet();
            } else {
                metrics.events.incrementAndGet();
            }
        }
    }

    /**
     * A log decoded, or marked for the dead letters: not an escrow event at once, a decoding failure
     * after {@code maxEventAttempts} cycles (before that, the failure ends the cycle to be retried).
     */
    private DecodedLog decode(final Log log) {
        final String id = EventRow.chainEventId(config.chainId(), log.getBlockHash(), log.getLogIndex().longValueExact());
        try {
            final Optional<EscrowEvent> event = decoder.decode(log);
            failures.remove(id);
            return event.map(e -> new DecodedLog(log, e, null, 0))
                    .orElseGet(() -> new DecodedLog(log, null, "not a TokentaEscrow event (topic0 "
                            + (log.getTopics().isEmpty() ? "none" : log.getTopics().get(0)) + ")", 1));
        } catch (RuntimeException e) {
            final int attempts = failures.merge(id, 1, Integer::sum);
            if (attempts >= config.maxEventAttempts()) {
                failures.remove(id);
                return new DecodedLog(log, null, "decoding failed " + attempts + " times: " + e.getMessage(), attempts);
            }
            if (failures.size() > MAX_TRACKED_FAILURES) {
                failures.remove(failures.keySet().iterator().next());
            }
            throw new IllegalStateException("log " + id + " failed to decode (attempt " + attempts + ")", e);
        }
    }

    /** Walks back through the stored window to the fork point; rolls back or halts. */
    private int reorg(final Checkpoint cp) {
        long number = cp.blockNumber();
        for (int i = 0; i <= config.windowBlocks() && number >= 0; i++, number--) {
            final Optional<String> stored = store.storedHash(config.chainId(), number);
            if (stored.isEmpty()) {
                break;
            }
            final Optional<BlockHeader> canonical = source.blockByNumber(number);
            if (canonical.isPresent() && canonical.get().hash().equalsIgnoreCase(stored.get())) {
                if (number < cp.finalNumber()) {
                    return halt("reorg below the final block " + cp.finalNumber() + ": fork at " + number);
                }
                final long rolledBack = store.rollbackTo(config.chainId(), number, stored.get());
                metrics.reorgs.incrementAndGet();
                metrics.rolledBackBlocks.addAndGet(rolledBack);
                LOG.info("chain {} reorg: rolled back {} blocks to fork point {}", config.chainId(), rolledBack, number);
                return (int) Math.max(1, rolledBack);
            }
            if (number <= cp.finalNumber()) {
                return halt("block " + number + " at or below the final block " + cp.finalNumber()
                        + " is no longer canonical (stored " + stored.get() + ")");
            }
        }
        return halt("reorg deeper than the window of " + config.windowBlocks() + " blocks: no stored block from "
                + cp.blockNumber() + " down to " + number + " is canonical");
    }

    private int halt(final String reason) {
        store.halt(config.chainId(), reason);
        state = IndexerState.HALTED;
        lastError = reason;
        metrics.halts.incrementAndGet();
        LOG.error("ALERT chain {} indexer HALTED: {}", config.chainId(), reason);
        return 1;
    }

    private int finalizeAndDeliver(final long finalized) {
        final Checkpoint cp = store.checkpoint(config.chainId()).orElseThrow();
        final long finalNumber = Math.min(finalized, cp.blockNumber());
        if (finalNumber >= 0) {
            store.markFinal(config.chainId(), finalNumber);
            lastFinal = finalNumber;
        }
        int work = 0;
        for (final CreditDeposit command : store.undelivered(config.chainId(), config.deliverBatch())) {
            sink.accept(command);
            store.markDelivered(command.chainEventId());
            metrics.finalEventsDelivered.incrementAndGet();
            work++;
        }
        return work;
    }
}
