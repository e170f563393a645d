package space.tokenta.chain.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A chain as configuration: its profile, its upstream endpoints and its request policy. */
public record ChainConfig(ChainProfile profile, List<UpstreamConfig> upstreams, RpcPolicy policy) {

    public static final int MAX_UPSTREAMS = 64;

    public ChainConfig {
        if (profile == null || policy == null || upstreams == null) {
            throw new IllegalArgumentException("profile, upstreams and policy are required");
        }
        upstreams = List.copyOf(upstreams);
        if (upstreams.size() > MAX_UPSTREAMS) {
            throw new IllegalArgumentException(profile.name() + ": at most " + MAX_UPSTREAMS + " upstreams");
        }
        final Set<String> ids = new HashSet<>();
        for (final UpstreamConfig u : upstreams) {
            if (!ids.add(u.id())) {
                throw new IllegalArgumentException(profile.name() + ": duplicate upstream id " + u.id());
            }
        }
        policy.validate();
    }

    public String name() {
        return profile.name();
    }
}
