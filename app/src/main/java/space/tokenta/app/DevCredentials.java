package space.tokenta.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import space.tokenta.gateway.GatewayServer;
import space.tokenta.gateway.auth.ApiKeys;
import space.tokenta.gateway.auth.Scope;

/**
 * The dev accounts' API keys, as lines {@code port N} then {@code role keyId secret} for buyer, seller
 * and admin (the format the gateway demo writes; tools read it). Keys live in the gateway's credential
 * store: on restart the file's keys are reused when the store still has them, otherwise new ones are made.
 */
final class DevCredentials {
    record Role(String name, long accountId, Set<Scope> scopes) {
    }

    static final List<Role> ROLES = List.of(
            new Role("buyer", DefaultMarket.DEV_BUYER, EnumSet.of(Scope.READ, Scope.TRADE)),
            new Role("seller", DefaultMarket.DEV_SELLER, EnumSet.of(Scope.READ, Scope.TRADE)),
            new Role("admin", DefaultMarket.DEV_ADMIN, EnumSet.of(Scope.ADMIN)));
    /** A credentials file is a handful of short lines. */
    static final long MAX_FILE_BYTES = 4_096;

    private DevCredentials() {
    }

    static Path write(final Path file, final GatewayServer server) throws IOException {
        final Map<String, ApiKeys.ApiKey> previous = read(file, server.apiKeys());
        final StringBuilder text = new StringBuilder("port ").append(server.port()).append('\n');
        for (final Role role : ROLES) {
            ApiKeys.ApiKey key = previous.get(role.name());
            if (key == null || key.accountId() != role.accountId() || !key.scopes().equals(role.scopes())) {
                key = server.apiKeys().create(role.accountId(), role.scopes());
            }
            text.append(role.name()).append(' ').append(key.keyId()).append(' ').append(key.secret()).append('\n');
        }
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Registers the dev chains' trader wallets 0..3 (DEV ONLY keys, in {@code <data>/devchains.json} and
     * anvil's test mnemonic) for engine accounts 1..4 with read and trade scopes, so a newcomer can sign in
     * with a dev wallet key. Idempotent: registering an address again replaces its entry.
     *
     * @return the registered wallets' addresses, in account order
     */
    static List<String> registerDevWallets(final GatewayServer server) {
        final List<String> out = new java.util.ArrayList<>(space.tokenta.chain.devchain.DevKeys.TRADER_COUNT);
        for (int i = 0; i < space.tokenta.chain.devchain.DevKeys.TRADER_COUNT; i++) {
            final String address = space.tokenta.chain.devchain.DevKeys.account(
                    space.tokenta.chain.devchain.DevKeys.FIRST_TRADER + i).getAddress();
            out.add(server.wallets().register(address, DefaultMarket.DEV_BUYER + i,
                    EnumSet.of(Scope.READ, Scope.TRADE)).address());
        }
        return List.copyOf(out);
    }

    /** The roles' keys named in {@code file} that the store still holds with the same secret. */
    private static Map<String, ApiKeys.ApiKey> read(final Path file, final ApiKeys keys) throws IOException {
        final Map<String, ApiKeys.ApiKey> out = new HashMap<>();
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
            return out;
        }
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            final String[] parts = line.trim().split(" ");
            if (parts.length == 3) {
                final ApiKeys.ApiKey key = keys.find(parts[1]);
                if (key != null && key.secret().equals(parts[2])) {
                    out.put(parts[0], key);
                }
            }
        }
        return out;
    }
}
