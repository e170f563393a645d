package space.tokenta.settlement.indexer;

import java.util.List;
import java.util.Optional;

import org.web3j.protocol.core.methods.response.Log;

/** What the indexer reads from a chain. Failures surface as runtime exceptions (the caller backs off). */
public interface BlockSource {
    long headNumber();

    /** The chain's finalized height by its own rule (depth below head, or the finalized tag). */
    long finalizedNumber(long headNumber);

    Optional<BlockHeader> blockByNumber(long number);

    /** The escrow contract's logs of exactly this block (by hash, so a reorg cannot mix branches). */
    List<Log> logsByBlockHash(String blockHash);

    /** The escrow contract's logs of an inclusive range (split by the source when too large). */
    List<Log> logsInRange(long fromBlock, long toBlock);
}
