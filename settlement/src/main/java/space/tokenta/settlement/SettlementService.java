package space.tokenta.settlement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import space.tokenta.chain.escrow.PoolWeb3jService;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.settlement.account.AccountDirectory;
import space.tokenta.settlement.account.Wallets;
import space.tokenta.settlement.deposit.EngineDepositSink;
import space.tokenta.settlement.engine.EngineCommands;
import space.tokenta.settlement.escrow.CrashPoints;
import space.tokenta.settlement.escrow.DeliveryVerifier;
import space.tokenta.settlement.escrow.EscrowChain;
import space.tokenta.settlement.escrow.EscrowRepository;
import space.tokenta.settlement.escrow.EscrowSettler;
import space.tokenta.settlement.escrow.StoreMirror;
import space.tokenta.settlement.indexer.ChainIndexer;
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
        final IndexerStore indexerStore = new IndexerStore(w.dataSource());
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

    /** One duty cycle of every part: indexers, escrow worker, withdrawals. @return work done */
    public int doWork() {
        int work = 0;
        for (final ChainIndexer indexer : indexers) {
            work += indexer.doWork();
        }
        work += settler.doWork();
        work += withdrawals.doWork();
        work += reputation.doWork();
        return work;
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
