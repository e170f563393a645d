package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.RecordingEventSink;

/** The engine and the naive {@link ReferenceExchange} emit identical events for long random command streams. */
class ReferenceModelProperties {

    @Property(tries = 30)
    void engineMatchesTheReferenceModelEventForEvent(@ForAll final long seed) {
        final Engine engine = new Engine(EngineConfig.DEFAULT.withInitialOrders(16).withCheckInvariants(true));
        final ReferenceExchange reference = new ReferenceExchange();
        final RandomCommandStream stream = new RandomCommandStream(seed);
        final RecordingEventSink actual = new RecordingEventSink();
        final RecordingEventSink expected = new RecordingEventSink();
        for (int i = 0; i < 2_000; i++) {
            final Command command = stream.next();
            actual.clear();
            expected.clear();
            reference.apply(command, expected);
            engine.apply(command, actual);
            final int index = i;
            assertEquals(expected.events(), actual.events(), () -> "command " + index + ": " + command);
            stream.observe(actual.events());
        }
    }
}
