package space.tokenta.chain.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import space.tokenta.chain.bench.ChainBench;
import space.tokenta.chain.config.ChainsConfigFile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.devchain.DevChain;
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
            description = "Start eth-dev (31337), bsc-dev (31338), tron-evm-dev (31339): anvil plus fault proxies each.")
    static final class DevChainsCommand implements Callable<Integer> {
        @Option(names = "--proxies", defaultValue = "2", description = "fault proxies per chain (default ${DEFAULT-VALUE})")
        int proxies;

        @Option(names = "--chaos-seed", description = "inject seeded faults through every proxy")
        Long chaosSeed;

        @Option(names = "--chaos-percent", defaultValue = "5", description = "share of faulty requests with --chaos-seed (default ${DEFAULT-VALUE})")
        int chaosPercent;

        @Option(names = "--no-deploy", description = "skip deploying MockStablecoin and TokentaEscrow")
        boolean noDeploy;

        @Option(names = "--seconds", defaultValue = "0", description = "stop after this many seconds (0: until interrupted)")
        long seconds;

        @Override
        public Integer call() throws InterruptedException {
            try (DevChains dev = DevChains.start(DevChains.DEFAULT_PROFILES, proxies, chaosSeed, chaosPercent, RpcPolicy.defaults(), !noDeploy)) {
                for (final DevChain chain : dev.chains()) {
                    System.out.printf("%s chain id %d anvil %s (pid %d)%n", chain.profile().name(), chain.profile().chainId(),
                            chain.anvil().httpUrl(), chain.anvil().pid());
                    chain.upstreams(false).forEach(u -> System.out.printf("  proxy %s %s %s%n", u.id(), u.httpUrl(), u.wsUrl()));
                    dev.deployed(chain.profile().name()).forEach((k, v) -> System.out.printf("  %s at %s%n", k, v));
                }
                final long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    print(dev.pools().values().stream().map(UpstreamPool::status).toList());
                }
                return 0;
            }
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
