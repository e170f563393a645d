package space.tokenta.settlement.indexer;

import java.math.BigInteger;

/** A {@code Deposited} event as a derived row; {@code isFinal} once its block is final. */
public record DepositRow(String chainEventId, long chainId, long blockNumber, String account, String token,
                         BigInteger amount, boolean isFinal) {
}
