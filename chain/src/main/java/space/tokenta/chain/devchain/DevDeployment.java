package space.tokenta.chain.devchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import space.tokenta.chain.escrow.EvmHex;
import space.tokenta.chain.rpc.JsonRpcCodec;

/**
 * What the dev chains deployed, as plain data and as {@code <dataDir>/devchains.json} for other
 * processes (settlement, attestors, the web demo). Every key in it is DEV ONLY (anvil's public
 * mnemonic).
 *
 * @param warning  a fixed reminder that the keys are public
 * @param mnemonic the mnemonic the accounts derive from
 * @param chains   per chain id
 */
public record DevDeployment(String warning, String mnemonic, Map<Long, Chain> chains) {
    public static final String FILE_NAME = "devchains.json";
    public static final String WARNING = "DEV ONLY: every key here is derived from anvil's public test mnemonic; never use them on a real network";
    public static final int MAX_FILE_BYTES = 1 << 20;

    public DevDeployment {
        if (!WARNING.equals(warning) || !DevKeys.MNEMONIC.equals(mnemonic)) {
            throw new IllegalArgumentException("not a dev deployment: warning and mnemonic must be the dev ones");
        }
        chains = Map.copyOf(new TreeMap<>(chains));
        for (final var e : chains.entrySet()) {
            if (e.getKey() != e.getValue().chainId()) {
                throw new IllegalArgumentException("chain id key " + e.getKey() + " != " + e.getValue().chainId());
            }
        }
    }

    public static DevDeployment of(final List<Chain> chains) {
        final Map<Long, Chain> byId = new TreeMap<>();
        for (final Chain c : chains) {
            if (byId.put(c.chainId(), c) != null) {
                throw new IllegalArgumentException("duplicate chain id " + c.chainId());
            }
        }
        return new DevDeployment(WARNING, DevKeys.MNEMONIC, byId);
    }

    /** One JSON-RPC endpoint: the anvil itself ("NAME-direct") or a fault proxy ("NAME-p1"...). */
    public record Endpoint(String id, String http, String ws) {
    }

    /**
     * One dev chain's deployment.
     *
     * @param traderBalanceUnits stablecoin units minted to each trader (decimal string)
     */
    public record Chain(String name, long chainId, Endpoint direct, List<Endpoint> proxies, String token, String tokenName,
                        String tokenSymbol, int tokenDecimals, String escrow, int quorum, int ownerThreshold, int feeBps,
                        DevAccount operator, List<DevAccount> owners, DevAccount feeRecipient, List<DevAccount> attestors,
                        List<DevAccount> traders, String traderBalanceUnits) {
        public Chain {
            if (name == null || name.isBlank() || chainId <= 0 || direct == null || operator == null || feeRecipient == null) {
                throw new IllegalArgumentException("chain needs a name, a positive chain id, a direct endpoint, an operator and a fee recipient");
            }
            if (feeBps < 0 || feeBps > 1_000 || tokenDecimals < 0 || tokenDecimals > 77) {
                throw new IllegalArgumentException("fee in [0, 1000] bps, decimals in [0, 77]");
            }
            token = EvmHex.address(token);
            escrow = EvmHex.address(escrow);
            proxies = List.copyOf(proxies);
            owners = List.copyOf(owners);
            attestors = List.copyOf(attestors);
            traders = List.copyOf(traders);
            if (quorum < 3 || quorum > attestors.size()) {
                throw new IllegalArgumentException("quorum in [3, attestors]: " + quorum);
            }
            if (ownerThreshold < 1 || ownerThreshold > owners.size()) {
                throw new IllegalArgumentException("owner threshold in [1, owners]: " + ownerThreshold);
            }
            new BigInteger(traderBalanceUnits);
        }

        /** The same deployment reached through other endpoints (a resumed chain listens on new ports). */
        public Chain withEndpoints(final Endpoint newDirect, final List<Endpoint> newProxies) {
            return new Chain(name, chainId, newDirect, newProxies, token, tokenName, tokenSymbol, tokenDecimals, escrow, quorum,
                    ownerThreshold, feeBps, operator, owners, feeRecipient, attestors, traders, traderBalanceUnits);
        }

        /** Every endpoint: the proxies first (what clients should use), then the anvil itself. */
        public List<Endpoint> endpoints() {
            final List<Endpoint> all = new java.util.ArrayList<>(proxies);
            all.add(direct);
            return all;
        }
    }

    /** Writes {@code <dataDir>/devchains.json} atomically (temp file, then rename) and returns its path. */
    public Path write(final Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            final Path target = dataDir.resolve(FILE_NAME);
            final Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            Files.write(tmp, JsonRpcCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE_NAME + " into " + dataDir, e);
        }
    }

    /** Reads a file written by {@link #write}; a bad file is an {@link IllegalArgumentException}. */
    public static DevDeployment read(final Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return JsonRpcCodec.MAPPER.readValue(Files.readAllBytes(file), DevDeployment.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(file + " is not a dev deployment: " + e.getMessage(), e);
        }
    }
}
