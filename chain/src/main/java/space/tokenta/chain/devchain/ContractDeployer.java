package space.tokenta.chain.devchain;

import java.util.concurrent.CompletableFuture;

/** Deploys creation bytecode (constructor arguments already appended) and returns the contract address. */
@FunctionalInterface
public interface ContractDeployer {
    CompletableFuture<String> deploy(String contractName, String creationBytecodeHex);
}
