package space.tokenta.verify.api;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Sha256;

/**
 * A deterministic stand-in for a graded model: generic questions (small sums) every model answers
 * alike; identity prompts get answers that are a fingerprint of the model. The verifier holds the
 * reference answers of the listed model; a seller substituting another model answers the generic
 * probes right and the identity probes wrong.
 */
public record ReferenceModel(String name)
{
    private static final Pattern SUM = Pattern.compile("What is (\\d{1,9}) \\+ (\\d{1,9})\\?");

    public String answer(final String prompt)
    {
        final Matcher sum = SUM.matcher(prompt);
        if (sum.matches())
        {
            return Long.toString(Long.parseLong(sum.group(1)) + Long.parseLong(sum.group(2)));
        }
        return "tk-" + Hex.encode(Sha256.hash((name + "\n" + prompt).getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }
}
