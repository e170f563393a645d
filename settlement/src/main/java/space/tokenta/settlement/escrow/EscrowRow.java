package space.tokenta.settlement.escrow;

/**
 * One escrow as stored in {@code settlement_escrows}. Terms fields are null until the escrow leaves
 * {@link EscrowPhase#NEW}; verdict fields until {@link EscrowPhase#VERIFIED}.
 *
 * @param amount on-chain deal amount = notional + buyer fee (token units = engine minor units)
 */
public record EscrowRow(String escrowId, long settlementIdHi, long settlementIdLo, long tradeId, int instrumentId,
                        int assetId, long buyerAccountId, long sellerAccountId, long amount, long tradeNs,
                        Long chainId, String buyer, String seller, String token, String dealId, Long releaseAfter,
                        Long expiresAt, Long authDeadline, String buyerSignature, EscrowPhase phase, boolean disputed,
                        Integer verdictCode, String verdict, String verdictSignatures, String evidenceCid,
                        String openTx, String settleTx, String engineOutcome, int attempts, String lastError) {

    public static String escrowId(final long tradeId) {
        return "ESC-" + tradeId;
    }
}
