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

    public static byte[] rootOf(final List<byte[]> contents)
    {
        final List<byte[]> leaves = new ArrayList<>(contents.size());
        contents.forEach(c -> leaves.add(leafHash(c)));
        return rootOfLeafHashes(leaves);
    }
}
