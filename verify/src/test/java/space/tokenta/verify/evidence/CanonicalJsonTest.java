package space.tokenta.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.erdtman.jcs.NumberToJSON;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Vectors from RFC 8785 sections 3.2.2, 3.2.3 and appendix B. */
class CanonicalJsonTest
{
    private static String canon(final String json)
    {
        return new String(CanonicalJson.canonicalize(json), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785Section322Example()
    {
        final String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n" +
            "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n" +
            "  \"literals\": [null, true, false]\n}";
        final String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27]," +
            "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, canon(input));
    }

    @Test
    void rfc8785Section323SortsByUtf16CodeUnits()
    {
        final String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\"," +
            "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        final String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
            "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
            "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, canon(input));
    }

    @Test
    void rfc8785AppendixBNumbers() throws Exception
    {
        final String[][] vectors = {
            {"0000000000000000", "0"}, {"8000000000000000", "0"}, {"0000000000000001", "5e-324"},
            {"8000000000000001", "-5e-324"}, {"7fefffffffffffff", "1.7976931348623157e+308"},
            {"ffefffffffffffff", "-1.7976931348623157e+308"}, {"4340000000000000", "9007199254740992"},
            {"c340000000000000", "-9007199254740992"}, {"4430000000000000", "295147905179352830000"},
            {"44b52d02c7e14af5", "9.999999999999997e+22"}, {"44b52d02c7e14af6", "1e+23"},
            {"44b52d02c7e14af7", "1.0000000000000001e+23"}, {"444b1ae4d6e2ef4e", "999999999999999700000"},
            {"444b1ae4d6e2ef4f", "999999999999999900000"}, {"444b1ae4d6e2ef50", "1e+21"},
            {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"}, {"3eb0c6f7a0b5ed8d", "0.000001"},
            {"41b3de4355555553", "333333333.3333332"}, {"41b3de4355555554", "333333333.33333325"},
            {"41b3de4355555555", "333333333.3333333"}, {"41b3de4355555556", "333333333.3333334"},
            {"41b3de4355555557", "333333333.33333343"}, {"becbf647612f3696", "-0.0000033333333333333333"},
            {"43143ff3c1cb0959", "1424953923781206.2"}};
        for (final String[] vector : vectors)
        {
            final double value = Double.longBitsToDouble(Long.parseUnsignedLong(vector[0], 16));
            assertEquals(vector[1], NumberToJSON.serializeNumber(value), vector[0]);
        }
    }

    @Test
    void integersBeyondTheExactDoubleRangeAreRefused()
    {
        final ObjectNode ok = CanonicalJson.object().put("n", CanonicalJson.MAX_SAFE_INTEGER);
        assertEquals("{\"n\":9007199254740991}", new String(CanonicalJson.canonicalize(ok), StandardCharsets.UTF_8));
        final ObjectNode tooBig = CanonicalJson.object().put("n", CanonicalJson.MAX_SAFE_INTEGER + 2);
        assertThrows(EvidenceException.class, () -> CanonicalJson.canonicalize(tooBig));
    }

    @Test
    void canonicalFormIsRecognised()
    {
        assertTrue(CanonicalJson.isCanonical("{\"a\":1,\"b\":[true]}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CanonicalJson.isCanonical("{\"b\":[true],\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CanonicalJson.isCanonical("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
    }
}
