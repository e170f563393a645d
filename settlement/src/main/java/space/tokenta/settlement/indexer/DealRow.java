package space.tokenta.settlement.indexer;

import java.math.BigInteger;

/** A deal's derived state by escrow id (deal id hex). */
public record DealRow(long chainId, String dealId, String buyer, String seller, String token, BigInteger amount,
                      String state, long openedBlock, long updatedBlock) {
}
