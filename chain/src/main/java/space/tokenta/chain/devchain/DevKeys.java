package space.tokenta.chain.devchain;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

/**
 * DEV ONLY keys: the accounts of anvil's well-known test mnemonic at {@code m/44'/60'/0'/0/i}.
 * They are public knowledge; anything sent to them on a real network is lost. Roles are fixed by
 * index so every process (settlement, attestors, the web demo) derives the same accounts.
 */
public final class DevKeys {
    /** anvil's default mnemonic (public; dev chains only). */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    /** anvil funds the first 10 accounts with ETH; attestors only sign, so they may sit beyond. */
    public static final int MAX_INDEX = 63;

    public static final int DEPLOYER_OPERATOR = 0;
    public static final int FIRST_OWNER = 1;
    public static final int OWNER_COUNT = 3;
    public static final int OWNER_THRESHOLD = 2;
    public static final int FEE_RECIPIENT = 4;
    public static final int FIRST_TRADER = 5;
    public static final int TRADER_COUNT = 4;
    public static final int FIRST_ATTESTOR = 10;
    public static final int ATTESTOR_COUNT = 5;
    public static final int QUORUM = 3;

    private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;
    private static final Bip32ECKeyPair MASTER = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));

    private DevKeys() {
    }

    /** The mnemonic's account {@code index} (BIP-44, Ethereum coin type). */
    public static Credentials account(final int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("dev key index in [0, " + MAX_INDEX + "]: " + index);
        }
        final int[] path = {44 | HARDENED, 60 | HARDENED, HARDENED, 0, index};
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(MASTER, path));
    }

    /** {@code 0x} + 64 hex digits of the private key. */
    public static String privateKeyHex(final Credentials credentials) {
        return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
    }

    public static DevAccount devAccount(final String role, final int index) {
        final Credentials c = account(index);
        return new DevAccount(role, index, c.getAddress(), privateKeyHex(c));
    }
}
