package space.tokenta.gateway.port;

import java.util.Optional;

/**
 * Buyers' disputes of their escrows, for {@code POST /v1/escrows/{id}/dispute}. Implemented where
 * settlement runs (the app wiring over the settlement service); the gateway only calls it. Blocking:
 * a dispute is an on-chain transaction, answered once it is mined.
 */
@FunctionalInterface
public interface EscrowDisputes {
    /** A node without settlement. */
    EscrowDisputes NONE = (escrowId, accountId) -> Optional.empty();

    /**
     * Account {@code accountId} disputes escrow {@code escrowId}. Idempotent: an escrow already disputed
     * answers {@link Outcome#DISPUTED} again with the same fields. Empty when this node runs no settlement.
     */
    Optional<Answer> dispute(String escrowId, long accountId);

    /** What a request came to; everything but {@link #DISPUTED} changed nothing. */
    enum Outcome {
        /** Disputed on chain, by this request or an earlier one. */
        DISPUTED,
        UNKNOWN_ESCROW,
        /** The account is not the escrow's buyer. */
        NOT_BUYER,
        /** Not open on chain: not opened yet, or already released or refunded. */
        NOT_OPEN,
        /** The deal's timelock has passed. */
        WINDOW_CLOSED,
        /** The node holds no key of the buyer: the buyer disputes from its own wallet. */
        NO_BUYER_KEY
    }

    /**
     * @param state           the escrow's state as {@code /v1/escrows} shows it (null for an unknown escrow)
     * @param chainId         the deal's chain (0 before the escrow was routed to one)
     * @param dealId          the deal id on that chain, 0x-hex (null before its terms were fixed)
     * @param releaseAfterSec the deal's timelock end, chain seconds (0 when unknown)
     * @param disputedAtSec   when the dispute was recorded on chain (0 when not disputed)
     */
    record Answer(Outcome outcome, String escrowId, String state, long chainId, String dealId, long releaseAfterSec,
                  long disputedAtSec) {
    }
}
