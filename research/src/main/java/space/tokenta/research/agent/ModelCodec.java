package space.tokenta.research.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;

/** A trained network as JSON: shape, parameters (base64 of big-endian doubles), config and weight hashes. */
public final class ModelCodec {
    public static final String FORMAT = "tokenta-ddqn-mlp-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCodec() {}

    public static ObjectNode encode(final Mlp network, final long seed, final String configSha256) {
        final ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("configSha256", configSha256);
        o.put("seed", seed);
        final var sizes = o.putArray("sizes");
        for (int s : network.sizes()) {
            sizes.add(s);
        }
        o.put("weightsSha256", network.weightsSha256());
        final double[] p = network.parameters();
        final ByteBuffer buffer = ByteBuffer.allocate(p.length * Double.BYTES);
        for (double v : p) {
            buffer.putDouble(v);
        }
        o.put("parameters", Base64.getEncoder().encodeToString(buffer.array()));
        return o;
    }

    /** Decodes and checks the format and the weight hash. */
    public static Mlp decode(final JsonNode o) {
        if (!FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " model");
        }
        final JsonNode sizesNode = o.path("sizes");
        if (!sizesNode.isArray() || sizesNode.size() < 2 || sizesNode.size() > 8) {
            throw new IllegalArgumentException("model sizes are missing or out of bounds");
        }
        final int[] sizes = new int[sizesNode.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sizesNode.get(i).asInt();
        }
        final byte[] bytes = Base64.getDecoder().decode(o.path("parameters").asText());
        if (bytes.length != Mlp.parameterCount(sizes) * Double.BYTES) {
            throw new IllegalArgumentException("model parameter count does not match its shape");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final double[] p = new double[bytes.length / Double.BYTES];
        for (int i = 0; i < p.length; i++) {
            p[i] = buffer.getDouble();
        }
        final Mlp network = new Mlp(sizes, p);
        if (!network.weightsSha256().equals(o.path("weightsSha256").asText())) {
            throw new IllegalArgumentException("model weights do not match their recorded hash");
        }
        return network;
    }
}
