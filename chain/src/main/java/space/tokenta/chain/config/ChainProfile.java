package space.tokenta.chain.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Static facts about a chain: id, protocol family, finality rule and nominal block time. */
public record ChainProfile(String name, long chainId, ChainKind kind, FinalityRule finality, long blockTimeMs) {

    public static final ChainProfile ETHEREUM = new ChainProfile("ethereum", 1, ChainKind.EVM, FinalityRule.finalizedTag(), 12_000);
    public static final ChainProfile BSC = new ChainProfile("bsc", 56, ChainKind.EVM, FinalityRule.depth(15), 3_000);
    public static final ChainProfile POLYGON = new ChainProfile("polygon", 137, ChainKind.EVM, FinalityRule.finalizedTag(), 2_000);
    public static final ChainProfile BASE = new ChainProfile("base", 8453, ChainKind.EVM, FinalityRule.finalizedTag(), 2_000);
    public static final ChainProfile ARBITRUM = new ChainProfile("arbitrum", 42161, ChainKind.EVM, FinalityRule.finalizedTag(), 250);
    /** Tron mainnet; the JSON-RPC chain id is 0x2b6653dc. */
    public static final ChainProfile TRON = new ChainProfile("tron", 728_126_428L, ChainKind.TRON, FinalityRule.solidified(), 3_000);
    public static final ChainProfile ETH_DEV = new ChainProfile("eth-dev", 31337, ChainKind.EVM, FinalityRule.depth(2), 1_000);
    public static final ChainProfile BSC_DEV = new ChainProfile("bsc-dev", 31338, ChainKind.EVM, FinalityRule.depth(2), 1_000);
    /** The EVM-compatible stand-in for Tron used locally (no Tron node can run here). */
    public static final ChainProfile TRON_EVM_DEV = new ChainProfile("tron-evm-dev", 31339, ChainKind.EVM, FinalityRule.depth(2), 1_000);

    public static final List<ChainProfile> KNOWN = List.of(ETHEREUM, BSC, POLYGON, BASE, ARBITRUM, TRON, ETH_DEV, BSC_DEV, TRON_EVM_DEV);

    public ChainProfile {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("chain name must match [a-z0-9][a-z0-9-]{0,31}: " + name);
        }
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
        if (kind == null || finality == null) {
            throw new IllegalArgumentException("kind and finality are required");
        }
        if (blockTimeMs < 1 || blockTimeMs > 600_000) {
            throw new IllegalArgumentException("blockTimeMs in [1, 600000]: " + blockTimeMs);
        }
    }

    public static Optional<ChainProfile> byName(final String name) {
        final String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(p -> p.name.equals(n)).findFirst();
    }

    public ChainProfile withName(final String newName) {
        return new ChainProfile(newName, chainId, kind, finality, blockTimeMs);
    }
}
