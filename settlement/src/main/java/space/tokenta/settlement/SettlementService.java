package space.tokenta.settlement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.chain.escrow.PoolWeb3jService;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.account.Wallets;
import space.tokenta.settlement.deposit.EngineDepositSink;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.DeliveryVerifier;
import space.tokenta.settlement.escrow.DisputeAnswer;
import space.tokenta.settlement.escrow.EscrowChain;
import space.tokenta.settlement.escrow.EscrowRepository;
import space.tokenta.settlement.escrow.EscrowRow;
import space.tokenta.settlement.escrow.EscrowSettler;
import space.tokenta.settlement.escrow.StoreMirror;
import space.tokenta.settlement.escrow.EscrowPhase;
import space.tokenta.settlement.indexer.ChainIndexer;
import space.tokenta.settlement.indexer.Checkpoint;
import space.tokenta.settlement.indexer.IndexerState;
import space.tokenta.settlement.indexer.IndexerConfig;
import space.tokenta.settlement.indexer.IndexerStore;
import space.tokenta.settlement.indexer.LogDecoder;
import space.tokenta.settlement.indexer.PoolBlockSource;
import space.tokenta.settlement.reconcile.Reconciler;
import space.tokenta.settlement.verification.ReputationFeed;
import space.tokenta.settlement.withdraw.WithdrawalProcessor;

/**
 * Settlement in one place: per chain a reorg-safe indexer whose final deposits credit the engine,
 * the escrow lifecycle worker, withdrawals, the reputation feed (settled escrows → seller and attestor
 * books → exposure limits in the engine) and reconciliation, all on one agent thread (the cluster
 * client is single-threaded: give the service its own client). {@link #start} runs the thread;
 * {@link #create} leaves {@link #doWork()} to the caller (tests, benchmarks).
 */
