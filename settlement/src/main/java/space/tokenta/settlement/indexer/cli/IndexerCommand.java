package space.tokenta.settlement.indexer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.ChainKind;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.FinalityRule;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.settlement.indexer.ChainIndexer;
import space.tokenta.settlement.indexer.CreditDeposit;
import space.tokenta.settlement.indexer.FinalEventSink;
import space.tokenta.settlement.indexer.IndexerConfig;
import space.tokenta.settlement.indexer.IndexerDatabase;
import space.tokenta.settlement.indexer.IndexerState;
import space.tokenta.settlement.indexer.IndexerStore;
import space.tokenta.settlement.indexer.LogDecoder;
import space.tokenta.settlement.indexer.PoolBlockSource;
import space.tokenta.settlement.indexer.deadletter.DeadLetter;
import space.tokenta.settlement.indexer.deadletter.DeadLetterReplayer;

/** {@code tokenta indexer run|dead-letters|replay}: one chain's indexer from the command line. */
@Command(name = "indexer", mixinStandardHelpOptions = true, description = "Reorg-safe escrow indexer of one chain.",
        subcommands = {IndexerCommand.Run.class, IndexerCommand.DeadLetters.class, IndexerCommand.Replay.class})
public final class IndexerCommand implements Callable<Integer> {
    public static final class Common {
        @Option(names = "--rpc", required = true, description = "JSON-RPC URL (repeatable)")
        List<String> rpc;
        @Option(names = "--jdbc", description = "PostgreSQL JDBC URL (else an embedded server in --data)")
        String jdbc;
        @Option(names = "--data", description = "embedded PostgreSQL data folder", defaultValue = "data/settlement-pg")
        Path data;
        @Option(names = "--chain-id", required = true)
        long chainId;
        @Option(names = "--contract", required = true, description = "TokentaEscrow address")
        String contract;
        @Option(names = "--start-block", defaultValue = "0")
        long startBlock;
        @Option(names = "--finality", defaultValue = "depth:2", description = "depth:N or finalized")
        String finality;
        @Option(names = "--window", defaultValue = "128")
        int window;
        @Option(names = "--range", defaultValue = "2000")
        int range;

        IndexerDatabase database() {
            return jdbc != null ? IndexerDatabase.external(jdbc) : IndexerDatabase.embedded(data);
        }

        UpstreamPool pool() {
            final ChainProfile profile = new ChainProfile("chain-" + chainId, chainId, ChainKind.EVM,
                    FinalityRule.parse(finality), 1_000);
            final List<UpstreamConfig> upstreams = new java.util.ArrayList<>();
            for (int i = 0; i < rpc.size(); i++) {
                upstreams.add(UpstreamConfig.of("rpc-" + (i + 1), rpc.get(i), null));
            }
            final RpcPolicy policy = RpcPolicy.builder().probeIntervalMs(250).consensus(1, 1).unfinalizedTtlMs(0)
                    .cacheMaxEntries(0).lag(1_000, 1_000).build();
            return new UpstreamPool(new ChainConfig(profile, upstreams, policy)).start();
        }

        IndexerConfig config() {
            return IndexerConfig.defaults(chainId, contract, startBlock).withWindow(window).withRange(range);
        }
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Prints each final event as the engine command it becomes. */
    static final class PrintingSink implements FinalEventSink {
        @Override
        public boolean accept(final CreditDeposit command) {
            System.out.println("CreditDeposit " + command.chainEventId() + " " + command.account() + " " + command.token()
                    + " " + command.amount());
            return true;
        }
    }

    @Command(name = "run", description = "Index until stopped (or --max-ms).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;
        @Option(names = "--max-ms", defaultValue = "0", description = "stop after this long (0: run until killed)")
        long maxMs;

        @Override
        public Integer call() {
            final Common c = common;
            try (IndexerDatabase db = c.database(); UpstreamPool pool = c.pool()) {
                final IndexerConfig config = c.config();
                final ChainIndexer indexer = new ChainIndexer(config,
                        new PoolBlockSource(pool, config.contract(), FinalityRule.parse(c.finality)),
                        new IndexerStore(db.dataSource()), new PrintingSink(), LogDecoder.escrow(config.contract()));
                final long endMs = maxMs > 0 ? System.currentTimeMillis() + maxMs : Long.MAX_VALUE;
                while (System.currentTimeMillis() < endMs && indexer.state() != IndexerState.HALTED) {
                    if (indexer.doWork() == 0) {
                        Thread.sleep(5);
                    }
                }
                System.out.println("indexer " + indexer.state() + " " + indexer.metrics().snapshot()
                        + (indexer.lastError() == null ? "" : " last error: " + indexer.lastError()));
                return indexer.state() == IndexerState.HALTED ? 2 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    @Command(name = "dead-letters", description = "List dead letters.")
    static final class DeadLetters implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Override
        public Integer call() {
            try (IndexerDatabase db = common.database()) {
                for (final DeadLetter l : DeadLetterReplayer.list(db.dataSource(), common.chainId, true)) {
                    System.out.println(l);
                }
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Re-process the dead letters.")
    static final class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        Common common;

        @Override
        public Integer call() {
            final Common c = common;
            try (IndexerDatabase db = c.database(); UpstreamPool pool = c.pool()) {
                final DeadLetterReplayer replayer = new DeadLetterReplayer(db.dataSource(),
                        new PoolBlockSource(pool, c.contract, FinalityRule.parse(c.finality)), LogDecoder.escrow(c.contract));
                System.out.println(replayer.replay(c.chainId));
            }
            return 0;
        }
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new IndexerCommand()).execute(args));
    }
}
