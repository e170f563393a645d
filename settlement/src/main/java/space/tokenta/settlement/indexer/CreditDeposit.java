package space.tokenta.settlement.indexer;

import java.math.BigInteger;

/**
 * A final {@code Deposited} event as the engine command it becomes. {@code chainEventId} is
 * {@code chainId:blockHash:logIndex}; the engine ignores an id it has seen.
 */
public record CreditDeposit(String chainEventId, long chainId, long blockNumber, String account, String token,
                            BigInteger amount) {
    public CreditDeposit {
        if (chainEventId == null || chainEventId.isEmpty() || amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("credit deposit needs an id and a non-negative amount");
        }
    }
}
