package space.tokenta.verify.pipeline;

import tools.jackson.databind.node.ObjectNode;
import space.tokenta.verify.evidence.CanonicalJson;

/**
 * The outcome of one stage: pass or fail, why, a score in basis points (probe pass rate, SLA
 * attainment) and the stage evidence as JSON.
 */
public record StageResult(Stage stage, boolean passed, int scoreBps, String reason, ObjectNode evidence)
{
    public StageResult
    {
        if (scoreBps < 0 || scoreBps > 10_000)
        {
            throw new IllegalArgumentException("scoreBps in [0, 10000]");
        }
    }

    public static StageResult pass(final Stage stage, final int scoreBps, final String reason, final ObjectNode evidence)
    {
        return new StageResult(stage, true, scoreBps, reason, evidence);
    }

    public static StageResult fail(final Stage stage, final int scoreBps, final String reason, final ObjectNode evidence)
    {
        return new StageResult(stage, false, scoreBps, reason, evidence);
    }

    public static StageResult fail(final Stage stage, final String reason)
    {
        return new StageResult(stage, false, 0, reason, CanonicalJson.object());
    }

    public ObjectNode toJson()
    {
        final ObjectNode node = CanonicalJson.object();
        node.put("stage", stage.name());
        node.put("passed", passed);
        node.put("scoreBps", scoreBps);
        node.put("reason", reason);
        node.set("evidence", evidence);
        return node;
    }

    public static int bps(final long numerator, final long denominator)
    {
        if (denominator <= 0)
        {
            return 0;
        }
        return (int)Math.max(0, Math.min(10_000, numerator * 10_000L / denominator));
    }
}
