package space.tokenta.verify.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

import space.tokenta.verify.api.ReferenceModel;
import space.tokenta.verify.attest.QuorumCoordinator;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.pipeline.Stage;
import space.tokenta.verify.pipeline.StageResult;
import space.tokenta.verify.seller.ChatModelSeller;
import space.tokenta.verify.seller.DatasetSeller;
import space.tokenta.verify.seller.GpuWorkerSeller;
import space.tokenta.verify.seller.ModelWeightsSeller;
import space.tokenta.verify.verdict.SignedVerdict;

/**
 * Runs every reference seller, honest and cheating, through S1-S6 on 127.0.0.1 and prints one VRFY
 * line per deal: where it failed (if it did), the evidence CID, the quorum and what the escrow does.
 */
public final class ReferenceDemo
{
    /** One scenario's outcome. */
    public record Result(String name, PipelineReport.State state, Optional<Stage> failedStage, boolean expected, String line)
    {
    }

    private record Scenario(String name, PipelineReport.State expected, Stage expectedFailure,
        Function<ReferenceMarket, Delivery> start)
    {
    }

    private ReferenceDemo()
    {
    }

    private static List<Scenario> scenarios()
    {
        final String model = ReferenceMarket.MODEL;
        return List.of(
            new Scenario("GPT-FT-04 honest", PipelineReport.State.PASS, null, m -> m.apiDelivery("api-honest",
                m.own(new ChatModelSeller(model, new ReferenceModel(model), "sk-a")).baseUri(), "sk-a")),
            new Scenario("GPT-FT-04 substitute", PipelineReport.State.FAIL, Stage.S3_CONFORMANCE, m -> m.apiDelivery("api-substitute",
                m.own(new ChatModelSeller(model, new ReferenceModel("cheap-7b"), "sk-b")).baseUri(), "sk-b")),
            new Scenario("H100 honest", PipelineReport.State.PASS, null, m -> m.gpuDelivery("gpu-honest",
                m.own(new GpuWorkerSeller(GpuWorkerSeller.Behaviour.HONEST, m.worker, 0, 10_000, 6)).baseUri())),
            new Scenario("H100 cheating", PipelineReport.State.FAIL, Stage.S3_CONFORMANCE, m -> m.gpuDelivery("gpu-cheat",
                m.own(new GpuWorkerSeller(GpuWorkerSeller.Behaviour.SKIPS_LARGE_PRODUCTS, m.worker, 0, 10_000, 6)).baseUri())),
            new Scenario("LLM-DATA-X honest", PipelineReport.State.PASS, null, m ->
            {
                final DatasetSeller seller = m.own(new DatasetSeller(11, 32, 1_024, DatasetSeller.NONE));
                return m.datasetDelivery("data-honest", seller.baseUri(), seller.genuineShards());
            }),
            new Scenario("LLM-DATA-X corrupt shard", PipelineReport.State.FAIL, Stage.S3_CONFORMANCE, m ->
            {
                final DatasetSeller seller = m.own(new DatasetSeller(12, 32, 1_024, 17));
                return m.datasetDelivery("data-corrupt", seller.baseUri(), seller.genuineShards());
            }),
            new Scenario("VISION-V2 honest", PipelineReport.State.PASS, null, m -> m.modelDelivery("model-honest",
                m.own(new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL, ModelWeightsSeller.Behaviour.HONEST)).baseUri())),
            new Scenario("VISION-V2 tampered weights", PipelineReport.State.FAIL, Stage.S2_AUTHENTICITY, m -> m.modelDelivery("model-tampered",
                m.own(new ModelWeightsSeller(ReferenceMarket.GENUINE_MODEL, ModelWeightsSeller.Behaviour.TAMPERED_WEIGHTS)).baseUri())));
    }

    public static List<Result> run(final Path directory, final long nowSeconds, final PrintWriter out)
    {
        final List<Result> results = new ArrayList<>();
        try (ReferenceMarket market = new ReferenceMarket(directory))
        {
            long seed = 1;
            for (final Scenario scenario : scenarios())
            {
                final Delivery delivery = scenario.start().apply(market);
                final PipelineReport report = market.pipeline.run(
                    delivery, Acceptance.accepted(delivery.dealId(), market.buyer), nowSeconds, new SplittableRandom(seed++));
                final QuorumCoordinator.Outcome outcome = market.coordinator.attest(delivery, report);
                final String stages = report.failedStage().map(stage ->
                {
                    final StageResult failed = report.stages().stream().filter(r -> r.stage() == stage).findFirst().orElseThrow();
                    return stage + " FAIL (" + failed.reason() + ")";
                }).orElse("S1-S5 PASS");
                final String quorum = outcome.quorum().map(q -> q.verdict().verdict() + " by " + String.join(",",
                    q.signatures().stream().map(SignedVerdict::signer).map(market::attestorName).toList()) +
                    (q.verdict().verdict().name().equals("PASS") ? " -> release" : " -> refund")).orElse("no quorum -> refund at expiry");
                final String line = String.format("VRFY  %-28s %s  hash %s  %s", scenario.name(), stages, report.evidenceCid(), quorum);
                out.println(line);
                out.flush();
                final boolean expected = report.state() == scenario.expected() &&
                    report.failedStage().equals(Optional.ofNullable(scenario.expectedFailure())) && outcome.quorum().isPresent();
                results.add(new Result(scenario.name(), report.state(), report.failedStage(), expected, line));
            }
        }
        return results;
    }
}
