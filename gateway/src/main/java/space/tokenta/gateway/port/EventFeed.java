package space.tokenta.gateway.port;

import java.util.function.Consumer;

/** The ordered event stream. Listeners run on the feed's thread and must not block. */
public interface EventFeed {

    /** @return a handle whose {@code close()} unsubscribes. */
    AutoCloseable subscribe(Consumer<EventBatch> listener);
}
