package space.tokenta.settlement.indexer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Plain counters of one chain's indexer (read from any thread). */
public final class IndexerMetrics {
    public final AtomicLong blocks = new AtomicLong();
    public final AtomicLong events = new AtomicLong();
    public final AtomicLong reorgs = new AtomicLong();
    public final AtomicLong rolledBackBlocks = new AtomicLong();
    public final AtomicLong halts = new AtomicLong();
    public final AtomicLong deadLetters = new AtomicLong();
    public final AtomicLong failedCycles = new AtomicLong();
    public final AtomicLong finalEventsDelivered = new AtomicLong();

    public Map<String, Long> snapshot() {
        final Map<String, Long> out = new LinkedHashMap<>();
        out.put("indexer_blocks", blocks.get());
        out.put("indexer_events", events.get());
        out.put("indexer_reorgs", reorgs.get());
        out.put("indexer_rolled_back_blocks", rolledBackBlocks.get());
        out.put("indexer_halts", halts.get());
        out.put("indexer_dead_letters", deadLetters.get());
        out.put("indexer_failed_cycles", failedCycles.get());
        out.put("indexer_final_events_delivered", finalEventsDelivered.get());
        return out;
    }
}
