package space.tokenta.chain.devchain;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import space.tokenta.chain.rpc.JsonRpcCodec;
import tools.jackson.databind.JsonNode;

/** A compiled contract (ABI and creation bytecode) shipped as a JSON resource. */
public record ContractArtifact(String name, JsonNode abi, String creationBytecode) {
    public static final String RESOURCE_DIR = "space/tokenta/chain/contracts/";
    public static final int MAX_ARTIFACT_BYTES = 4 << 20;

    /** Loads {@code RESOURCE_DIR/<name>.json}; empty when the resource is absent. */
    public static Optional<ContractArtifact> load(final String name) {
        final ClassLoader loader = ContractArtifact.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            final byte[] bytes = in.readNBytes(MAX_ARTIFACT_BYTES + 1);
            if (bytes.length > MAX_ARTIFACT_BYTES) {
                throw new IllegalStateException(name + ".json larger than " + MAX_ARTIFACT_BYTES + " bytes");
            }
            final JsonNode root = JsonRpcCodec.parse(bytes);
            final JsonNode bytecodeNode = root.path("bytecode");
            final String bytecode = bytecodeNode.isObject() ? bytecodeNode.path("object").asString("") : bytecodeNode.asString("");
            if (!bytecode.matches("(0x)?[0-9a-fA-F]+")) {
                throw new IllegalStateException(name + ".json has no hex creation bytecode");
            }
            return Optional.of(new ContractArtifact(name, root.path("abi"), bytecode.startsWith("0x") ? bytecode : "0x" + bytecode));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ".json", e);
        }
    }

    /** Number of constructor inputs declared in the ABI. */
    public int constructorInputs() {
        for (final JsonNode entry : abi) {
            if ("constructor".equals(entry.path("type").asString(""))) {
                return entry.path("inputs").size();
            }
        }
        return 0;
    }
}
