package space.tokenta.verify.verdict;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.web3j.crypto.Hash;
import space.tokenta.verify.evidence.Hex;

/** EIP-712 typed-data hash of a {@link DeliveryVerdict}, written from the EIP (no encoder library). */
public final class VerdictHasher
{
    public static final String VERDICT_TYPE =
        "DeliveryVerdict(bytes32 dealId,bytes32 evidenceDigest,uint8 stageMask,uint8 verdict," +
        "uint16 scoreBps,uint64 issuedAt,uint64 expiresAt)";
    public static final String DOMAIN_TYPE =
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private static final byte[] VERDICT_TYPEHASH = keccak(VERDICT_TYPE.getBytes(StandardCharsets.UTF_8));
    private static final byte[] DOMAIN_TYPEHASH = keccak(DOMAIN_TYPE.getBytes(StandardCharsets.UTF_8));

    private final byte[] domainSeparator;

    public VerdictHasher(final Eip712Domain domain)
    {
        this.domainSeparator = domainSeparator(domain);
    }

    public static byte[] domainSeparator(final Eip712Domain domain)
    {
        return keccak(
            DOMAIN_TYPEHASH,
            keccak(domain.name().getBytes(StandardCharsets.UTF_8)),
            keccak(domain.version().getBytes(StandardCharsets.UTF_8)),
            word(domain.chainIdValue()),
            leftPad(Hex.decode(domain.verifyingContract(), 20)));
    }

    public static byte[] structHash(final DeliveryVerdict verdict)
    {
        return keccak(
            VERDICT_TYPEHASH,
            verdict.dealId(),
            verdict.evidenceDigest(),
            word(BigInteger.valueOf(verdict.stageMask())),
            word(BigInteger.valueOf(verdict.verdict().code())),
            word(BigInteger.valueOf(verdict.scoreBps())),
            word(BigInteger.valueOf(verdict.issuedAt())),
            word(BigInteger.valueOf(verdict.expiresAt())));
    }

    /** keccak256(0x1901 ‖ domainSeparator ‖ structHash): what each attestor signs. */
    public byte[] digest(final DeliveryVerdict verdict)
    {
        return keccak(new byte[] {0x19, 0x01}, domainSeparator, structHash(verdict));
    }

    public byte[] domainSeparator()
    {
        return domainSeparator.clone();
    }

    private static byte[] word(final BigInteger value)
    {
        if (value.signum() < 0 || value.bitLength() > 256)
        {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        final byte[] raw = value.toByteArray();
        final byte[] out = new byte[32];
        final int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] leftPad(final byte[] bytes)
    {
        final byte[] out = new byte[32];
        System.arraycopy(bytes, 0, out, 32 - bytes.length, bytes.length);
        return out;
    }

    private static byte[] keccak(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int offset = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return Hash.sha3(all);
    }
}
