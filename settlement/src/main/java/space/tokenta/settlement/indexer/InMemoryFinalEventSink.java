package space.tokenta.settlement.indexer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records accepted commands by id and counts (rejects) duplicates: the engine's idempotency in miniature. */
public final class InMemoryFinalEventSink implements FinalEventSink {
    public static final int MAX_EVENTS = 1_000_000;

    private final Map<String, CreditDeposit> accepted = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();

    @Override
    public synchronized boolean accept(final CreditDeposit command) {
        if (accepted.containsKey(command.chainEventId())) {
            duplicates.add(command.chainEventId());
            return false;
        }
        if (accepted.size() >= MAX_EVENTS) {
            throw new IllegalStateException("sink full: " + MAX_EVENTS);
        }
        accepted.put(command.chainEventId(), command);
        return true;
    }

    public synchronized Map<String, CreditDeposit> accepted() {
        return new LinkedHashMap<>(accepted);
    }

    public synchronized List<String> duplicates() {
        return List.copyOf(duplicates);
    }
}
