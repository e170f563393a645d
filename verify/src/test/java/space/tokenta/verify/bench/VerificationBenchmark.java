package space.tokenta.verify.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.gpu.Freivalds;
import space.tokenta.verify.gpu.MatrixChallenge;
import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.pipeline.Acceptance;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.pipeline.PipelineReport;
import space.tokenta.verify.seller.DatasetSeller;
import space.tokenta.verify.seller.GpuWorkerSeller;
import space.tokenta.verify.verdict.DeliveryVerdict;
import space.tokenta.verify.verdict.SignedVerdict;
import space.tokenta.verify.verdict.VerdictCode;
import space.tokenta.verify.verdict.VerdictHasher;

/**
 * Prints figures (median and p90 over runs) for the evidence primitives, the Freivalds check
 * against recomputing the product, and a whole deal through S1-S6 with five attestors. Figures on a
 * shared machine are noisy; nothing here asserts a speed.
 */
public final class VerificationBenchmark
{
    private VerificationBenchmark()
    {
    }

    private static void report(final String name, final int runs, final LongSupplier nanosOfOneRun)
    {
        final long[] samples = new long[runs];
        for (int i = 0; i < runs; i++)
        {
            samples[i] = nanosOfOneRun.getAsLong();
        }
        Arrays.sort(samples);
        System.out.printf("%-44s median %10.1f µs   p90 %10.1f µs   (%d runs)%n",
            name, samples[runs / 2] / 1e3, samples[runs * 9 / 10] / 1e3, runs);
    }

    private static long time(final Runnable action)
    {
        final long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }

    public static void main(final String[] args) throws Exception
    {
        final byte[] doc = CanonicalJson.canonicalize(CanonicalJson.object().put("dealId", "0x" + "ab".repeat(32))
            .put("scoreBps", 9_960).put("reason", "x".repeat(2_000)));
        final Secp256k1Key key = Secp256k1Key.fromSeed("bench");
        final VerdictHasher hasher = new VerdictHasher(ReferenceMarket.DOMAIN);
        final DeliveryVerdict verdict = new DeliveryVerdict(new byte[32], Cid.of(doc).digest(), 0x3F, VerdictCode.PASS, 9_960, 1, 2);
        final SignedVerdict signed = SignedVerdict.sign(hasher, verdict, key);
        for (int warm = 0; warm < 2; warm++)
        {
            final int runs = warm == 0 ? 200 : 2_000;
            report("CID of a 2 KB document", runs, () -> time(() -> Cid.of(doc)));
            report("JCS canonicalisation of a 2 KB document", runs, () -> time(() -> CanonicalJson.canonicalize(new String(doc))));
            report("EIP-712 verdict digest", runs, () -> time(() -> hasher.digest(verdict)));
            report("EIP-712 verdict digest + secp256k1 sign", runs / 4, () -> time(() -> SignedVerdict.sign(hasher, verdict, key)));
            report("verdict signature recover + check", runs / 4, () -> time(() -> signed.verifies(hasher)));
        }
        for (final int n : new int[] {64, 128, 256})
        {
            final byte[] nonce = new byte[32];
            final long[] a = MatrixChallenge.expand(nonce, n, 0);
            final long[] b = MatrixChallenge.expand(nonce, n, 1);
            final long[] c = MatrixChallenge.multiply(a, b, n);
            final SplittableRandom random = new SplittableRandom(1);
            report("recompute A·B, n=" + n, 7, () -> time(() -> MatrixChallenge.multiply(a, b, n)));
            report("Freivalds check, 20 rounds, n=" + n, 7, () -> time(() -> Freivalds.check(a, b, c, n, 20, random)));
        }
        final Path dir = Files.createTempDirectory("tokenta-bench");
        try (ReferenceMarket market = new ReferenceMarket(dir);
             GpuWorkerSeller worker = new GpuWorkerSeller(GpuWorkerSeller.Behaviour.HONEST, market.worker, 0, 10_000, 6);
             DatasetSeller data = new DatasetSeller(3, 64, 4_096, DatasetSeller.NONE))
        {
            final int[] deal = {0};
            for (final String kind : new String[] {"GPU", "dataset"})
            {
                report("deal S1-S6 (" + kind + ", 5 attestors, quorum 3)", 15, () ->
                {
                    final String label = "bench-" + kind + "-" + deal[0]++;
                    final Delivery delivery = kind.equals("GPU") ? market.gpuDelivery(label, worker.baseUri()) :
                        market.datasetDelivery(label, data.baseUri(), data.genuineShards());
                    return time(() ->
                    {
                        final PipelineReport report = market.pipeline.run(
                            delivery, Acceptance.accepted(delivery.dealId(), market.buyer), 1_790_000_000L, new SplittableRandom(deal[0]));
                        if (market.coordinator.attest(delivery, report).quorum().isEmpty())
                        {
                            throw new IllegalStateException("no quorum in benchmark deal " + label);
                        }
                    });
                });
            }
        }
    }
}
