package space.tokenta.chain.config;

/** Protocol family of a chain. */
public enum ChainKind {
    /** Ethereum JSON-RPC with sends through eth_sendRawTransaction. */
    EVM,
    /** Tron: JSON-RPC subset for reads and logs, gRPC (trident) for sends. */
    TRON
}
