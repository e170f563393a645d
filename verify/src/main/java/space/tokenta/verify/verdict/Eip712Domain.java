package space.tokenta.verify.verdict;

import java.math.BigInteger;

import space.tokenta.verify.evidence.Hex;

/** The escrow's EIP-712 domain: name "TokentaEscrow", version "1", chain id and contract address. */
public record Eip712Domain(String name, String version, long chainId, String verifyingContract)
{
    public static final String ESCROW_NAME = "TokentaEscrow";
    public static final String ESCROW_VERSION = "1";

    public Eip712Domain
    {
        if (chainId <= 0)
        {
            throw new IllegalArgumentException("chainId must be positive");
        }
        if (Hex.decode(verifyingContract).length != 20)
        {
            throw new IllegalArgumentException("verifyingContract must be a 20-byte address");
        }
        verifyingContract = verifyingContract.toLowerCase(java.util.Locale.ROOT);
    }

    public static Eip712Domain escrow(final long chainId, final String verifyingContract)
    {
        return new Eip712Domain(ESCROW_NAME, ESCROW_VERSION, chainId, verifyingContract);
    }

    public BigInteger chainIdValue()
    {
        return BigInteger.valueOf(chainId);
    }
}
