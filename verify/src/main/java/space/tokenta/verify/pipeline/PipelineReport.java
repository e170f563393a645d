package space.tokenta.verify.pipeline;

import java.util.List;
import java.util.Optional;

import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.verdict.DeliveryVerdict;

/**
 * What S1-S5 concluded for a deal: PENDING (challenge window still open; no verdict yet), or a
 * proposed PASS/FAIL verdict over the stored evidence statement, for the attestors of S6.
 */
public record PipelineReport(
    State state, List<StageResult> stages, Cid evidenceCid, byte[] statementBytes, DeliveryVerdict proposal)
{
    public enum State
    {
        PENDING, PASS, FAIL
    }

    public PipelineReport
    {
        stages = List.copyOf(stages);
    }

    public Optional<Stage> failedStage()
    {
        return stages.stream().filter(r -> !r.passed()).map(StageResult::stage).findFirst();
    }
}
