package space.tokenta.chain.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.chain.bench.ChainBench;
import space.tokenta.chain.config.ChainsConfigFile;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.chain.devchain.DevChains;
import space.tokenta.chain.rpc.ChainRegistry;
import space.tokenta.chain.rpc.UpstreamPool;
import space.tokenta.chain.status.ChainStatus;
import space.tokenta.chain.status.UpstreamStatus;

/** {@code tokenta chain status|devchains|bench}. */
@Command(name = "chain", mixinStandardHelpOptions = true, description = "Multi-chain RPC pools, local dev chains and their benchmark.",
        subcommands = {ChainCommand.Status.class, ChainCommand.DevChainsCommand.class, ChainCommand.Bench.class})
public final class ChainCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static void print(final List<ChainStatus> statuses) {
        for (final ChainStatus s : statuses) {
            System.out.println(s.panelLine());
            for (final UpstreamStatus u : s.upstreams()) {
                System.out.printf("  %-20s %-11s head %-8d lag %-4d p50 %7.2fms err %4.2f breaker %-9s %s%n", u.id(), u.state(), u.headBlock(),
                        u.lagBlocks(), u.p50LatencyMicros() < 0 ? 0.0 : u.p50LatencyMicros() / 1000.0, u.errorRate(), u.breaker(), u.reason());
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Probe the chains of a config file and print the RPC Nodes panel.")
    static final class Status implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "chains JSON file (see chain/README.md)")
        Path config;

        @Override
        public Integer call() {
            try (ChainRegistry registry = new ChainRegistry()) {
                registry.apply(ChainsConfigFile.read(config));
                print(registry.status());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("chain status: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "devchains", mixinStandardHelpOptions = true,
            description = "Start eth-dev (31337), bsc-dev (31338), tron-evm-dev (31339): anvil plus two fault proxies each, "
                    + "MockStablecoin and TokentaEscrow deployed, <data-dir>/devchains.json written. Runs until interrupted.")
    static final class DevChainsCommand implements Callable<Integer> {
        @Option(names = "--chaos-seed", description = "inject seeded faults (5% of requests) through every proxy")
        Long chaosSeed;

        @Option(names = "--data-dir", defaultValue = "data", description = "where devchains.json is written (default ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: until interrupted)")
        long seconds;

        @Override
        public Integer call() throws InterruptedException {
            if (seconds < 0) {
                System.err.println("chain devchains: --seconds must be >= 0");
                return 2;
            }
            try (DevChains dev = DevChains.startDefault(dataDir, chaosSeed)) {
                printDeployment(dev);
                final long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    print(dev.pools().values().stream().map(UpstreamPool::status).toList());
                }
                return 0;
            }
        }

        static void printDeployment(final DevChains dev) {
            final DevDeployment d = dev.deployment();
            System.out.printf("%-13s %-6s %-42s %-42s %s%n", "chain", "id", "token (mUSDT, 6 dec)", "escrow", "endpoints");
            for (final DevDeployment.Chain c : d.chains().values()) {
                System.out.printf("%-13s %-6d %-42s %-42s %s%n", c.name(), c.chainId(), c.token(), c.escrow(),
                        String.join(" ", c.endpoints().stream().map(DevDeployment.Endpoint::http).toList()));
            }
            final DevDeployment.Chain any = d.chains().values().iterator().next();
            System.out.printf("operator %s · owners %d-of-%d · fee %d bps to %s · quorum %d of %d attestors%n", any.operator().address(),
                    any.ownerThreshold(), any.owners().size(), any.feeBps(), any.feeRecipient().address(), any.quorum(), any.attestors().size());
            any.traders().forEach(t -> System.out.printf("trader %s holds %s units%n", t.address(), any.traderBalanceUnits()));
            System.out.println("DEV ONLY keys (anvil's public mnemonic) in " + dev.deploymentFile().toAbsolutePath());
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Pool overhead, throughput and fail-over time against a local anvil.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--samples", defaultValue = "20000", description = "sequential latency samples (default ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--concurrency", defaultValue = "32", description = "requests in flight for throughput (default ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--seconds", defaultValue = "5", description = "throughput window (default ${DEFAULT-VALUE})")
        long seconds;

        @Override
        public Integer call() throws Exception {
            new ChainBench(samples, concurrency, seconds * 1_000, System.out).run();
            return 0;
        }
    }
}
