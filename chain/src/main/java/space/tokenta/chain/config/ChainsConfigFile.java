package space.tokenta.chain.config;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import space.tokenta.chain.rpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;

/**
 * Reads chains from JSON:
 * <pre>{"chains":[{"name":"eth","profile":"ethereum","upstreams":[{"id":"a","http":"https://…","ws":"wss://…"}],
 *   "policy":{"requestDeadlineMs":5000}}]}</pre>
 * {@code profile} names a built-in profile; {@code chainId}, {@code kind}, {@code finality}
 * ({@code depth:N|finalized|solidified}) and {@code blockTimeMs} override or replace it. Policy keys
 * are the fields of {@link RpcPolicy}; unknown keys are errors.
 */
public final class ChainsConfigFile {
    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final int MAX_CHAINS = 64;

    private ChainsConfigFile() {
    }

    public static List<ChainConfig> read(final Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " larger than " + MAX_FILE_BYTES + " bytes");
            }
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<ChainConfig> parse(final byte[] json) {
        final JsonNode root;
        try {
            root = JsonRpcCodec.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("chains config is not valid JSON: " + e.getMessage(), e);
        }
        final JsonNode chains = root.path("chains");
        if (!chains.isArray() || chains.size() > MAX_CHAINS) {
            throw new IllegalArgumentException("chains config needs a \"chains\" array of at most " + MAX_CHAINS);
        }
        final List<ChainConfig> out = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final JsonNode c : chains) {
            final ChainConfig config = chain(c);
            if (!names.add(config.name())) {
                throw new IllegalArgumentException("duplicate chain name " + config.name());
            }
            out.add(config);
        }
        return out;
    }

    private static ChainConfig chain(final JsonNode c) {
        final String name = c.path("name").asString("");
        final ChainProfile base = c.has("profile")
                ? ChainProfile.byName(c.path("profile").asString("")).orElseThrow(
                        () -> new IllegalArgumentException(name + ": unknown profile " + c.path("profile").asString("")))
                : null;
        if (base == null && (!c.has("chainId") || !c.has("finality"))) {
            throw new IllegalArgumentException(name + ": without a profile, chainId and finality are required");
        }
        final ChainProfile profile = new ChainProfile(
                name.isEmpty() && base != null ? base.name() : name,
                c.has("chainId") ? c.path("chainId").asLong() : base.chainId(),
                c.has("kind") ? ChainKind.valueOf(c.path("kind").asString("").toUpperCase(java.util.Locale.ROOT)) : base == null ? ChainKind.EVM : base.kind(),
                c.has("finality") ? FinalityRule.parse(c.path("finality").asString("")) : base.finality(),
                c.has("blockTimeMs") ? c.path("blockTimeMs").asLong() : base == null ? 2_000 : base.blockTimeMs());
        final List<UpstreamConfig> upstreams = new ArrayList<>();
        for (final JsonNode u : c.path("upstreams")) {
            upstreams.add(UpstreamConfig.of(u.path("id").asString(""), u.path("http").asString(""),
                    u.has("ws") ? u.path("ws").asString("") : null));
        }
        return new ChainConfig(profile, upstreams, policy(profile.name(), c.path("policy")));
    }

    /** Applies the keys of {@code node} to a default policy builder by field name. */
    static RpcPolicy policy(final String chain, final JsonNode node) {
        final RpcPolicy.Builder b = RpcPolicy.builder();
        if (node.isMissingNode() || node.isNull()) {
            return b.build();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(chain + ": policy must be an object");
        }
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            final Field f;
            try {
                f = RpcPolicy.Builder.class.getField(e.getKey());
            } catch (NoSuchFieldException ex) {
                throw new IllegalArgumentException(chain + ": unknown policy key " + e.getKey(), ex);
            }
            if (Modifier.isStatic(f.getModifiers())) {
                throw new IllegalArgumentException(chain + ": unknown policy key " + e.getKey());
            }
            final JsonNode v = e.getValue();
            try {
                if (f.getType() == long.class && v.canConvertToLong()) {
                    f.setLong(b, v.asLong());
                } else if (f.getType() == int.class && v.canConvertToInt()) {
                    f.setInt(b, v.asInt());
                } else if (f.getType() == double.class && v.isNumber()) {
                    f.setDouble(b, v.asDouble());
                } else if (f.getType() == boolean.class && v.isBoolean()) {
                    f.setBoolean(b, v.asBoolean());
                } else {
                    throw new IllegalArgumentException(chain + ": policy key " + e.getKey() + " needs a " + f.getType());
                }
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return b.build();
    }
}
