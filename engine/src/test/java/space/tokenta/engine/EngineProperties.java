package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.ExpandableDirectByteBuffer;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RecordingEventSink;

/**
 * Long random command streams: the engine checks every invariant after every command (books never
 * crossed, balances per asset sum to zero, holds equal reservations, no negative available balance,
 * listings and exposure consistent), and snapshot/restore at random points changes nothing that
 * follows.
 */
class EngineProperties {
    private static final EngineConfig CHECKED = EngineConfig.DEFAULT.withInitialOrders(16).withCheckInvariants(true);

    @Property(tries = 25)
    void invariantsHoldAfterEveryCommand(@ForAll final long seed) {
        final Engine engine = new Engine(CHECKED);
        final RandomCommandStream stream = new RandomCommandStream(seed);
        final RecordingEventSink sink = new RecordingEventSink();
        for (int i = 0; i < 3_000; i++) {
            sink.clear();
            engine.apply(stream.next(), sink);
            stream.observe(sink.events());
        }
    }

    @Property(tries = 15)
    void snapshotAndRestoreAtRandomPointsGiveIdenticalEventsAndHash(@ForAll final long seed,
            @ForAll @IntRange(min = 30, max = 1_500) final int snapshotAt) {
        final Engine engine = new Engine(CHECKED);
        final RandomCommandStream stream = new RandomCommandStream(seed);
        final RecordingEventSink sink = new RecordingEventSink();
        Engine restored = null;
        final RecordingEventSink restoredSink = new RecordingEventSink();
        for (int i = 0; i < 2_000; i++) {
            if (i % snapshotAt == snapshotAt - 1) {
                final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(4096);
                final int length = engine.snapshot(buffer, 16);
                restored = Engine.restore(CHECKED, buffer, 16, length);
                restored.checkInvariants();
                assertEquals(engine.stateHash(), restored.stateHash(), "hash after restore at " + i);
            }
            final Command command = stream.next();
            sink.clear();
            engine.apply(command, sink);
            stream.observe(sink.events());
            if (restored != null) {
                restoredSink.clear();
                restored.apply(command, restoredSink);
                assertEquals(sink.events(), restoredSink.events(), "events after restore, command " + i);
            }
        }
        if (restored != null) {
            assertEquals(engine.stateHash(), restored.stateHash());
        }
    }

    /** The random stream is only useful if it reaches every kind of event. */
    @net.jqwik.api.Example
    void theRandomStreamReachesEveryEventKind() {
        final Engine engine = new Engine(EngineConfig.DEFAULT);
        final RandomCommandStream stream = new RandomCommandStream(42);
        final RecordingEventSink sink = new RecordingEventSink();
        final java.util.Set<Class<?>> kinds = new java.util.HashSet<>();
        final java.util.Set<Object> reasons = new java.util.HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            sink.clear();
            engine.apply(stream.next(), sink);
            stream.observe(sink.events());
            for (final Event event : sink.events()) {
                kinds.add(event.getClass());
                if (event instanceof Event.OrderCancelled c) {
                    reasons.add(c.reason());
                }
                if (event instanceof Event.SelfTradePrevented p) {
                    reasons.add(p.mode());
                }
            }
        }
        assertEquals(java.util.Set.of(Event.class.getPermittedSubclasses()), kinds);
        assertEquals(java.util.EnumSet.allOf(space.tokenta.engine.event.CancelReason.class).size()
                + space.tokenta.engine.order.StpMode.values().length - 1, reasons.size(), reasons::toString);
    }

    @Property(tries = 10)
    void sameCommandsGiveSameEventsAndSameHash(@ForAll final long seed) {
        final Engine first = new Engine(CHECKED);
        final Engine second = new Engine(EngineConfig.DEFAULT);
        final RandomCommandStream stream = new RandomCommandStream(seed);
        final RecordingEventSink a = new RecordingEventSink();
        final RecordingEventSink b = new RecordingEventSink();
        for (int i = 0; i < 1_500; i++) {
            final Command command = stream.next();
            a.clear();
            b.clear();
            first.apply(command, a);
            second.apply(command, b);
            stream.observe(a.events());
            final List<Event> expected = a.events();
            assertEquals(expected, b.events());
        }
        assertEquals(first.stateHash(), second.stateHash());
    }
}
