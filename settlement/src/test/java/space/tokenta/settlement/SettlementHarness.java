package space.tokenta.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.devchain.DevAccount;
import space.tokenta.chain.devchain.DevChains;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.chain.escrow.TokentaEscrowContract;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.cluster.node.ClusterMembers;
import space.tokenta.cluster.node.ClusterNode;
import space.tokenta.cluster.node.NodeConfig;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.command.CommandType;
import space.tokenta.engine.event.Event;
import space.tokenta.engine.instrument.FeeModel;
import space.tokenta.engine.instrument.InstrumentClass;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.order.Side;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.account.DevWallets;
import space.tokenta.settlement.engine.LedgerFold;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.EscrowChain;
import space.tokenta.settlement.fee.EscrowFeeSchedule;
import space.tokenta.settlement.verification.AttestorQuorumVerifier;
import space.tokenta.settlement.verification.ReferenceDeliveries;
import space.tokenta.store.db.DatabaseConfig;
import space.tokenta.store.db.StoreDatabase;

/**
 * Everything settlement runs against, for real: one dev chain (anvil with TokentaEscrow and the
 * mock stablecoin deployed, 1 s blocks), an embedded PostgreSQL with the store's and settlement's
 * schemas, a single-node cluster with a test market, and the verify module's reference sellers and
 * attestors. Every process it starts is stopped by {@link #close()}.
 */
final class SettlementHarness implements AutoCloseable {
    static final int USDT = 1;
    static final int HONEST = 1;
    static final int TAMPERED = 2;
    static final int NEVER_DELIVERS = 3;
    static final long BUYER = 1;
    static final long SELLER = 2;
    static final long OTHER = 3;
    /** Quote units per tick per lot: a tick is 1 cent on 6-decimal USDT. */
    static final long TICK_VALUE = 10_000;
    /** Delivered honestly, but its fees are off the escrow's schedule (maker-taker, a buyer's taker fee): reconciliation must see it. */
    static final int OFF_SCHEDULE = 4;
    static final int OFF_SCHEDULE_TAKER_FEE_BPS = 10;
    /** The machine is shared and often loaded (load 10 on 2 cores): answers may take seconds. */
    static final long REQUEST_TIMEOUT_MS = 30_000;
    static final long TEST_CLIENT_IDLE_MS = 4_000;

    final Path dir;
    final ClusterMembers members;
    final DevChains devChains;
    final DevDeployment.Chain chain;
    final StoreDatabase db;
    final ClusterNode node;
    TokentaClusterClient testClient;
    private long testClientUsedMs;
    final TokentaClusterClient serviceClient;
    final Web3j web3j;
    final DevWallets wallets;
    final AccountDirectory directory;
    final SettlementConfig config;
    /** The market's one fee schedule: the deployed escrow's fee. */
    final EscrowFeeSchedule fees;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    SettlementHarness(final Path dir, final long timelockSec, final long expirySec) {
        this.dir = dir;
        final RpcPolicy policy = RpcPolicy.builder().requestDeadlineMs(5_000).attemptTimeoutMs(2_000).maxAttempts(4)
                .backoff(5, 50).hedge(false).probeIntervalMs(200).quarantineAfterFailures(3).consensus(1, 1)
                .unfinalizedTtlMs(0).cacheMaxEntries(0).lag(1_000, 1_000).build();
        devChains = DevChains.start(new DevChains.Options(List.of(ChainProfile.ETH_DEV), 0, null, 0, policy, 1, 1, true,
                dir.resolve("chains")));
        closeables.add(devChains);
        chain = devChains.deployment().chains().get(ChainProfile.ETH_DEV.chainId());
        web3j = Web3j.build(new HttpService(chain.direct().http()));
        db = StoreDatabase.open(DatabaseConfig.embedded(dir.resolve("pg")));
        closeables.add(0, db);
        SettlementSchema.migrate(db.dataSource());
        members = ClusterMembers.loopback(1, freePortBase());
        node = ClusterNode.launch(NodeConfig.of(0, members, dir.resolve("cluster"), dir.resolve("aeron")));
        closeables.add(0, node);
        testClient = connectTestClient();
        serviceClient = TokentaClusterClient.connect(new TokentaClusterClient.Config(TokentaClusterClient.IPC_INGRESS,
                node.aeronDirectoryName(), 64, REQUEST_TIMEOUT_MS, 30_000));
        closeables.add(0, serviceClient);
        wallets = new DevWallets(devChains.deployment());
        directory = new AccountDirectory(List.of(
                new AccountDirectory.Entry(BUYER, chain.chainId(), trader(0).address()),
                new AccountDirectory.Entry(SELLER, chain.chainId(), trader(1).address()),
                new AccountDirectory.Entry(OTHER, chain.chainId(), trader(2).address())));
        config = SettlementConfig.defaults(List.of(new SettlementConfig.Chain(chain.chainId(), USDT, chain.token(),
                chain.escrow(), chain.feeRecipient().address(), FinalityRule.depth(2), 0)))
                .withTimes(timelockSec, expirySec, Math.min(expirySec, 30));
        fees = EscrowFeeSchedule.of(List.of(chain));
        loadMarket();
    }

