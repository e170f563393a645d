package space.tokenta.chain.escrow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.web3j.crypto.Hash;
import org.web3j.protocol.ObjectMapperFactory;

import tools.jackson.databind.JsonNode;

/**
 * ABI and creation bytecode of a contract, as exported by {@code contracts/scripts/export-artifacts}
 * into {@code space/tokenta/chain/contracts/<Name>.json} on the classpath.
 */
public final class ContractArtifact {
    private static final String RESOURCE_DIR = "/space/tokenta/chain/contracts/";

    private final String name;
    private final String bytecode;
    private final Map<String, String> errorsBySelector;

    private ContractArtifact(String name, String bytecode, Map<String, String> errorsBySelector) {
        this.name = name;
        this.bytecode = bytecode;
        this.errorsBySelector = Map.copyOf(errorsBySelector);
    }

    /** Loads {@code <name>.json} from the classpath. */
    public static ContractArtifact load(String name) {
        String resource = RESOURCE_DIR + name + ".json";
        try (InputStream in = ContractArtifact.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing contract artifact " + resource);
            }
            JsonNode root = ObjectMapperFactory.getObjectMapper().readTree(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            String bytecode = root.get("bytecode").asString();
            if (!bytecode.startsWith("0x") || bytecode.length() < 4) {
                throw new IllegalStateException(resource + ": no creation bytecode");
            }
            Map<String, String> errors = new HashMap<>();
            for (JsonNode item : root.get("abi")) {
                if ("error".equals(item.get("type").asString())) {
                    String signature = signature(item);
                    errors.put(EvmHex.of(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 10),
                            item.get("name").asString());
                }
            }
            return new ContractArtifact(name, bytecode, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String signature(JsonNode item) {
        List<String> types = new ArrayList<>();
        for (JsonNode input : item.get("inputs")) {
            types.add(canonicalType(input));
        }
        return item.get("name").asString() + "(" + String.join(",", types) + ")";
    }

    private static String canonicalType(JsonNode input) {
        String type = input.get("type").asString();
        if (type.startsWith("tuple")) {
            List<String> parts = new ArrayList<>();
            for (JsonNode component : input.get("components")) {
                parts.add(canonicalType(component));
            }
            return "(" + String.join(",", parts) + ")" + type.substring("tuple".length());
        }
        return type;
    }

    public String name() {
        return name;
    }

    /** 0x-prefixed creation bytecode (constructor arguments are appended by the deployer). */
    public String bytecode() {
        return bytecode;
    }

    /** The custom error's name for revert data, when the data starts with one of this ABI's errors. */
    public Optional<String> errorName(String revertData) {
        if (revertData == null || revertData.length() < 10) {
            return Optional.empty();
        }
        return Optional.ofNullable(errorsBySelector.get(revertData.substring(0, 10).toLowerCase(Locale.ROOT)));
    }
}
