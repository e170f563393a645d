package space.tokenta.gateway.port;

import java.util.concurrent.CompletableFuture;
import space.tokenta.engine.command.Command;

/**
 * Submits commands to the engine. The command is copied before this returns; the sequencer assigns
 * order ids and the timestamp. The future completes (on a sequencer thread) with that command's
 * events, or exceptionally with {@link OrderEntryUnavailableException} when the status is unknown.
 */
public interface OrderEntry {

    CompletableFuture<CommandResult> submit(Command command);

    /**
     * Dead-man switch: unless called again within {@code timeoutMs}, every open order of the account
     * is mass-cancelled on the sequencer clock. {@code timeoutMs == 0} disarms it.
     */
    CompletableFuture<Long> cancelAllAfter(long accountId, long timeoutMs);
}
