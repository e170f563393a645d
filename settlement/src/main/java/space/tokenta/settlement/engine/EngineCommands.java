package space.tokenta.settlement.engine;

import java.util.List;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.event.RejectReason;

/**
 * Settlement's commands to the engine, each idempotent by its transfer id, with the engine's answer
 * read as an outcome. A {@link space.tokenta.cluster.client.ClusterUnavailableException} means the
 * outcome is unknown: the caller retries the same command later (the engine dedups it).
 * Single-threaded, like the client it wraps.
 */
public final class EngineCommands {
    /** What the engine did with one command. */
    public enum Outcome {
        /** It took effect now. */
        APPLIED,
        /** The transfer id was seen before: it took effect earlier. */
        DUPLICATE,
        /** POST/VOID of a pending transfer the engine no longer holds: finished earlier (by us, or by its timeout). */
        NOT_FOUND,
        /** Refused for another reason (see detail); nothing changed. */
        REJECTED
    }

    public record Result(Outcome outcome, String detail) {
        public boolean done() {
            return outcome != Outcome.REJECTED;
        }
    }

    private final TokentaClusterClient client;
    private final Command command = new Command();

    public EngineCommands(final TokentaClusterClient client) {
        this.client = client;
    }

    public Result creditDeposit(final long[] transferId, final int chainId, final long accountId, final int assetId,
            final long amount) {
        return chainTransfer(CommandType.CREDIT_DEPOSIT, transferId, chainId, accountId, assetId, amount);
    }

    public Result requestWithdrawal(final long[] transferId, final int chainId, final long accountId,
            final int assetId, final long amount) {
        return chainTransfer(CommandType.REQUEST_WITHDRAWAL, transferId, chainId, accountId, assetId, amount);
    }

    /** A transfer keyed by its chain event id: a deposit credited or a withdrawal held. */
    private Result chainTransfer(final CommandType type, final long[] transferId, final int chainId,
            final long accountId, final int assetId, final long amount) {
        command.clear();
        command.type = type;
        command.transferIdHi = transferId[0];
        command.transferIdLo = transferId[1];
        command.chainId = chainId;
        command.accountId = accountId;
        command.assetId = assetId;
        command.amount = amount;
        return submit();
    }

    /** POST_PENDING_TRANSFER: a released escrow's settlement (seller credited) or a sent withdrawal. */
    public Result post(final long transferIdHi, final long transferIdLo) {
        return finish(CommandType.POST_PENDING_TRANSFER, transferIdHi, transferIdLo);
    }

    /** VOID_PENDING_TRANSFER: a refunded escrow (buyer credited back) or a failed withdrawal. */
    public Result voidPending(final long transferIdHi, final long transferIdLo) {
        return finish(CommandType.VOID_PENDING_TRANSFER, transferIdHi, transferIdLo);
    }

    /** SET_EXPOSURE_LIMIT: the most open sell notional plus unsettled sales a seller may carry (quote units); absolute, so a repeat changes nothing. */
    public Result setExposureLimit(final long accountId, final long limitQuoteUnits) {
        command.clear();
        command.type = CommandType.SET_EXPOSURE_LIMIT;
        command.accountId = accountId;
        command.amount = limitQuoteUnits;
        return submit();
    }

    private Result finish(final CommandType type, final long hi, final long lo) {
        command.clear();
        command.type = type;
        command.transferIdHi = hi;
        command.transferIdLo = lo;
        return submit();
    }

    private Result submit() {
        final CommandResponse response = client.submit(command);
        return outcome(response.events());
    }

    static Result outcome(final List<Event> events) {
        for (final Event e : events) {
            if (e instanceof Event.CommandApplied) {
                return new Result(Outcome.APPLIED, "applied");
            }
            if (e instanceof Event.CommandRejected r) {
                if (r.reason() == RejectReason.DUPLICATE_TRANSFER_ID) {
                    return new Result(Outcome.DUPLICATE, r.reason().name());
                }
                if (r.reason() == RejectReason.PENDING_TRANSFER_NOT_FOUND) {
                    return new Result(Outcome.NOT_FOUND, r.reason().name());
                }
                return new Result(Outcome.REJECTED, r.reason().name());
            }
        }
        return new Result(Outcome.REJECTED, "no terminal event");
    }
}
