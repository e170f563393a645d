package space.tokenta.verify.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary Merkle root over sha256 with domain-separated leaves (0x00) and nodes (0x01), an odd
 * node promoted unchanged: the root commits to the order and count of leaves. Empty → sha256("").
 */
public final class MerkleTree
{
    public static final int MAX_LEAVES = 1 << 20;

    private MerkleTree()
    {
    }

    public static byte[] leafHash(final byte[] content)
    {
        return Sha256.hash(new byte[] {0x00}, content);
    }

    public static byte[] rootOfLeafHashes(final List<byte[]> leafHashes)
    {
        if (leafHashes.size() > MAX_LEAVES)
        {
            throw new EvidenceException("more than " + MAX_LEAVES + " Merkle leaves");
        }
        if (leafHashes.isEmpty())
        {
            return Sha256.hash(new byte[0]);
        }
        List<byte[]> level = leafHashes;
        while (level.size() > 1)
        {
            final List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2)
            {
                next.add(i + 1 < level.size() ? Sha256.hash(new byte[] {0x01}, level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    /** Sibling hashes from leaf {@code index} up to the root (promoted levels contribute none). */
    public static List<byte[]> proof(final List<byte[]> leafHashes, final int index)
    {
        if (index < 0 || index >= leafHashes.size() || leafHashes.size() > MAX_LEAVES)
        {
            throw new EvidenceException("leaf index out of range");
        }
        final List<byte[]> path = new ArrayList<>();
        List<byte[]> level = leafHashes;
        int i = index;
        while (level.size() > 1)
        {
            final int sibling = i ^ 1;
            if (sibling < level.size())
            {
                path.add(level.get(sibling));
            }
            final List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int j = 0; j < level.size(); j += 2)
            {
                next.add(j + 1 < level.size() ? Sha256.hash(new byte[] {0x01}, level.get(j), level.get(j + 1)) : level.get(j));
            }
            level = next;
            i >>= 1;
        }
        return path;
    }

    /** True when {@code leafHash} is leaf {@code index} of {@code count} leaves under {@code root}. */
    public static boolean verifyProof(
        final byte[] leafHash, final int index, final int count, final List<byte[]> proof, final byte[] root)
    {
        if (index < 0 || index >= count || count > MAX_LEAVES)
        {
            return false;
        }
        byte[] node = leafHash;
        int i = index;
        int size = count;
        int used = 0;
        while (size > 1)
        {
            final int sibling = i ^ 1;
            if (sibling < size)
            {
                if (used >= proof.size())
                {
                    return false;
                }
                final byte[] other = proof.get(used++);
                node = (i & 1) == 0 ? Sha256.hash(new byte[] {0x01}, node, other) : Sha256.hash(new byte[] {0x01}, other, node);
            }
            i >>= 1;
            size = (size + 1) / 2;
        }
        return used == proof.size() && java.util.Arrays.equals(node, root);
    }

    public static byte[] rootOf(final List<byte[]> contents)
    {
        final List<byte[]> leaves = new ArrayList<>(contents.size());
        contents.forEach(c -> leaves.add(leafHash(c)));
        return rootOfLeafHashes(leaves);
    }
}