public final class SettlementService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SettlementService.class);
    public static final long IDLE_SLEEP_MS = 5;
    public static final long STOP_GRACE_MS = 10_000;
    /** How often the worker refreshes its gauges (escrows by phase, indexer heads, dead letters). */
    public static final long GAUGE_REFRESH_MS = 1_000;
    /** How often a started service reconciles chains with the ledger (its notional gauges come from it). */
    public static final long RECONCILE_INTERVAL_MS = 60_000;
    public static final long FIRST_RECONCILE_DELAY_MS = 10_000;

    /**
     * What the service runs on, per chain id: the escrow operator's key, the upstream pool the indexer
     * reads through, and the web3j the worker sends and reads contract state with (closed with the
     * service; {@link #poolWeb3j} gives one over the pool, but a pool answer carries no revert data, so
     * the worker then recognises contract errors by re-reading the deal instead of by name).
     */
    public record Wiring(SettlementConfig config, AccountDirectory directory, Wallets wallets,
                         Map<Long, Credentials> operators, Map<Long, UpstreamPool> pools, Map<Long, Web3j> web3js,
                         DataSource dataSource,
                         TokentaClusterClient client, Path nodeDirectory, DeliveryVerifier verifier, CrashPoints crash) {
    }

    private final Wiring wiring;
    private final EngineCommands engine;
    private final List<Web3j> web3js = new ArrayList<>();
    private final List<ChainIndexer> indexers = new ArrayList<>();
    private final List<EscrowChain> chains = new ArrayList<>();
    private final SettlementMetrics metrics = new SettlementMetrics();
    private final ActivityLog activity;
    private final EscrowRepository escrows;
    private final EscrowSettler settler;
    private final WithdrawalProcessor withdrawals;
    private final Reconciler reconciler;
    private final IndexerStore indexerStore;
    private long gaugesRefreshedMs;
    private Thread reconcileThread;
    private final ReputationFeed reputation;
    private volatile boolean running;
    private Thread thread;
    private volatile Throwable lastError;

    private SettlementService(final Wiring w) {
        this.wiring = w;
        SettlementSchema.migrate(w.dataSource());
        this.activity = new ActivityLog(w.dataSource());
        this.engine = new EngineCommands(w.client());
        final EngineDepositSink deposits = new EngineDepositSink(w.config(), w.directory(), engine, activity, metrics);
        this.indexerStore = new IndexerStore(w.dataSource());
        for (final SettlementConfig.Chain c : w.config().chains()) {
            final UpstreamPool pool = w.pools().get(c.chainId());
            final Credentials operator = w.operators().get(c.chainId());
            if (pool == null || operator == null) {
                throw new IllegalArgumentException("chain " + c.chainId() + " needs an upstream pool and an operator key");
            }
            final IndexerConfig ic = IndexerConfig.defaults(c.chainId(), c.escrow(), c.startBlock());
            indexers.add(new ChainIndexer(ic, new PoolBlockSource(pool, c.escrow(), c.finality()), indexerStore, deposits,
                    LogDecoder.escrow(c.escrow())));
            final Web3j web3j = w.web3js().get(c.chainId());
            if (web3j == null) {
                throw new IllegalArgumentException("chain " + c.chainId() + " needs a web3j");
            }
            web3js.add(web3j);
            chains.add(new EscrowChain(c, web3j, operator));
        }
        this.escrows = new EscrowRepository(w.dataSource());
        this.settler = new EscrowSettler(w.config(), chains, w.directory(), w.wallets(), w.verifier(), engine, escrows,
                new StoreMirror(w.dataSource()), activity, metrics, w.nodeDirectory(), w.crash());
        this.withdrawals = new WithdrawalProcessor(w.config(), chains, w.directory(), w.wallets(), engine,
                w.dataSource(), activity, metrics);
        this.reconciler = new Reconciler(w.config(), chains, w.directory(), escrows, w.nodeDirectory(), metrics);
        this.reputation = new ReputationFeed(w.dataSource(), engine, ReputationFeed.Policy.DEFAULTS);
    }

    /** A web3j over an upstream pool (fail-over, hedging, breakers). */
    public static Web3j poolWeb3j(final UpstreamPool pool) {
        return Web3j.build(new PoolWeb3jService(pool));
    }

    /** Builds the service without a thread: the caller drives {@link #doWork()}. */
    public static SettlementService create(final Wiring wiring) {
        return new SettlementService(wiring);
    }

    /** Builds the service and runs it on its own thread until {@link #close()}. */
    public static SettlementService start(final Wiring wiring) {
        final SettlementService service = new SettlementService(wiring);
        service.running = true;
        service.thread = new Thread(service::run, "settlement");
        service.thread.setDaemon(true);
        service.thread.start();
        service.reconcileThread = new Thread(service::reconcileLoop, "settlement-reconcile");
        service.reconcileThread.setDaemon(true);
        service.reconcileThread.start();
        return service;
    }

    private void run() {
        while (running) {
            try {
                if (doWork() == 0) {
                    Thread.sleep(IDLE_SLEEP_MS);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (final RuntimeException e) {
                if (!running) {
                    return; // stopping: the cycle was cut short on purpose
                }
                lastError = e;
                LOG.warn("settlement cycle failed: {}", e.toString());
                try {
                    Thread.sleep(wiring.config().retryBackoffMs());
                } catch (final InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Reconciles now and then (reads only, its own thread): the notional gauges follow the chains. */
    private void reconcileLoop() {
        long waitMs = FIRST_RECONCILE_DELAY_MS;
        while (running) {
            try {
                Thread.sleep(waitMs);
            } catch (final InterruptedException e) {
                return;
            }
            waitMs = RECONCILE_INTERVAL_MS;
            try {
                final Reconciler.Report report = reconciler.run();
                if (!report.clean()) {
                    LOG.info("reconciliation: {} differences, first {}", report.differences().size(),
                            report.differences().get(0));
                }
            } catch (final RuntimeException e) {
                if (running) {
                    LOG.warn("reconciliation failed: {}", e.toString());
                }
            }
        }
    }

    /** One duty cycle of every part: indexers, escrow worker, withdrawals. @return work done */
    public int doWork() {
        int work = 0;
        for (final ChainIndexer indexer : indexers) {
            work += indexer.doWork();
        }
        work += settler.doWork();
        work += withdrawals.doWork();
        final long nowMs = System.currentTimeMillis();
        if (nowMs - gaugesRefreshedMs >= GAUGE_REFRESH_MS) {
            gaugesRefreshedMs = nowMs;
            refreshGauges();
        }
        work += reputation.doWork();
        return work;
    }

    /** Escrows by phase, open notional, and per chain the indexer's head, indexed and final blocks, lag and dead letters. */
    public void refreshGauges() {
        final Map<EscrowPhase, long[]> byPhase = escrows.countByPhase();
        long open = 0;
        for (final EscrowPhase phase : EscrowPhase.values()) {
            final long[] countAndAmount = byPhase.getOrDefault(phase, new long[2]);
            metrics.escrowsByPhase.get(phase).set(countAndAmount[0]);
            if (phase.ordinal() >= EscrowPhase.OPEN.ordinal() && !phase.isFinal()) {
                open += countAndAmount[1];
            }
        }
        metrics.notionalOpen.set(open);
        for (int i = 0; i < indexers.size(); i++) {
            final ChainIndexer indexer = indexers.get(i);
            final long chainId = wiring.config().chains().get(i).chainId();
            final SettlementMetrics.ChainGauges g = metrics.chain(chainId);
            final long head = indexer.lastHead();
            final long indexed = indexerStore.checkpoint(chainId).map(Checkpoint::blockNumber).orElse(-1L);
            g.headBlock.set(head);
            g.indexedBlock.set(indexed);
            g.finalBlock.set(indexer.lastFinal());
            g.lagBlocks.set(head < 0 ? 0 : Math.max(0, head - Math.max(indexed, 0)));
            g.deadLetters.set(indexerStore.deadLetterCount(chainId));
            g.halted.set(indexer.state() == IndexerState.HALTED ? 1 : 0);
        }
    }

    public SettlementConfig config() {
        return wiring.config();
    }

    public SettlementMetrics metrics() {
        return metrics;
    }

    public ActivityLog activity() {
        return activity;
    }

    public EscrowRepository escrows() {
        return escrows;
    }

    public WithdrawalProcessor withdrawals() {
        return withdrawals;
    }

    public List<ChainIndexer> indexers() {
        return List.copyOf(indexers);
    }

    public List<EscrowChain> chains() {
        return List.copyOf(chains);
    }

    /**
     * Account {@code accountId} disputes escrow {@code escrowId} on chain: only the escrow's buyer, only
     * while the deal is open and before its timelock ends; sent with the buyer's own key from the wallets.
     * The worker then has the dispute panel verify the delivery again and resolves the dispute by
     * {@code release} or {@code refund}. Idempotent: an escrow already disputed answers
     * {@link DisputeAnswer.Outcome#DISPUTED} again, with the same fields, and sends nothing. Any thread;
     * blocks until the transaction is mined.
     */
    public DisputeAnswer dispute(final String escrowId, final long accountId) {
        final EscrowRow row = escrows.find(escrowId).orElse(null);
        final Optional<DisputeAnswer> early = DisputeAnswer.fromRow(escrowId, row, accountId);
        if (early.isPresent()) {
            return early.get();
        }
        final EscrowChain chain = chains.stream().filter(c -> c.chainId() == row.chainId()).findFirst()
                .orElseThrow(() -> new IllegalStateException("chain " + row.chainId() + " is not configured"));
        final byte[] dealId = EvmHex.bytes(row.dealId());
        final Optional<DisputeAnswer> settled = DisputeAnswer.fromDeal(row, chain.deal(dealId), chain.chainTimeSec());
        if (settled.isPresent()) {
            return settled.get();
        }
        final Optional<Credentials> buyer = wiring.wallets().credentials(row.chainId(), row.buyer());
        if (buyer.isEmpty()) {
            return DisputeAnswer.of(DisputeAnswer.Outcome.NO_BUYER_KEY, row, null);
        }
        final String tx;
        try {
            tx = chain.as(buyer.get()).dispute(dealId).getTransactionHash();
        } catch (final RuntimeException e) {
            // a race (another request disputed, the worker settled, the timelock ended): the deal says which
            return DisputeAnswer.fromDeal(row, chain.deal(dealId), chain.chainTimeSec()).orElseThrow(() -> e);
        }
        activity.add("DSPT", escrowId, "buyer opened a dispute on " + escrowId + " · tx " + tx);
        return DisputeAnswer.of(DisputeAnswer.Outcome.DISPUTED, row, chain.deal(dealId));
    }

    /** Compares chains and ledger now (any thread; reads only). */
    public Reconciler.Report reconcile() {
        return reconciler.run();
    }

    public Throwable lastError() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                // let the current cycle end by itself; interrupt only a cycle stuck in a long wait
                thread.join(STOP_GRACE_MS);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reconcileThread != null) {
            reconcileThread.interrupt();
            try {
                reconcileThread.join(STOP_GRACE_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        settler.close();
        web3js.forEach(Web3j::shutdown);
        if (wiring.verifier() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (final Exception e) {
                LOG.warn("closing the verifier failed: {}", e.toString());
            }
        }
    }
}
