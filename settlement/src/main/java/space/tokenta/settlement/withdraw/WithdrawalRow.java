package space.tokenta.settlement.withdraw;

/** One withdrawal as stored in {@code settlement_withdrawals}. */
public record WithdrawalRow(String withdrawalId, long transferIdHi, long transferIdLo, long chainId, long accountId,
                            int assetId, String address, String token, long amount, WithdrawalPhase phase,
                            Long senderNonce, Long startBlock, String txHash, String engineOutcome, int attempts,
                            String lastError) {
}
