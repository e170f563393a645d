package space.tokenta.chain.devchain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.fault.FaultKind;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;
import space.tokenta.chain.rpc.UpstreamPool;

/**
 * Launches the local dev chains for {@code tokenta up}: by default eth-dev (31337), bsc-dev (31338)
 * and tron-evm-dev (31339), each an anvil plus two fault proxies, a pool over the three endpoints,
 * and the escrow plus mock stablecoin deployed when their artifacts are on the class path. Children
 * stop on {@link #close()} and on JVM shutdown.
 */
public final class DevChains implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevChains.class);
    public static final List<ChainProfile> DEFAULT_PROFILES = List.of(ChainProfile.ETH_DEV, ChainProfile.BSC_DEV, ChainProfile.TRON_EVM_DEV);
    public static final List<String> DEPLOY_ORDER = List.of("MockStablecoin", "TokentaEscrow");

    private final List<DevChain> chains = new ArrayList<>();
    private final Map<String, UpstreamPool> pools = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> deployed = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "devchains-shutdown");
    private boolean closed;

    private DevChains() {
    }

    /**
     * Starts every profile with {@code proxiesPerChain} proxies. With {@code chaosSeed} set, every
     * proxy injects seeded faults ({@code chaosPercent} % of requests).
     */
    public static DevChains start(final List<ChainProfile> profiles, final int proxiesPerChain, final Long chaosSeed,
                                  final int chaosPercent, final RpcPolicy policy, final boolean deploy) {
        final DevChains dev = new DevChains();
        Runtime.getRuntime().addShutdownHook(dev.shutdownHook);
        try {
            int proxyIndex = 0;
            for (final ChainProfile profile : profiles) {
                final DevChain chain = DevChain.start(profile, proxiesPerChain, List.of());
                dev.chains.add(chain);
                if (chaosSeed != null) {
                    for (final FaultProxy p : chain.proxies()) {
                        p.plan(FaultPlan.seeded(chaosSeed + proxyIndex++, chaosPercent,
                                EnumSet.complementOf(EnumSet.of(FaultKind.NONE, FaultKind.HANG))));
                    }
                }
                final UpstreamPool pool = new UpstreamPool(chain.chainConfig(policy, true)).start();
                dev.pools.put(profile.name(), pool);
                dev.deployed.put(profile.name(), deploy ? deployContracts(profile.name(), PoolDeployer.withAnvilKey(pool)) : Map.of());
            }
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
        return dev;
    }

    public static DevChains startDefault(final Long chaosSeed) {
        return start(DEFAULT_PROFILES, 2, chaosSeed, 5, RpcPolicy.defaults(), true);
    }

    /**
     * Deploys MockStablecoin and TokentaEscrow from their JSON artifacts (abi + bytecode). A missing
     * artifact, or a constructor that takes arguments, is logged and skipped.
     */
    public static Map<String, String> deployContracts(final String chain, final ContractDeployer deployer) {
        final Map<String, String> addresses = new LinkedHashMap<>();
        for (final String name : DEPLOY_ORDER) {
            final var artifact = ContractArtifact.load(name);
            if (artifact.isEmpty()) {
                LOG.info("{}: no {}{}.json on the class path; skipping its deployment", chain, ContractArtifact.RESOURCE_DIR, name);
                continue;
            }
            if (artifact.get().constructorInputs() > 0) {
                LOG.info("{}: {} takes {} constructor arguments; deploy it with its arguments appended (ContractDeployer)",
                        chain, name, artifact.get().constructorInputs());
                continue;
            }
            try {
                final String address = deployer.deploy(name, artifact.get().creationBytecode()).get(30, TimeUnit.SECONDS);
                addresses.put(name, address);
                LOG.info("{}: {} deployed at {}", chain, name, address);
            } catch (Exception e) {
                throw new IllegalStateException(chain + ": deploying " + name + " failed", e);
            }
        }
        return addresses;
    }

    public List<DevChain> chains() {
        return List.copyOf(chains);
    }

    public Map<String, UpstreamPool> pools() {
        return Map.copyOf(pools);
    }

    public Map<String, String> deployed(final String chain) {
        return deployed.getOrDefault(chain, Map.of());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (final UpstreamPool pool : pools.values()) {
            pool.close();
        }
        for (final DevChain chain : chains) {
            chain.close();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }
}
