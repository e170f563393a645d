package space.tokenta.chain.escrow;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.web3j.crypto.Hash;

/**
 * EIP-712 hashing for one {@code TokentaEscrow} deployment: domain
 * {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)} with
 * name "TokentaEscrow", version "1". Computed here in Java (flat structs, one word per field) and
 * checked against the contract's {@code hashVerdict} / {@code hashDealAuthorization} views.
 */
public final class EscrowTypedData {
    public static final String NAME = "TokentaEscrow";
    public static final String VERSION = "1";
    public static final String DOMAIN_TYPE =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    public static final String VERDICT_TYPE = "DeliveryVerdict(bytes32 dealId,bytes32 evidenceDigest,uint8 stageMask,"
            + "uint8 verdict,uint16 scoreBps,uint64 issuedAt,uint64 expiresAt)";
    public static final String DEAL_TYPE = "DealAuthorization(bytes32 dealId,address buyer,address seller,"
            + "address token,uint256 amount,uint64 releaseAfter,uint64 expiresAt,uint64 authDeadline)";

    private static final byte[] DOMAIN_TYPEHASH = keccak(DOMAIN_TYPE);
    private static final byte[] VERDICT_TYPEHASH = keccak(VERDICT_TYPE);
    private static final byte[] DEAL_TYPEHASH = keccak(DEAL_TYPE);
    private static final byte[] NAME_HASH = keccak(NAME);
    private static final byte[] VERSION_HASH = keccak(VERSION);

    private final long chainId;
    private final String verifyingContract;
    private final byte[] domainSeparator;

    /**
     * @param chainId           the EVM chain id the contract lives on
     * @param verifyingContract the escrow's 0x-address
     */
    public EscrowTypedData(long chainId, String verifyingContract) {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId must be positive: " + chainId);
        }
        this.chainId = chainId;
        this.verifyingContract = EvmHex.address(verifyingContract);
        this.domainSeparator = keccak(new WordWriter(5)
                .word(DOMAIN_TYPEHASH)
                .word(NAME_HASH)
                .word(VERSION_HASH)
                .uint(BigInteger.valueOf(chainId))
                .address(this.verifyingContract)
                .bytes());
    }

    public long chainId() {
        return chainId;
    }

    public String verifyingContract() {
        return verifyingContract;
    }

    public byte[] domainSeparator() {
        return domainSeparator.clone();
    }

    /** The digest attestors sign for {@code verdict}. */
    public byte[] verdictDigest(DeliveryVerdict verdict) {
        Objects.requireNonNull(verdict, "verdict");
        byte[] structHash = keccak(new WordWriter(8)
                .word(VERDICT_TYPEHASH)
                .word(verdict.dealId())
                .word(verdict.evidenceDigest())
                .uint(BigInteger.valueOf(verdict.stageMask()))
                .uint(BigInteger.valueOf(verdict.verdict()))
                .uint(BigInteger.valueOf(verdict.scoreBps()))
                .uint(BigInteger.valueOf(verdict.issuedAtSec()))
                .uint(BigInteger.valueOf(verdict.expiresAtSec()))
                .bytes());
        return digest(structHash);
    }

    /** The digest the buyer signs to authorise {@code terms}. */
    public byte[] dealAuthorizationDigest(DealTerms terms) {
        Objects.requireNonNull(terms, "terms");
        byte[] structHash = keccak(new WordWriter(9)
                .word(DEAL_TYPEHASH)
                .word(terms.dealId())
                .address(terms.buyer())
                .address(terms.seller())
                .address(terms.token())
                .uint(terms.amount())
                .uint(BigInteger.valueOf(terms.releaseAfterSec()))
                .uint(BigInteger.valueOf(terms.expiresAtSec()))
                .uint(BigInteger.valueOf(terms.authDeadlineSec()))
                .bytes());
        return digest(structHash);
    }

    private byte[] digest(byte[] structHash) {
        byte[] message = new byte[2 + 32 + 32];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domainSeparator, 0, message, 2, 32);
        System.arraycopy(structHash, 0, message, 34, 32);
        return Hash.sha3(message);
    }

    static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] keccak(byte[] bytes) {
        return Hash.sha3(bytes);
    }

    /** Fixed-size ABI words, written in order; the count is declared up front and checked. */
    static final class WordWriter {
        private final byte[] buffer;
        private int offset;

        WordWriter(int words) {
            buffer = new byte[words * 32];
        }

        WordWriter word(byte[] word) {
            if (word.length != 32) {
                throw new IllegalArgumentException("word must be 32 bytes");
            }
            System.arraycopy(word, 0, buffer, offset, 32);
            offset += 32;
            return this;
        }

        WordWriter uint(BigInteger value) {
            if (value.signum() < 0 || value.bitLength() > 256) {
                throw new IllegalArgumentException("not a uint256: " + value);
            }
            byte[] raw = value.toByteArray();
            int length = raw.length > 32 ? 32 : raw.length; // a 33-byte form only adds a sign byte
            System.arraycopy(raw, raw.length - length, buffer, offset + 32 - length, length);
            offset += 32;
            return this;
        }

        WordWriter address(String address) {
            byte[] raw = EvmHex.bytes(EvmHex.address(address));
            System.arraycopy(raw, 0, buffer, offset + 12, 20);
            offset += 32;
            return this;
        }

        byte[] bytes() {
            if (offset != buffer.length) {
                throw new IllegalStateException("wrote " + offset / 32 + " of " + buffer.length / 32 + " words");
            }
            return buffer;
        }
    }
}
