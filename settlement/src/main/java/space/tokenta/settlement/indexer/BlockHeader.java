package space.tokenta.settlement.indexer;

import java.util.Locale;

/** One block's identity: the triple a reorg is detected by. Hashes are lower-case 0x hex. */
public record BlockHeader(long number, String hash, String parentHash) {
    public BlockHeader {
        if (number < 0 || hash == null || hash.length() != 66 || parentHash == null || parentHash.length() != 66) {
            throw new IllegalArgumentException("block header needs number >= 0 and 32-byte hashes: " + number + " " + hash);
        }
        hash = hash.toLowerCase(Locale.ROOT);
        parentHash = parentHash.toLowerCase(Locale.ROOT);
    }
}
