package space.tokenta.verify.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest
{
    private static List<byte[]> leaves(final int count)
    {
        final List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            out.add(MerkleTree.leafHash(new byte[] {(byte)i, (byte)(i >> 8)}));
        }
        return out;
    }

    @Test
    void rootsByHand()
    {
        final List<byte[]> l = leaves(3);
        final byte[] left = Sha256.hash(new byte[] {1}, l.get(0), l.get(1));
        assertArrayEquals(Sha256.hash(new byte[] {1}, left, l.get(2)), MerkleTree.rootOfLeafHashes(l), "odd leaf promoted");
        assertArrayEquals(l.get(0), MerkleTree.rootOfLeafHashes(l.subList(0, 1)));
        assertArrayEquals(Sha256.hash(new byte[0]), MerkleTree.rootOfLeafHashes(List.of()));
    }

    @Property(tries = 60)
    void everyLeafHasAProofAndNoOtherLeafFitsIt(@ForAll @IntRange(min = 1, max = 70) final int count, @ForAll @IntRange(min = 0, max = 69) final int pick)
    {
        final List<byte[]> l = leaves(count);
        final byte[] root = MerkleTree.rootOfLeafHashes(l);
        final int index = pick % count;
        final List<byte[]> proof = MerkleTree.proof(l, index);
        assertTrue(MerkleTree.verifyProof(l.get(index), index, count, proof, root));
        assertFalse(MerkleTree.verifyProof(MerkleTree.leafHash(new byte[] {9, 9, 9}), index, count, proof, root));
        if (count > 1)
        {
            final int other = (index + 1) % count;
            assertFalse(MerkleTree.verifyProof(l.get(index), other, count, proof, root) &&
                !java.util.Arrays.equals(l.get(index), l.get(other)));
        }
    }
}
