package space.tokenta.settlement.account;

import java.util.Optional;
import space.tokenta.chain.escrow.DealTerms;
import space.tokenta.chain.escrow.EscrowTypedData;
import org.web3j.crypto.Credentials;

/**
 * The users' side of settlement: the buyer's EIP-712 authorisation of one exact deal (the escrow
 * opens nothing without it, whoever the operator is) and the user's own {@code withdraw} transaction.
 * In production both come from the user's wallet (signed in the terminal when the order is placed);
 * {@link DevWallets} answers with the dev deployment's public test keys.
 */
public interface Wallets {
    /** The buyer's 65-byte signature of {@code typedData.dealAuthorizationDigest(terms)}, if the buyer's wallet signs it. */
    Optional<byte[]> authorize(DealTerms terms, EscrowTypedData typedData);

    /** The key that sends {@code address}'s own transactions (withdrawals), if this wallet holds it. */
    Optional<Credentials> credentials(long chainId, String address);
}
