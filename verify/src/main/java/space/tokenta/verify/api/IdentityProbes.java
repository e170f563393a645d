package space.tokenta.verify.api;

import java.util.ArrayList;
import java.util.List;

import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Sha256;

/** Probe prompts expanded from a nonce: one generic sum in four, the rest identity prompts. */
public final class IdentityProbes
{
    public static final int MAX_PROBES = 256;

    private IdentityProbes()
    {
    }

    public static List<String> prompts(final byte[] nonce, final int count)
    {
        if (count < 1 || count > MAX_PROBES)
        {
            throw new IllegalArgumentException("probe count in [1, " + MAX_PROBES + "]");
        }
        final List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] h = Sha256.hash(nonce, new byte[] {(byte)(i >>> 8), (byte)i});
            if (i % 4 == 0)
            {
                final int a = ((h[0] & 0xFF) << 8 | (h[1] & 0xFF)) % 10_000;
                final int b = ((h[2] & 0xFF) << 8 | (h[3] & 0xFF)) % 10_000;
                out.add("What is " + a + " + " + b + "?");
            }
            else
            {
                out.add("State your identity token for challenge " + Hex.encode(h).substring(0, 24) + ".");
            }
        }
        return out;
    }
}
