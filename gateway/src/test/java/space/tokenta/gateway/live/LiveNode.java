package space.tokenta.gateway.live;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.agrona.IoUtil;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.NodeConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.gateway.GatewayConfig;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.HmacSigner;
import space.tokenta.gateway.auth.Scope;
import space.tokenta.gateway.cluster.NodeGateway;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;
import space.tokenta.store.projection.CommitHook;
import space.tokenta.store.projection.Projector;
import space.tokenta.store.projection.ProjectorRunner;
import space.tokenta.store.source.ClusterEventSource;

/**
 * A real single-node cluster (temp dirs, free loopback ports), an embedded PostgreSQL with the
 * projector following the node's journal, and the gateway on them; one instrument (2 price decimals),
 * a funded buyer (account 1) and a listed seller (account 2).
 */
final class LiveNode implements AutoCloseable {
    static final String SYMBOL = "GPT-FT-04";
    final Path dir;
    final Path nodeDirectory;
    final ClusterNode node;
    final TokentaClusterClient client;
    final StoreDatabase db;
    final ClusterEventSource journal;
    final ProjectorRunner projector;
    final NodeGateway gateway;
    final GatewayServer server;
    final ApiKeys.ApiKey buyer;
    final ApiKeys.ApiKey seller;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LiveNode() throws Exception {
        dir = Files.createTempDirectory("tokenta-live-");
        final ClusterMembers members = ClusterMembers.loopback(1, freePortBase());
        final NodeConfig config = NodeConfig.of(0, members, dir, dir.resolve("aeron"));
        nodeDirectory = config.nodeDirectory();
        node = ClusterNode.launch(config);
        // generous timeouts: the machine running the tests may be busy
        client = TokentaClusterClient.connect(new TokentaClusterClient.Config(TokentaClusterClient.IPC_INGRESS,
                node.aeronDirectoryName(), 64, 30_000, 30_000));
        seed();
        db = StoreDatabase.open(DatabaseConfig.embedded(dir.resolve("postgres")));
        journal = new ClusterEventSource(config.nodeDirectory());
        projector = new ProjectorRunner(new Projector(db.dataSource(), journal, 1_000, CommitHook.NONE)).start();
        if (!projector.awaitPosition(client.status().logPosition(), 30_000)) {
            throw new IllegalStateException("projector did not catch up");
        }
        gateway = NodeGateway.start(config.nodeDirectory(), node.aeronDirectoryName(), db.dataSource(),
                () -> projector.projector().projectedPosition(),
                GatewayConfig.defaults().withPort(0).withRate(1_000_000, 1_000_000).withWebhookPrivateTargets(true));
        server = gateway.server();
        buyer = server.apiKeys().create(1, EnumSet.of(Scope.READ, Scope.TRADE));
        seller = server.apiKeys().create(2, EnumSet.of(Scope.READ, Scope.TRADE));
    }

    /** A base with ten free ports above it (the member's loopback ports). */
    static int freePortBase() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int base = 20_000 + ThreadLocalRandom.current().nextInt(20_000) / 10 * 10;
            boolean free = true;
            for (int p = base; p < base + ClusterMembers.PORTS_PER_MEMBER && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (final java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private void submit(final Command c) {
        final CommandResponse r = client.submit(c);
        for (final Event e : r.events()) {
            if (e instanceof Event.CommandRejected rejected) {
                throw new IllegalStateException("seed rejected: " + rejected);
            }
        }
    }

    private void seed() {
        final Command c = new Command();
        c.type = CommandType.ADD_ASSET;
        c.assetId = 1;
        submit(c);
        c.clear();
        c.type = CommandType.ADD_INSTRUMENT;
        c.instrumentId = 1;
        c.symbol = SYMBOL;
        c.instrumentClass = InstrumentClass.API_QUOTA;
        c.assetId = 1;
        c.tickValueQuoteUnits = 10_000;
        c.lotSizeUnits = 1;
        c.minQuantityLots = 1;
        c.maxQuantityLots = 5_000;
        c.minPriceTicks = 1;
        c.maxPriceTicks = 1_000_000;
        c.takerFeeBps = 10;
        c.timeoutNs = 3_600_000_000_000L;
        submit(c);
        for (long account = 1; account <= 2; account++) {
            c.clear();
            c.type = CommandType.ADD_ACCOUNT;
            c.accountId = account;
            submit(c);
        }
        c.clear();
        c.type = CommandType.CREDIT_DEPOSIT;
        c.accountId = 1;
        c.assetId = 1;
        c.chainId = 1;
        c.amount = 1_000_000_000_000_000L;
        c.transferIdHi = Long.MIN_VALUE | 7;
        c.transferIdLo = 1;
        submit(c);
        c.clear();
        c.type = CommandType.SET_EXPOSURE_LIMIT;
        c.accountId = 2;
        c.amount = 1_000_000_000_000_000L;
        submit(c);
        c.clear();
        c.type = CommandType.REGISTER_LISTING;
        c.accountId = 2;
        c.instrumentId = 1;
        c.quantityLots = 1_000_000;
        submit(c);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signed(final ApiKeys.ApiKey key, final String method, final String path, final String body)
            throws Exception {
        return signed(key, method, path, body, UUID.randomUUID().toString(), UUID.randomUUID().toString().replace("-", ""));
    }

    HttpResponse<String> signed(final ApiKeys.ApiKey key, final String method, final String path, final String body,
            final String idempotencyKey, final String nonce) throws Exception {
        final long ts = System.currentTimeMillis();
        final byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        final String sig = HmacSigner.sign(key.secret(), ts, nonce, method, path, "", bytes);
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header(GatewayServer.HEADER_KEY, key.keyId()).header(GatewayServer.HEADER_TIMESTAMP, Long.toString(ts))
                .header(GatewayServer.HEADER_NONCE, nonce).header(GatewayServer.HEADER_SIGNATURE, sig)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (method.equals("POST")) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        gateway.close();
        projector.close();
        journal.close();
        client.close();
        node.close();
        db.close();
        IoUtil.delete(dir.toFile(), true);
    }
}
