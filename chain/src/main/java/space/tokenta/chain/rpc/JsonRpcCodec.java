package space.tokenta.chain.rpc;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Encodes JSON-RPC 2.0 requests and decodes responses into a result or a typed {@link RpcException}. */
public final class JsonRpcCodec {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpcCodec() {
    }

    public static byte[] encodeRequest(final long id, final String method, final JsonNode params) {
        final ObjectNode request = NODES.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", params == null ? NODES.arrayNode() : params);
        return MAPPER.writeValueAsBytes(request);
    }

    public static ArrayNode params(final Object... values) {
        final ArrayNode array = NODES.arrayNode();
        for (final Object v : values) {
            if (v instanceof JsonNode node) {
                array.add(node);
            } else if (v instanceof String s) {
                array.add(s);
            } else if (v instanceof Boolean b) {
                array.add(b);
            } else if (v instanceof Long l) {
                array.add(l);
            } else if (v instanceof Integer i) {
                array.add(i);
            } else if (v == null) {
                array.addNull();
            } else {
                throw new IllegalArgumentException("unsupported param type " + v.getClass());
            }
        }
        return array;
    }

    public static JsonNode parse(final byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    public static String canonical(final JsonNode node) {
        return node == null ? "null" : MAPPER.writeValueAsString(node);
    }

    /** Returns the {@code result} of a single JSON-RPC response or throws the typed error it carries. */
    public static JsonNode decodeResponse(final byte[] body, final String method, final String upstreamId) {
        final JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "response is not an object", 0, upstreamId);
        }
        final JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            final int code = error.path("code").asInt(0);
            final String message = error.path("message").asString("");
            throw new RpcException(classify(code, message, method), method + " -> " + code + " " + message, code, upstreamId);
        }
        if (!root.has("result")) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "response has neither result nor error", 0, upstreamId);
        }
        return root.get("result");
    }

    /** Sorts a JSON-RPC error into "the answer itself" versus "this upstream's problem". */
    public static RpcErrorKind classify(final int code, final String message, final String method) {
        final String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if ((m.contains("range") && (m.contains("too large") || m.contains("too wide") || m.contains("exceed")))
                || m.contains("query returned more than") || m.contains("response size exceeded")
                || m.contains("too many blocks")) {
            return RpcErrorKind.RANGE_TOO_LARGE;
        }
        if (code == 429 || code == -32029 || m.contains("rate limit") || m.contains("too many requests")) {
            return RpcErrorKind.RATE_LIMITED;
        }
        if (code == -32005 || code == -32603 || code == -32601 || m.contains("header not found")
                || m.contains("unknown block") || m.contains("missing trie node") || m.contains("timeout")
                || m.contains("temporarily") || m.contains("unavailable") || m.contains("syncing")) {
            return RpcErrorKind.UPSTREAM_RPC_ERROR;
        }
        if (method != null && method.startsWith("eth_sendRawTransaction")) {
            return RpcErrorKind.SEND_REJECTED;
        }
        return RpcErrorKind.RPC_ERROR;
    }

    /** Parses a 0x quantity; throws a typed error on anything else. */
    public static long quantity(final JsonNode node) {
        if (node == null || !node.isString()) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "expected a hex quantity, got " + node);
        }
        return quantity(node.asString());
    }

    public static long quantity(final String hex) {
        if (hex == null || !hex.startsWith("0x") || hex.length() < 3 || hex.length() > 18) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "expected a hex quantity, got " + hex);
        }
        try {
            return Long.parseUnsignedLong(hex.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new RpcException(RpcErrorKind.BAD_RESPONSE, "expected a hex quantity, got " + hex);
        }
    }

    public static String hex(final long value) {
        if (value < 0) {
            throw new IllegalArgumentException("quantity must be non-negative: " + value);
        }
        return "0x" + Long.toHexString(value);
    }
}
