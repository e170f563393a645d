package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.auth.WalletAuth;

class WalletAuthTest {
    static TestExchange x;
    static ECKeyPair wallet;
    static String walletAddress;
    static long nonce = 1;

    @BeforeAll
    static void start() throws Exception {
        x = new TestExchange();
        wallet = ECKeyPair.create(new java.math.BigInteger("1234567890abcdef1234567890abcdef", 16));
        walletAddress = "0x" + Keys.getAddress(wallet.getPublicKey());
        final var admin = x.server.apiKeys().create(1, EnumSet.of(Scope.ADMIN));
        final HttpResponse<String> r = x.signed(admin, "POST", "/v1/wallets", new JsonObject().put("address", walletAddress)
                .put("accountId", 1).put("scopes", new JsonArray().add("read").add("trade")).encode());
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() {
        x.close();
    }

    static HttpResponse<String> walletSigned(final ECKeyPair signer, final String method, final String path,
            final String body, final long n, final long expiryMs, final String bodySent) throws Exception {
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        final String typed = x.server.wallets().typedData(method, path, "", bytes, n, expiryMs);
        final String sig = WalletAuth.sign(typed, signer);
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(x.base() + path)).header("TK-WALLET", walletAddress)
                .header("TK-WALLET-NONCE", Long.toString(n)).header("TK-WALLET-EXPIRY", Long.toString(expiryMs))
                .header("TK-WALLET-SIGNATURE", sig).header("Idempotency-Key", "wallet-" + System.nanoTime())
                .method(method, bodySent == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(bodySent));
        return x.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String code(final HttpResponse<String> r) {
        return new JsonObject(r.body()).getString("code");
    }

    @Test
    void walletSignedOrderAcceptedForgeriesAndReplaysRefused() throws Exception {
        final String order = new JsonObject().put("symbol", TestExchange.SYMBOL).put("side", "BUY").put("price", "2.00")
                .put("quantity", "1").encode();
        final long exp = System.currentTimeMillis() + 60_000;
        final long n = nonce++;
        assertEquals(200, walletSigned(wallet, "POST", "/v1/orders", order, n, exp, order).statusCode());
        assertEquals("NONCE_REUSED", code(walletSigned(wallet, "POST", "/v1/orders", order, n, exp, order)));
        final String tampered = order.replace("\"1\"", "\"9\"");
        assertEquals("BAD_SIGNATURE", code(walletSigned(wallet, "POST", "/v1/orders", order, nonce++, exp, tampered)));
        assertEquals("TIMESTAMP_OUTSIDE_WINDOW", code(walletSigned(wallet, "POST", "/v1/orders", order, nonce++,
                System.currentTimeMillis() - 1, order)));
        final ECKeyPair stranger = ECKeyPair.create(java.math.BigInteger.valueOf(987654321L));
        assertEquals("BAD_SIGNATURE", code(walletSigned(stranger, "POST", "/v1/orders", order, nonce++, exp, order)));
    }

    @Test
    void agentActsWithinItsScopeAndValidityOnly() throws Exception {
        final ECKeyPair agent = ECKeyPair.create(java.math.BigInteger.valueOf(555_555_555L));
        final String agentAddress = "0x" + Keys.getAddress(agent.getPublicKey());
        final long exp = System.currentTimeMillis() + 60_000;
        final String approve = new JsonObject().put("agent", agentAddress).put("scopes", new JsonArray().add("trade"))
                .put("validUntilMs", System.currentTimeMillis() + 60_000).encode();
        assertEquals(200, walletSigned(wallet, "POST", "/v1/agents", approve, nonce++, exp, approve).statusCode());
        final String order = new JsonObject().put("symbol", TestExchange.SYMBOL).put("side", "BUY").put("price", "2.00")
                .put("quantity", "1").encode();
        assertEquals(200, walletSigned(agent, "POST", "/v1/orders", order, nonce++, exp, order).statusCode());
        // the agent has trade only: reading balances needs read
        assertEquals("FORBIDDEN_SCOPE", code(walletSigned(agent, "GET", "/v1/balances", null, nonce++, exp, null)));
        // an agent may not approve agents
        assertEquals("FORBIDDEN_SCOPE", code(walletSigned(agent, "POST", "/v1/agents", approve, nonce++, exp, approve)));
        final String shortLived = new JsonObject().put("agent", agentAddress).put("scopes", new JsonArray().add("trade"))
                .put("validUntilMs", System.currentTimeMillis() + 1_000).encode();
        assertEquals(200, walletSigned(wallet, "POST", "/v1/agents", shortLived, nonce++, exp, shortLived).statusCode());
        Thread.sleep(1_200);
        assertEquals("TOKEN_EXPIRED", code(walletSigned(agent, "POST", "/v1/orders", order, nonce++, exp, order)));
    }
}
