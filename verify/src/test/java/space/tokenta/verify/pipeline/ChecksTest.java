package space.tokenta.verify.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import space.tokenta.verify.dataset.DatasetVerifier;
import space.tokenta.verify.evidence.EvidenceException;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.gpu.Freivalds;
import space.tokenta.verify.gpu.HeartbeatChain;
import space.tokenta.verify.gpu.MatrixChallenge;

/** The math of the checks: Freivalds, the sample size formula, the heartbeat chain. */
class ChecksTest
{
    @Property(tries = 30)
    void freivaldsAcceptsTheTrueProductAndRejectsAnyOneCellChange(
        @ForAll @Size(32) final byte[] nonce, @ForAll @IntRange(min = 1, max = 24) final int n,
        @ForAll @IntRange(min = 0, max = 10_000) final int cellSeed, @ForAll @IntRange(min = 1, max = 1_000) final int delta)
    {
        final long[] a = MatrixChallenge.expand(nonce, n, 0);
        final long[] b = MatrixChallenge.expand(nonce, n, 1);
        final long[] c = MatrixChallenge.multiply(a, b, n);
        final SplittableRandom random = new SplittableRandom(cellSeed);
        assertTrue(Freivalds.check(a, b, c, n, 4, random));
        final long[] wrong = c.clone();
        final int cell = cellSeed % wrong.length;
        wrong[cell] = (wrong[cell] + delta) % MatrixChallenge.P;
        // a single wrong cell survives one round with probability 1/p; four rounds: p^-4
        assertFalse(Freivalds.check(a, b, wrong, n, 4, random));
    }

    @Test
    void productMatchesTheSchoolbookDefinition()
    {
        final byte[] nonce = new byte[32];
        final int n = 5;
        final long[] a = MatrixChallenge.expand(nonce, n, 0);
        final long[] b = MatrixChallenge.expand(nonce, n, 1);
        final long[] c = MatrixChallenge.multiply(a, b, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                java.math.BigInteger sum = java.math.BigInteger.ZERO;
                for (int k = 0; k < n; k++)
                {
                    sum = sum.add(java.math.BigInteger.valueOf(a[i * n + k]).multiply(java.math.BigInteger.valueOf(b[k * n + j])));
                }
                assertEquals(sum.mod(java.math.BigInteger.valueOf(MatrixChallenge.P)).longValue(), c[i * n + j]);
            }
        }
        assertTrue(java.util.Arrays.stream(a).allMatch(v -> v >= 0 && v < MatrixChallenge.P));
        assertEquals(List.of(c.length), List.of(MatrixChallenge.decode(MatrixChallenge.encode(c), n).length));
    }

    @Test
    void sampleSizeFollowsTheFormula()
    {
        // k = ⌈ln(1−c)/ln(1−f)⌉
        assertEquals(90, DatasetVerifier.sampleSize(0.99, 0.05));
        assertEquals(459, DatasetVerifier.sampleSize(0.99, 0.01));
        assertEquals(29, DatasetVerifier.sampleSize(0.95, 0.1));
        assertEquals(1, DatasetVerifier.sampleSize(0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> DatasetVerifier.sampleSize(1.0, 0.1));
    }

    @Test
    void sampledRehashCatchesAFivePercentCorruptionAtLeastNinetyNinePercentOfTheTime()
    {
        final int shards = 2_000;
        final Set<Integer> corrupt = new HashSet<>();
        final SplittableRandom random = new SplittableRandom(1);
        while (corrupt.size() < shards / 20)
        {
            corrupt.add(random.nextInt(shards));
        }
        final int k = DatasetVerifier.sampleSize(0.99, 0.05);
        int missed = 0;
        final int trials = 4_000;
        for (int trial = 0; trial < trials; trial++)
        {
            final byte[] nonce = java.nio.ByteBuffer.allocate(32).putInt(trial).array();
            final int[] sample = DatasetVerifier.sample(nonce, shards, k);
            assertEquals(k, java.util.Arrays.stream(sample).distinct().count());
            if (java.util.Arrays.stream(sample).noneMatch(corrupt::contains))
            {
                missed++;
            }
        }
        // the bound is (1 − f)^k ≤ 1 − c = 1%; allow sampling noise of the 4,000 trials
        assertTrue(missed <= trials * 0.015, "missed " + missed + " of " + trials);
    }

    @Test
    void heartbeatChainRejectsDroppedReorderedInflatedOrForeignBeats()
    {
        final Secp256k1Key worker = Secp256k1Key.fromSeed("w");
        final List<HeartbeatChain.Heartbeat> chain = HeartbeatChain.produce(worker, 0, 1_000, 5);
        assertEquals(5_000, HeartbeatChain.verify(chain, worker.address(), 1_000).gpuMillis());
        final List<HeartbeatChain.Heartbeat> dropped = new java.util.ArrayList<>(chain);
        dropped.remove(2);
        assertThrows(EvidenceException.class, () -> HeartbeatChain.verify(dropped, worker.address(), 1_000));
        final HeartbeatChain.Heartbeat h = chain.get(1);
        final List<HeartbeatChain.Heartbeat> inflated = new java.util.ArrayList<>(chain);
        inflated.set(1, new HeartbeatChain.Heartbeat(h.seq(), h.prevHash(), h.atMs(), h.gpuMillis() + 1, h.signature()));
        assertThrows(EvidenceException.class, () -> HeartbeatChain.verify(inflated, worker.address(), 2_000));
        assertThrows(EvidenceException.class, () -> HeartbeatChain.verify(chain, Secp256k1Key.fromSeed("x").address(), 1_000));
    }
}
