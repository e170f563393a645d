package space.tokenta.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.auth.HmacSigner;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UpCommandTest {

    @Test
    void anEscrowTimelockOutsideTheDealsLifetimeIsRefusedBeforeAnythingStarts(@TempDir final Path dir) {
        for (final String timelock : new String[] {"-1", Long.toString(space.tokenta.settlement.SettlementConfig.DEFAULT_EXPIRY_S)}) {
            final CommandLine cl = Main.commandLine();
            final java.io.StringWriter err = new java.io.StringWriter();
            cl.setErr(new java.io.PrintWriter(err));
            final Path data = dir.resolve("d" + timelock);
            assertEquals(2, cl.execute("up", "--data-dir", data.toString(), "--escrow-timelock-s", timelock), err.toString());
            assertTrue(err.toString().contains("--escrow-timelock-s must be 0..3599"), err.toString());
            assertFalse(Files.exists(data), "nothing was started, not even the data directory");
        }
    }

    @Test
    void upStartsTheEngineReportsReadyAndStopsCleanly(@TempDir final Path dir) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final UpCommand up = new UpCommand(out);
        final CommandLine commandLine = new CommandLine(up);
        final int[] exit = {-1};
        final Thread thread = new Thread(() -> exit[0] = commandLine.execute("--data-dir", dir.resolve("d").toString(),
                "--port-base", "29100", "--http-port", "0"));
        thread.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!bytes.toString(StandardCharsets.UTF_8).contains("ready:") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        final String started = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(started.contains("ready: 4 instruments"), started);
        assertTrue(started.contains("GPT-FT-04") && started.contains("H100-80G.1H.2026-12-01T00Z")
                && started.contains("VISION-V2") && started.contains("LLM-DATA-X"), started);
        assertTrue(Files.isDirectory(dir.resolve("d")));
        assertTrue(started.contains("read models: embedded PostgreSQL"), started);
        // three dev chains with the escrow deployed, described for other processes in devchains.json
        assertEquals(3, started.lines().filter(l -> l.startsWith("chain ")).count(), started);
        assertTrue(Files.isRegularFile(dir.resolve("d").resolve("devchains.json")));
        // the projector follows the node's journal into PostgreSQL: the default market's instruments arrive
        final long projectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long instruments = 0;
        while (instruments < 4 && System.nanoTime() < projectDeadline) {
            try (Connection connection = up.database.dataSource().getConnection();
                 ResultSet rows = connection.createStatement().executeQuery("select count(*) from instruments")) {
                rows.next();
                instruments = rows.getLong(1);
            }
            Thread.sleep(50);
        }
        assertEquals(4, instruments);
        // timer ticks keep extending the journal: the projector is caught up when its lag touches 0
        final long lagDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long lag = up.projector.lag();
        while (lag != 0 && System.nanoTime() < lagDeadline) {
            Thread.sleep(5);
            lag = up.projector.lag();
        }
        assertEquals(0, lag, "projector caught up with the journal head");
        // the gateway serves on the live node; the dev buyer's key (dev-credentials) reads its funded balances
        final List<String> credentials = Files.readAllLines(dir.resolve("d").resolve("dev-credentials"));
        assertEquals(4, credentials.size(), credentials.toString());
        assertTrue(credentials.get(0).matches("port [0-9]+"), credentials.get(0));
        assertTrue(credentials.get(1).matches("buyer tk_[0-9a-f]+ [0-9a-f]+"), credentials.get(1));
        assertTrue(credentials.get(2).startsWith("seller ") && credentials.get(3).startsWith("admin "));
        final int port = Integer.parseInt(credentials.get(0).substring(5));
        assertTrue(started.contains("gateway: http://127.0.0.1:" + port), started);
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        final String[] buyer = credentials.get(1).split(" ");
        final long ts = System.currentTimeMillis();
        final String nonce = "uptest" + System.nanoTime();
        final HttpResponse<String> balances = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/balances")).GET()
                .header(GatewayServer.HEADER_KEY, buyer[1]).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(ts))
                .header(GatewayServer.HEADER_NONCE, nonce)
                .header(GatewayServer.HEADER_SIGNATURE, HmacSigner.sign(buyer[2], ts, nonce, "GET", "/v1/balances", "",
                        new byte[0])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, balances.statusCode(), balances.body());
        final JsonArray rows = new JsonArray(balances.body());
        assertEquals(2, rows.size(), balances.body());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Long.toString(DefaultMarket.DEV_BUYER_DEPOSIT), String.valueOf(rows.getJsonObject(i)
                    .getValue("available")), balances.body());
        }
        // up registers the dev trader wallets: trader 0's DEV ONLY key from devchains.json signs (EIP-712) for account 1
        final space.tokenta.chain.devchain.DevAccount trader0 = space.tokenta.chain.devchain.DevDeployment
                .read(dir.resolve("d").resolve("devchains.json")).chains().values().iterator().next().traders().get(0);
        assertTrue(started.contains(trader0.address()), started);
        final long expiryMs = System.currentTimeMillis() + 60_000;
        final long walletNonce = System.nanoTime() % 1_000_000_000_000L;
        final String signature = space.tokenta.gateway.auth.WalletAuth.sign(new space.tokenta.gateway.auth.WalletAuth(1)
                .typedData("GET", "/v1/balances", "", new byte[0], walletNonce, expiryMs), trader0.credentials().getEcKeyPair());
        final HttpResponse<String> walletBalances = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/balances")).GET()
                .header("TK-WALLET", trader0.address()).header("TK-WALLET-NONCE", Long.toString(walletNonce))
                .header("TK-WALLET-EXPIRY", Long.toString(expiryMs)).header("TK-WALLET-SIGNATURE", signature).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, walletBalances.statusCode(), walletBalances.body());
        assertEquals(rows, new JsonArray(walletBalances.body()), "the wallet reads the buyer's (account 1) balances");
        // with chains every instrument is seller-pays at the escrow's fee, as the node's read models say
        final HttpResponse<String> listed = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/instruments")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listed.statusCode(), listed.body());
        final JsonArray listedInstruments = new JsonArray(listed.body());
        assertEquals(4, listedInstruments.size(), listed.body());
        for (int i = 0; i < listedInstruments.size(); i++) {
            final io.vertx.core.json.JsonObject instrument = listedInstruments.getJsonObject(i);
            assertEquals("SELLER_PAYS", instrument.getString("feeModel"), listed.body());
            assertEquals(50, instrument.getInteger("makerFeeBps"), listed.body());
            assertEquals(50, instrument.getInteger("takerFeeBps"), listed.body());
        }
        // the RPC Nodes panel's route over the dev chains' upstream pools
        final HttpResponse<String> nodes = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/rpc/nodes")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, nodes.statusCode(), nodes.body());
        final JsonArray chains = new io.vertx.core.json.JsonObject(nodes.body()).getJsonArray("chains");
        assertEquals(3, chains.size(), nodes.body());
        for (int i = 0; i < chains.size(); i++) {
            final io.vertx.core.json.JsonObject chain = chains.getJsonObject(i);
            assertTrue(chain.getInteger("total") >= 2 && chain.getInteger("online") >= 1, nodes.body());
            assertEquals(chain.getInteger("total"), chain.getJsonArray("upstreams").size(), nodes.body());
            assertTrue(chain.getLong("headBlock") >= chain.getLong("finalizedBlock"), nodes.body());
            final io.vertx.core.json.JsonObject upstream = chain.getJsonArray("upstreams").getJsonObject(0);
            assertTrue(upstream.containsKey("healthy") && upstream.containsKey("latencyP50Ms")
                    && upstream.containsKey("latencyP99Ms") && upstream.containsKey("headBlock"), nodes.body());
        }
        // settlement's meters in the gateway's registry: one scrape shows both
        final String scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scrape.contains("tokenta_settlement_escrows{phase=\"RELEASED\"}"), scrape);
        assertTrue(scrape.contains("tokenta_settlement_notional_in_escrow "), scrape);
        assertTrue(scrape.contains("tokenta_settlement_notional_reconciled "), scrape);
        assertTrue(scrape.contains("tokenta_settlement_indexer_lag_blocks{chain="), scrape);
        assertTrue(scrape.contains("tokenta_settlement_dead_letters{chain="), scrape);
        assertTrue(scrape.contains("tokenta_settlement_deposits_credited_total "), scrape);
        assertTrue(scrape.contains("tokenta_projector_lag_ms"), scrape);
        // with chains the instruments' fees are the escrow's: the seller pays its 50 bps whoever rested, the buyer none
        assertEquals(4, started.lines().filter(l -> l.startsWith("instrument ")
                && l.endsWith("fees maker 50 / taker 50 bps (SELLER_PAYS)")).count(), started);
        // the dispute route reaches settlement: it knows no such escrow (a node without settlement names none)
        final long disputeTs = System.currentTimeMillis();
        final String disputeNonce = "updispute" + System.nanoTime();
        final String disputePath = "/v1/escrows/ESC-999999/dispute";
        final HttpResponse<String> dispute = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + disputePath)).POST(HttpRequest.BodyPublishers.noBody())
                .header("Idempotency-Key", "up-dispute-" + disputeNonce)
                .header(GatewayServer.HEADER_KEY, buyer[1]).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(disputeTs))
                .header(GatewayServer.HEADER_NONCE, disputeNonce)
                .header(GatewayServer.HEADER_SIGNATURE, HmacSigner.sign(buyer[2], disputeTs, disputeNonce, "POST",
                        disputePath, "", new byte[0])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, dispute.statusCode(), dispute.body());
        assertEquals("ESC-999999", new io.vertx.core.json.JsonObject(dispute.body()).getJsonObject("details")
                .getString("escrowId"), dispute.body());
        up.requestStop();
        thread.join(10_000);
        assertEquals(0, exit[0]);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("stopped:"));
    }

    @Test
    void mainUpRunsAsAProcessAndStopsOnSigterm(@TempDir final Path dir) throws Exception {
        final String java = ProcessHandle.current().info().command().orElse("java");
        // output goes to a file: reading a pipe while the JDK drains it at exit races ("Stream closed")
        final Path log = dir.resolve("up.log");
        final Process process = new ProcessBuilder(java, "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "up", "--data-dir", dir.resolve("data").toString(),
                "--no-chains", "--port-base", "29200", "--http-port", "0").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("ready:") && process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            final String started = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(started.lines().anyMatch(l -> l.startsWith("ready:")), started);
            process.toHandle().destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "up did not stop on SIGTERM");
            final String all = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(all.contains("stopped:"), all);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
