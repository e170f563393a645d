package space.tokenta.gateway.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.EscrowDisputes;

/**
 * {@code POST /v1/escrows/{escrowId}/dispute}: the escrow's buyer disputes its deal on chain before the
 * timelock ends; the settlement worker then has a fresh attestor panel verify the delivery again. 200
 * with the escrow's dispute state (the same answer again for an escrow already disputed); 404 NOT_FOUND
 * for an unknown escrow (or a node without settlement); 403 NOT_ESCROW_BUYER for any other account;
 * 409 ESCROW_NOT_DISPUTABLE when the deal is not open on chain, its timelock has passed, or the node
 * holds no key of the buyer ({@code details.reason}, {@code details.state}).
 */
public final class EscrowDisputeRoutes {
    public static final String PATH = "/v1/escrows/{escrowId}/dispute";
    /** A dispute sends a transaction: it weighs more than a read against the rate limits. */
    public static final int WEIGHT = 5;

    private EscrowDisputeRoutes() {
    }

    public static Route dispute(final EscrowDisputes disputes) {
        // on the worker pool: the answer waits for the dispute transaction to be mined
        return new Route(HttpMethod.POST, PATH, Scope.TRADE, WEIGHT, c -> {
            c.bodyWith(Set.of());
            final String escrowId = c.path("escrowId");
            if (!VerificationRoutes.ESCROW_ID.matcher(escrowId).matches()) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "escrowId is an escrow id such as ESC-1",
                        new JsonObject().put("field", "escrowId"));
            }
            final EscrowDisputes.Answer answer = disputes.dispute(escrowId, c.principal().accountId())
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "this node runs no settlement"));
            return CompletableFuture.completedFuture(reply(answer));
        });
    }

    static Reply reply(final EscrowDisputes.Answer a) {
        final JsonObject details = new JsonObject().put("escrowId", a.escrowId()).put("state", a.state());
        return switch (a.outcome()) {
            case DISPUTED -> new Reply(200, json(a).encode(), "application/json");
            case UNKNOWN_ESCROW -> throw new ApiException(ErrorCode.NOT_FOUND, "no escrow " + a.escrowId(),
                    new JsonObject().put("escrowId", a.escrowId()));
            case NOT_BUYER -> throw new ApiException(ErrorCode.NOT_ESCROW_BUYER,
                    "only the escrow's buyer may dispute it", new JsonObject().put("escrowId", a.escrowId()));
            case NOT_OPEN -> throw new ApiException(ErrorCode.ESCROW_NOT_DISPUTABLE,
                    a.escrowId() + " is not open on chain (" + a.state() + ")", details.put("reason", "NOT_OPEN"));
            case WINDOW_CLOSED -> throw new ApiException(ErrorCode.ESCROW_NOT_DISPUTABLE,
                    "the timelock of " + a.escrowId() + " has passed", details.put("reason", "WINDOW_CLOSED")
                            .put("releaseAfter", a.releaseAfterSec()));
            case NO_BUYER_KEY -> throw new ApiException(ErrorCode.ESCROW_NOT_DISPUTABLE,
                    "this node holds no key of the buyer: dispute from the buyer's wallet",
                    details.put("reason", "NO_BUYER_KEY"));
        };
    }

    /** The escrow's dispute state: times are chain seconds. */
    static JsonObject json(final EscrowDisputes.Answer a) {
        return new JsonObject().put("escrowId", a.escrowId()).put("state", a.state()).put("chainId", a.chainId())
                .put("dealId", a.dealId()).put("releaseAfter", a.releaseAfterSec()).put("disputedAt", a.disputedAtSec());
    }
}
