package space.tokenta.verify.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 8785 JSON Canonicalization Scheme over a Jackson tree. JCS reads every number as an IEEE-754
 * double, so integers beyond 2^53 would silently change: they are refused here and evidence carries
 * large values (amounts, digests) as strings.
 */
public final class CanonicalJson
{
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CanonicalJson()
    {
    }

    public static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    public static byte[] canonicalize(final JsonNode node)
    {
        checkNumbers(node, 0);
        return canonicalize(MAPPER.writeValueAsString(node));
    }

    public static byte[] canonicalize(final String json)
    {
        if (json.length() > MAX_DOCUMENT_BYTES)
        {
            throw new EvidenceException("JSON document larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try
        {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new EvidenceException("not canonicalizable JSON: " + ex.getMessage(), ex);
        }
    }

    public static JsonNode parse(final byte[] utf8)
    {
        if (utf8.length > MAX_DOCUMENT_BYTES)
        {
            throw new EvidenceException("JSON document larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        try
        {
            return MAPPER.readTree(new String(utf8, StandardCharsets.UTF_8));
        }
        catch (final RuntimeException ex)
        {
            throw new EvidenceException("malformed JSON: " + ex.getMessage(), ex);
        }
    }

    /** Equal as JSON values (number node types aside): compares canonical forms. */
    public static boolean sameJson(final JsonNode a, final JsonNode b)
    {
        return java.util.Arrays.equals(canonicalize(a), canonicalize(b));
    }

    /** True when the bytes are exactly the canonical form of the JSON they hold. */
    public static boolean isCanonical(final byte[] utf8)
    {
        try
        {
            return java.util.Arrays.equals(utf8, canonicalize(new String(utf8, StandardCharsets.UTF_8)));
        }
        catch (final EvidenceException ex)
        {
            return false;
        }
    }

    private static void checkNumbers(final JsonNode node, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new EvidenceException("JSON nested deeper than " + MAX_DEPTH);
        }
        if (node.isIntegralNumber())
        {
            if (!node.canConvertToLong() || Math.abs(node.longValue()) > MAX_SAFE_INTEGER)
            {
                throw new EvidenceException("integer outside the exact double range: " + node);
            }
        }
        else if (node.isObject())
        {
            for (final Map.Entry<String, JsonNode> entry : node.properties())
            {
                checkNumbers(entry.getValue(), depth + 1);
            }
        }
        else if (node.isArray())
        {
            for (final JsonNode element : node)
            {
                checkNumbers(element, depth + 1);
            }
        }
    }
}
