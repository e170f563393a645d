package space.tokenta.settlement.account;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import space.tokenta.chain.devchain.DevAccount;
import space.tokenta.chain.devchain.DevDeployment;
import space.tokenta.chain.escrow.DealTerms;
import space.tokenta.chain.escrow.EscrowTypedData;
import space.tokenta.chain.escrow.QuorumSignatures;

/**
 * DEV ONLY: the traders' wallets of a dev deployment (anvil's public mnemonic). Signs a deal
 * authorisation only for the buyer the terms name, with that buyer's own key, so the signature
 * recovers to the buyer exactly as the contract checks.
 */
public final class DevWallets implements Wallets {
    private final Map<String, Credentials> keys = new HashMap<>();

    public DevWallets(final DevDeployment deployment) {
        for (final DevDeployment.Chain chain : deployment.chains().values()) {
            for (final DevAccount trader : chain.traders()) {
                keys.put(chain.chainId() + "/" + trader.address().toLowerCase(Locale.ROOT), trader.credentials());
            }
        }
    }

    @Override
    public Optional<byte[]> authorize(final DealTerms terms, final EscrowTypedData typedData) {
        final Credentials buyer = keys.get(typedData.chainId() + "/" + terms.buyer().toLowerCase(Locale.ROOT));
        if (buyer == null) {
            return Optional.empty();
        }
        final byte[] digest = typedData.dealAuthorizationDigest(terms);
        return Optional.of(QuorumSignatures.sign(digest, buyer.getEcKeyPair()).rsv());
    }

    @Override
    public Optional<Credentials> credentials(final long chainId, final String address) {
        return Optional.ofNullable(keys.get(chainId + "/" + address.toLowerCase(Locale.ROOT)));
    }
}
