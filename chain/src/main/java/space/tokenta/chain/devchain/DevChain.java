package space.tokenta.chain.devchain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import space.tokenta.chain.config.ChainConfig;
import space.tokenta.chain.config.ChainProfile;
import space.tokenta.chain.config.RpcPolicy;
import space.tokenta.chain.config.UpstreamConfig;
import space.tokenta.chain.fault.FaultPlan;
import space.tokenta.chain.fault.FaultProxy;

/** One local chain: an anvil process reachable directly and through fault-injecting proxies. */
public final class DevChain implements AutoCloseable {
    public static final int MAX_PROXIES = 8;

    private final ChainProfile profile;
    private final AnvilProcess anvil;
    private final List<FaultProxy> proxies;

    private DevChain(final ChainProfile profile, final AnvilProcess anvil, final List<FaultProxy> proxies) {
        this.profile = profile;
        this.anvil = anvil;
        this.proxies = proxies;
    }

    /** Starts anvil plus {@code proxyCount} proxies, all with {@link FaultPlan#none()} until told otherwise. */
    public static DevChain start(final ChainProfile profile, final int proxyCount, final List<String> anvilArgs) {
        if (proxyCount < 0 || proxyCount > MAX_PROXIES) {
            throw new IllegalArgumentException("proxyCount in [0, " + MAX_PROXIES + "]");
        }
        final AnvilProcess anvil = AnvilProcess.start(AnvilBinary.require(), profile.chainId(), anvilArgs);
        final List<FaultProxy> proxies = new ArrayList<>();
        try {
            for (int i = 0; i < proxyCount; i++) {
                proxies.add(new FaultProxy(profile.name() + "-p" + (i + 1), URI.create(anvil.httpUrl()), FaultPlan.none()).start());
            }
        } catch (RuntimeException e) {
            proxies.forEach(FaultProxy::close);
            anvil.close();
            throw e;
        }
        return new DevChain(profile, anvil, proxies);
    }

    public ChainProfile profile() {
        return profile;
    }

    public AnvilProcess anvil() {
        return anvil;
    }

    public List<FaultProxy> proxies() {
        return proxies;
    }

    /** Upstreams: anvil directly ("NAME-direct") and each proxy ("NAME-p1"...). */
    public List<UpstreamConfig> upstreams(final boolean includeDirect) {
        final List<UpstreamConfig> out = new ArrayList<>();
        if (includeDirect) {
            out.add(UpstreamConfig.of(profile.name() + "-direct", anvil.httpUrl(), anvil.wsUrl()));
        }
        for (final FaultProxy p : proxies) {
            out.add(UpstreamConfig.of(p.name(), p.httpUrl(), p.wsUrl()));
        }
        return out;
    }

    public ChainConfig chainConfig(final RpcPolicy policy, final boolean includeDirect) {
        return new ChainConfig(profile, upstreams(includeDirect), policy);
    }

    @Override
    public void close() {
        for (final FaultProxy p : proxies) {
            p.close();
        }
        anvil.close();
    }
}
