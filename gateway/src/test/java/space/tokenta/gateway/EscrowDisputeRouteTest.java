package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.port.EscrowDisputes;
import space.tokenta.gateway.port.EscrowDisputes.Answer;
import space.tokenta.gateway.port.EscrowDisputes.Outcome;

/**
 * {@code POST /v1/escrows/{escrowId}/dispute} over a port fake that keeps the contract's rules (only the
 * buyer, only an open deal before its timelock, a dispute once): status codes, typed errors, the answer's
 * fields, idempotency, scope. (The port over the real settlement service and chain is exercised by
 * settlement's {@code DisputeTest} and the app's {@code up} test.)
 */
class EscrowDisputeRouteTest {
    static final long BUYER = 1;

    /** Escrows of buyer account 1: ESC-1 open, ESC-2 settled, ESC-3 past its timelock. */
    static final class Chain implements EscrowDisputes {
        final Map<String, Long> disputedAt = new ConcurrentHashMap<>();
        final AtomicInteger transactions = new AtomicInteger();

        @Override
        public Optional<Answer> dispute(final String escrowId, final long accountId) {
            final Answer answer;
            if (!escrowId.matches("ESC-[123]")) {
                answer = new Answer(Outcome.UNKNOWN_ESCROW, escrowId, null, 0, null, 0, 0);
            } else if (accountId != BUYER) {
                answer = answer(Outcome.NOT_BUYER, escrowId, "DELIVERED", 0);
            } else if (escrowId.equals("ESC-2")) {
                answer = answer(Outcome.NOT_OPEN, escrowId, "RELEASED", 0);
            } else if (escrowId.equals("ESC-3")) {
                answer = answer(Outcome.WINDOW_CLOSED, escrowId, "DELIVERED", 0);
            } else {
                final long at = disputedAt.computeIfAbsent(escrowId, id -> {
                    transactions.incrementAndGet();
                    return 1_700_000_005L;
                });
                answer = answer(Outcome.DISPUTED, escrowId, "DISPUTED", at);
            }
            return Optional.of(answer);
        }

        private static Answer answer(final Outcome outcome, final String escrowId, final String state,
                final long disputedAtSec) {
            return new Answer(outcome, escrowId, state, 31337, "0x" + "ab".repeat(32), 1_700_000_020L, disputedAtSec);
        }
    }

    @Test
    void theBuyerDisputesOnceAndARepeatAnswersTheSame() throws Exception {
        final Chain chain = new Chain();
        try (TestExchange x = new TestExchange(chain)) {
            final HttpResponse<String> first = x.signed(x.buyer, "POST", "/v1/escrows/ESC-1/dispute", null);
            assertEquals(200, first.statusCode(), first.body());
            final JsonObject body = new JsonObject(first.body());
            assertEquals(new JsonObject().put("escrowId", "ESC-1").put("state", "DISPUTED").put("chainId", 31337)
                    .put("dealId", "0x" + "ab".repeat(32)).put("releaseAfter", 1_700_000_020L)
                    .put("disputedAt", 1_700_000_005L), body);
            // a new request (new Idempotency-Key) for the same escrow: the same answer, no second transaction
            final HttpResponse<String> again = x.signed(x.buyer, "POST", "/v1/escrows/ESC-1/dispute", "{}");
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(body, new JsonObject(again.body()));
            assertEquals(1, chain.transactions.get());
            // the same Idempotency-Key replays the stored answer
            final HttpResponse<String> replay = x.signed(x.buyer, "POST", "/v1/escrows/ESC-1/dispute", null,
                    "dispute-key-1", System.currentTimeMillis(), UUID.randomUUID().toString().replace("-", ""));
            final HttpResponse<String> replayed = x.signed(x.buyer, "POST", "/v1/escrows/ESC-1/dispute", null,
                    "dispute-key-1", System.currentTimeMillis(), UUID.randomUUID().toString().replace("-", ""));
            assertEquals(200, replayed.statusCode(), replayed.body());
            assertEquals(replay.body(), replayed.body());
            assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(null));
        }
    }

    @Test
    void refusalsAreTypedAndChangeNothing() throws Exception {
        final Chain chain = new Chain();
        try (TestExchange x = new TestExchange(chain)) {
            expect(x.signed(x.buyer, "POST", "/v1/escrows/ESC-77/dispute", null), 404, "NOT_FOUND");
            expect(x.signed(x.seller, "POST", "/v1/escrows/ESC-1/dispute", null), 403, "NOT_ESCROW_BUYER");
            final JsonObject settled = expect(x.signed(x.buyer, "POST", "/v1/escrows/ESC-2/dispute", null), 409,
                    "ESCROW_NOT_DISPUTABLE");
            assertEquals("NOT_OPEN", settled.getJsonObject("details").getString("reason"));
            assertEquals("RELEASED", settled.getJsonObject("details").getString("state"));
            final JsonObject late = expect(x.signed(x.buyer, "POST", "/v1/escrows/ESC-3/dispute", null), 409,
                    "ESCROW_NOT_DISPUTABLE");
            assertEquals("WINDOW_CLOSED", late.getJsonObject("details").getString("reason"));
            assertEquals(1_700_000_020L, late.getJsonObject("details").getLong("releaseAfter"));
            expect(x.signed(x.buyer, "POST", "/v1/escrows/ESC.1/dispute", null), 400, "INVALID_FIELD");
            expect(x.signed(x.buyer, "POST", "/v1/escrows/ESC-1/dispute", "{\"reason\":\"late\"}"), 400,
                    "UNKNOWN_FIELD");
            final ApiKeys.ApiKey readOnly = x.server.apiKeys().create(BUYER, EnumSet.of(Scope.READ));
            expect(x.signed(readOnly, "POST", "/v1/escrows/ESC-1/dispute", null), 403, "FORBIDDEN_SCOPE");
            expect(x.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(x.base()
                    + "/v1/escrows/ESC-1/dispute")).header("Idempotency-Key", "anonymous-1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()), 401, "UNAUTHENTICATED");
            assertEquals(0, chain.transactions.get(), "nothing was disputed");
        }
    }

    @Test
    void aNodeWithoutSettlementAnswersNotFound() throws Exception {
        try (TestExchange x = new TestExchange()) {
            expect(x.signed(x.buyer, "POST", "/v1/escrows/ESC-1/dispute", null), 404, "NOT_FOUND");
        }
    }

    private static JsonObject expect(final HttpResponse<String> r, final int status, final String code) {
        assertEquals(status, r.statusCode(), r.body());
        final JsonObject body = new JsonObject(r.body());
        assertEquals(code, body.getString("code"), r.body());
        return body;
    }
}
