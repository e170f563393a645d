package space.tokenta.gateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.demo.GatewayDemo;
import space.tokenta.gateway.inprocess.InProcessExchange;

/** Webhook targets: every class of non-public address refused, at registration and again at delivery. */
class WebhookTargetPolicyTest {
    /** Names of the test resolver (DNS cannot be reached here); literals resolve as themselves. */
    static final Map<String, String> NAMES = Map.of("public.example", "93.184.216.34", "inside.example", "10.1.2.3",
            "v6inside.example", "fd12:3456::1");

    static List<InetAddress> resolve(final String host) throws UnknownHostException {
        final String mapped = NAMES.get(host);
        if (mapped != null) {
            return List.of(InetAddress.getByName(mapped));
        }
        if (host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    }

    static final WebhookTargetPolicy DENY = new WebhookTargetPolicy(false, WebhookTargetPolicyTest::resolve);
    static final WebhookTargetPolicy ALLOW = new WebhookTargetPolicy(true, WebhookTargetPolicyTest::resolve);

    private static String refusal(final WebhookTargetPolicy policy, final String url) {
        return assertThrows(WebhookTargetPolicy.RejectedTarget.class, () -> policy.check(url), url).reason();
    }

    @Test
    void everyNonPublicAddressClassIsRefused() {
        final Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("http://127.0.0.1/h", "loopback");
        cases.put("http://127.8.9.10:8080/h", "loopback");
        cases.put("http://[::1]/h", "loopback");
        cases.put("http://[::ffff:127.0.0.1]/h", "loopback");
        cases.put("http://169.254.169.254/latest/meta-data", "link_local");
        cases.put("http://[fe80::1]/h", "link_local");
        cases.put("http://10.0.0.1/h", "private");
        cases.put("http://172.16.0.1/h", "private");
        cases.put("http://172.31.255.255/h", "private");
        cases.put("http://192.168.1.1/h", "private");
        cases.put("http://100.64.0.1/h", "private");
        cases.put("http://[fd00::1]/h", "private");
        cases.put("http://[fc00::1]/h", "private");
        cases.put("http://[::ffff:10.0.0.1]/h", "private");
        cases.put("http://inside.example/h", "private");
        cases.put("https://v6inside.example/h", "private");
        cases.put("http://224.0.0.1/h", "multicast");
        cases.put("http://[ff02::1]/h", "multicast");
        cases.put("http://0.0.0.0/h", "unspecified");
        cases.put("http://[::]/h", "unspecified");
        cases.put("http://0.1.2.3/h", "unspecified");
        cases.put("http://255.255.255.255/h", "broadcast");
        cases.forEach((url, reason) -> assertEquals(reason, refusal(DENY, url), url));
        // the same addresses are fine when private targets are allowed explicitly
        cases.keySet().forEach(url -> assertEquals(url, ALLOW.check(url).toString()));
    }

    @Test
    void schemesCredentialsAndUnresolvableHostsAreRefusedEvenWhenPrivateIsAllowed() {
        for (final WebhookTargetPolicy policy : List.of(DENY, ALLOW)) {
            assertEquals("scheme", refusal(policy, "ftp://public.example/h"));
            assertEquals("scheme", refusal(policy, "file:///etc/passwd"));
            assertEquals("scheme", refusal(policy, "gopher://public.example/h"));
            assertEquals("scheme", refusal(policy, "public.example/h"));
            assertEquals("credentials", refusal(policy, "https://user:secret@public.example/h"));
            assertEquals("credentials", refusal(policy, "https://user@public.example/h"));
            assertEquals("unresolvable", refusal(policy, "https://nowhere.example/h"));
            assertEquals("invalid_url", refusal(policy, "http:// bad"));
            assertEquals("invalid_url", refusal(policy, "https://public.example/" + "a".repeat(3_000)));
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (final String url : List.of("https://public.example/hook", "http://93.184.216.34:8443/x", "http://172.32.0.1/h",
                "http://[2001:db8::1]/h", "http://100.128.0.1/h", "http://11.0.0.1/h")) {
            assertEquals(url, DENY.check(url).toString());
        }
        assertNull(WebhookTargetPolicy.forbiddenKind(InetAddress.getByName("8.8.8.8")));
    }

    @Test
    void aNameThatRebindsToLoopbackAfterRegistrationIsNotDeliveredTo() throws Exception {
        final AtomicInteger hits = new AtomicInteger();
        final HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        final AtomicInteger lookups = new AtomicInteger();
        // first answer public (registration passes), then the receiver's loopback address
        final WebhookTargetPolicy rebinding = new WebhookTargetPolicy(false, host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1")));
        try (InProcessExchange exchange = new InProcessExchange();
                WebhookDispatcher dispatcher = new WebhookDispatcher(exchange, 2, 5,
                        space.tokenta.gateway.persist.CredentialStore.inMemory(), List.of(), rebinding)) {
            GatewayDemo.seed(exchange, 2, 1_000_000, 1_000_000, 10);
            final var s = dispatcher.register(1, "http://rebind.example:" + receiver.getAddress().getPort() + "/h",
                    Set.of("transfer"));
            final space.tokenta.engine.command.Command deposit = new space.tokenta.engine.command.Command();
            deposit.type = space.tokenta.engine.command.CommandType.CREDIT_DEPOSIT;
            deposit.accountId = 1;
            deposit.assetId = 1;
            deposit.chainId = 1;
            deposit.amount = 5;
            deposit.transferIdHi = Long.MIN_VALUE | 7;
            deposit.transferIdLo = 99;
            exchange.submit(deposit).get(5, java.util.concurrent.TimeUnit.SECONDS);
            final long deadline = System.currentTimeMillis() + 10_000;
            while (dispatcher.deadLetters(1).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            final var letters = dispatcher.deadLetters(1);
            assertTrue(!letters.isEmpty());
            for (final WebhookDispatcher.DeadLetter letter : letters) {
                assertEquals(s.id(), letter.subscriptionId());
                assertEquals(2, letter.attempts());
                assertTrue(letter.lastError().contains("loopback"), letter.lastError());
            }
            assertEquals(0, hits.get(), "nothing reached the loopback receiver");
        } finally {
            receiver.stop(0);
        }
    }
}