    private TokentaClusterClient connectTestClient() {
        testClientUsedMs = System.currentTimeMillis();
        return TokentaClusterClient.connect(new TokentaClusterClient.Config(TokentaClusterClient.IPC_INGRESS,
                node.aeronDirectoryName(), 64, REQUEST_TIMEOUT_MS, 30_000));
    }

    DevAccount trader(final int i) {
        return chain.traders().get(i);
    }

    Path nodeDirectory() {
        return node.config().nodeDirectory();
    }

    /** A verifier with verify's reference sellers: instrument 1 honest, 2 tampered weights, 3 never delivers. */
    AttestorQuorumVerifier verifier() {
        final ReferenceDeliveries deliveries = new ReferenceDeliveries(wallets,
                Map.of(HONEST, ReferenceDeliveries.Behaviour.HONEST, TAMPERED, ReferenceDeliveries.Behaviour.TAMPERED,
                        NEVER_DELIVERS, ReferenceDeliveries.Behaviour.NOTHING, OFF_SCHEDULE,
                        ReferenceDeliveries.Behaviour.HONEST), ReferenceDeliveries.Behaviour.NOTHING);
        closeables.add(0, deliveries);
        return new AttestorQuorumVerifier(dir.resolve("evidence"),
                Map.of(chain.chainId(), Map.entry(chain.escrow(), chain.attestors())), config.verdictTtlSec(), deliveries);
    }

    space.tokenta.settlement.escrow.EscrowRepository wiringRepository() {
        return new space.tokenta.settlement.escrow.EscrowRepository(db.dataSource());
    }

    SettlementService.Wiring wiring(final CrashPoints crash) {
        return wiring(verifier(), crash);
    }

    /** A verifier over verify's reference sellers with the given behaviour per instrument. */
    AttestorQuorumVerifier verifier(final Map<Integer, ReferenceDeliveries.Behaviour> byInstrument) {
        final ReferenceDeliveries deliveries = new ReferenceDeliveries(wallets, byInstrument,
                ReferenceDeliveries.Behaviour.NOTHING);
        closeables.add(0, deliveries);
        return new AttestorQuorumVerifier(dir.resolve("evidence"),
                Map.of(chain.chainId(), Map.entry(chain.escrow(), chain.attestors())), config.verdictTtlSec(), deliveries);
    }

    SettlementService.Wiring wiring(final space.tokenta.settlement.escrow.DeliveryVerifier verifier,
            final CrashPoints crash) {
        return new SettlementService.Wiring(config, directory, wallets,
                Map.of(chain.chainId(), chain.operator().credentials()),
                Map.of(chain.chainId(), devChains.pools().get(ChainProfile.ETH_DEV.name())),
                Map.of(chain.chainId(), Web3j.build(new HttpService(chain.direct().http()))), db.dataSource(),
                serviceClient, nodeDirectory(), verifier, crash);
    }

    private void loadMarket() {
        submit(c -> {
            c.type = CommandType.ADD_ASSET;
            c.assetId = USDT;
        });
        for (final int instrument : new int[] {HONEST, TAMPERED, NEVER_DELIVERS, OFF_SCHEDULE}) {
            submit(c -> {
                c.type = CommandType.ADD_INSTRUMENT;
                c.instrumentId = instrument;
                c.symbol = "MODEL-" + instrument;
                c.instrumentClass = InstrumentClass.MODEL_ACCESS;
                c.assetId = USDT;
                c.tickValueQuoteUnits = TICK_VALUE;
                c.lotSizeUnits = 1;
                c.minQuantityLots = 1;
                c.maxQuantityLots = 1_000;
                c.minPriceTicks = 1;
                c.maxPriceTicks = 100_000;
                c.timeoutNs = 24L * 3_600 * 1_000_000_000L;
                if (instrument == OFF_SCHEDULE) {
                    c.makerFeeBps = fees.makerFeeBps();
                    c.takerFeeBps = OFF_SCHEDULE_TAKER_FEE_BPS;
                    c.feeModel = FeeModel.MAKER_TAKER;
                } else {
                    fees.applyTo(c);
                }
            });
        }
        for (final long account : new long[] {BUYER, SELLER, OTHER}) {
            submit(c -> {
                c.type = CommandType.ADD_ACCOUNT;
                c.accountId = account;
            });
        }
        allowToSell(SELLER, HONEST, TAMPERED, NEVER_DELIVERS, OFF_SCHEDULE);
    }

