package space.tokenta.chain.escrow;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A deal exactly as the buyer authorises it: the flat EIP-712 struct
 * {@code DealAuthorization(bytes32 dealId,address buyer,address seller,address token,uint256 amount,
 * uint64 releaseAfter,uint64 expiresAt,uint64 authDeadline)}; also the argument of {@code open}.
 *
 * @param dealId          32-byte deal id
 * @param buyer           0x-address whose free balance funds the deal
 * @param seller          0x-address paid on release
 * @param token           0x-address of the ERC-20
 * @param amount          token units (uint256, positive)
 * @param releaseAfterSec earliest release, unix seconds (timelock end)
 * @param expiresAtSec    latest release, unix seconds; refundable after it
 * @param authDeadlineSec the authorisation is usable until then, unix seconds
 */
public record DealTerms(
        byte[] dealId,
        String buyer,
        String seller,
        String token,
        BigInteger amount,
        long releaseAfterSec,
        long expiresAtSec,
        long authDeadlineSec) {

    public DealTerms {
        DeliveryVerdict.requireWord(dealId, "dealId");
        buyer = EvmHex.address(buyer);
        seller = EvmHex.address(seller);
        token = EvmHex.address(token);
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0 || amount.bitLength() > 256) {
            throw new IllegalArgumentException("amount must be a positive uint256: " + amount);
        }
        if (releaseAfterSec < 0 || expiresAtSec < 0 || authDeadlineSec < 0) {
            throw new IllegalArgumentException("times must be non-negative uint64 seconds");
        }
        dealId = dealId.clone();
    }

    @Override
    public byte[] dealId() {
        return dealId.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DealTerms t
                && Arrays.equals(dealId, t.dealId)
                && buyer.equals(t.buyer)
                && seller.equals(t.seller)
                && token.equals(t.token)
                && amount.equals(t.amount)
                && releaseAfterSec == t.releaseAfterSec
                && expiresAtSec == t.expiresAtSec
                && authDeadlineSec == t.authDeadlineSec;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dealId), buyer, seller, token, amount, releaseAfterSec, expiresAtSec,
                authDeadlineSec);
    }
}
