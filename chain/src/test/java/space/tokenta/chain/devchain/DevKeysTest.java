package space.tokenta.chain.devchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {
    @Test
    void derivesAnvilsPublishedAccounts() {
        // anvil prints these for its default mnemonic
        assertEquals("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", DevKeys.privateKeyHex(DevKeys.account(0)));
        assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", DevKeys.account(0).getAddress());
        assertEquals("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", DevKeys.privateKeyHex(DevKeys.account(1)));
        assertEquals("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6", DevKeys.privateKeyHex(DevKeys.account(9)));
        final Set<String> roles = new HashSet<>();
        for (int i = 0; i < DevKeys.FIRST_ATTESTOR + DevKeys.ATTESTOR_COUNT; i++) {
            roles.add(DevKeys.account(i).getAddress());
        }
        assertEquals(DevKeys.FIRST_ATTESTOR + DevKeys.ATTESTOR_COUNT, roles.size());
        assertThrows(IllegalArgumentException.class, () -> DevKeys.account(-1));
        assertThrows(IllegalArgumentException.class, () -> DevKeys.account(DevKeys.MAX_INDEX + 1));
    }

    @Test
    void accountRejectsAKeyOfAnotherAddress() {
        final DevAccount a = DevKeys.devAccount("trader-1", 5);
        assertThrows(IllegalArgumentException.class, () -> new DevAccount("x", 5, DevKeys.account(6).getAddress(), a.privateKey()));
        assertThrows(IllegalArgumentException.class, () -> new DevAccount("x", 5, a.address(), "0x12"));
    }

    @Test
    void deploymentFileRoundTripsAndBadFilesAreTypedErrors(@TempDir final Path dir) throws Exception {
        final DevDeployment.Chain chain = new DevDeployment.Chain("eth-dev", 31337,
                new DevDeployment.Endpoint("eth-dev-direct", "http://127.0.0.1:1/", "ws://127.0.0.1:1/"),
                List.of(new DevDeployment.Endpoint("eth-dev-p1", "http://127.0.0.1:2/", "ws://127.0.0.1:2/")),
                "0x5fbdb2315678afecb367f032d93f642f64180aa3", "Mock Tether USD", "mUSDT", 6, "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
                3, 2, 50, DevKeys.devAccount("operator", 0), List.of(DevKeys.devAccount("owner-1", 1), DevKeys.devAccount("owner-2", 2)),
                DevKeys.devAccount("fee-recipient", 4),
                List.of(DevKeys.devAccount("attestor-1", 10), DevKeys.devAccount("attestor-2", 11), DevKeys.devAccount("attestor-3", 12)),
                List.of(DevKeys.devAccount("trader-1", 5)), "1000000000000");
        final DevDeployment d = DevDeployment.of(List.of(chain));
        final Path file = d.write(dir);
        assertEquals(dir.resolve(DevDeployment.FILE_NAME), file);
        assertEquals(d, DevDeployment.read(file));
        Files.writeString(file, Files.readString(file).replace("\"quorum\" : 3", "\"quorum\" : 4"));
        assertThrows(IllegalArgumentException.class, () -> DevDeployment.read(file));
        Files.writeString(file, "{");
        assertThrows(IllegalArgumentException.class, () -> DevDeployment.read(file));
        assertThrows(IllegalArgumentException.class, () -> DevDeployment.of(List.of(chain, chain)));
    }
}