    /** {@code seller} lists each instrument (10,000 lots) and may sell up to the same exposure as every seller here. */
    void allowToSell(final long seller, final int... instruments) {
        for (final int instrument : instruments) {
            submit(c -> {
                c.type = CommandType.REGISTER_LISTING;
                c.accountId = seller;
                c.instrumentId = instrument;
                c.quantityLots = 10_000;
            });
        }
        submit(c -> {
            c.type = CommandType.SET_EXPOSURE_LIMIT;
            c.accountId = seller;
            c.amount = 1_000_000_000_000L;
        });
    }

    /** Approves and deposits {@code amount} token units from trader {@code i}'s wallet into the escrow. */
    void depositOnChain(final int i, final long amount) {
        DevSettlement.depositFromTrader(chain, i, BigInteger.valueOf(amount));
    }

    TokentaEscrowContract escrow() {
        return new EscrowChain(config.chains().get(0), web3j, chain.operator().credentials()).operator();
    }

    /** The seller rests a sell, the buyer crosses it: one fill. @return the trade */
    Event.Trade trade(final int instrument, final long priceTicks, final long lots) {
        return trade(SELLER, instrument, priceTicks, lots);
    }

    /** The buyer rests a buy, the seller crosses it: one fill. @return the trade */
    Event.Trade tradeBuyerResting(final int instrument, final long priceTicks, final long lots) {
        submit(c -> LimitOrders.place(c, BUYER, instrument, Side.BUY, priceTicks, lots));
        final CommandResponse r = submit(c -> LimitOrders.place(c, SELLER, instrument, Side.SELL, priceTicks, lots));
        return r.events().stream().filter(e -> e instanceof Event.Trade).map(e -> (Event.Trade) e).findFirst()
                .orElseThrow(() -> new AssertionError("no fill: " + r.events()));
    }

    /** {@code seller} rests a sell, the buyer crosses it: one fill. @return the trade */
    Event.Trade trade(final long seller, final int instrument, final long priceTicks, final long lots) {
        submit(c -> LimitOrders.place(c, seller, instrument, Side.SELL, priceTicks, lots));
        final CommandResponse r = submit(c -> LimitOrders.place(c, BUYER, instrument, Side.BUY, priceTicks, lots));
        return r.events().stream().filter(e -> e instanceof Event.Trade).map(e -> (Event.Trade) e).findFirst()
                .orElseThrow(() -> new AssertionError("no fill: " + r.events()));
    }

    CommandResponse submit(final java.util.function.Consumer<Command> fill) {
        final Command c = new Command();
        fill.accept(c);
        if (System.currentTimeMillis() - testClientUsedMs > TEST_CLIENT_IDLE_MS) {
            // the cluster closes sessions idle for 10 s and never answers on a closed one: reconnect first
            testClient.close();
            testClient = connectTestClient();
        }
        testClientUsedMs = System.currentTimeMillis();
        final CommandResponse r = testClient.submit(c);
        for (final Event e : r.events()) {
            if (e instanceof Event.CommandRejected || e instanceof Event.OrderRejected) {
                throw new AssertionError("rejected: " + e + " for " + c);
            }
        }
        return r;
    }

    LedgerFold ledger() {
        return LedgerFold.of(nodeDirectory());
    }

    long available(final long account) {
        final LedgerFold l = ledger();
        return l.posted(account, AccountPurpose.AVAILABLE, USDT) - l.pendingDebits(account, AccountPurpose.AVAILABLE, USDT);
    }

    /** Double entry: every asset's posted balances sum to zero. */
    void assertLedgerBalanced() {
        ledger().assetSums().forEach((asset, sum) -> assertEquals(0L, sum, "asset " + asset + " ledger sum"));
    }

    static void await(final String what, final long timeoutMs, final BooleanSupplier condition) {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int base = 20_000 + (int) (Math.random() * 30_000);
            boolean free = true;
            for (int p = base; p < base + 6 && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (final IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    static void assertTrueWith(final boolean condition, final String message) {
        assertTrue(condition, message);
    }

    /** A test class's teardown: the service (when it started), then the harness (when it was built). */
    static void stop(final SettlementService service, final SettlementHarness harness) {
        if (service != null) {
            service.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        testClient.close();
        for (final AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (final Exception ignored) {
                // best effort: every process is still stopped by its own close
            }
        }
    }
}
