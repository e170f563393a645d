package space.tokenta.chain.devchain;

import org.web3j.crypto.Credentials;
import space.tokenta.chain.escrow.EvmHex;

/**
 * A DEV ONLY account of the dev chains: its role, its index in anvil's mnemonic, address and
 * private key (public knowledge; never use on a real network).
 */
public record DevAccount(String role, int index, String address, String privateKey) {
    public DevAccount {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("role is required");
        }
        if (index < 0 || index > DevKeys.MAX_INDEX) {
            throw new IllegalArgumentException("index in [0, " + DevKeys.MAX_INDEX + "]: " + index);
        }
        address = EvmHex.address(address);
        if (privateKey == null || !privateKey.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException(role + ": private key must be 0x + 64 lowercase hex digits");
        }
        if (!Credentials.create(privateKey).getAddress().equals(address)) {
            throw new IllegalArgumentException(role + ": private key does not belong to " + address);
        }
    }

    public Credentials credentials() {
        return Credentials.create(privateKey);
    }
}
