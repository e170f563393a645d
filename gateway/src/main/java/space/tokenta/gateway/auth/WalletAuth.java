package space.tokenta.gateway.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * Wallet-signed requests (EIP-712) and agent keys. A request carries the wallet address, a nonce, an
 * expiry and a 65-byte secp256k1 signature over the typed struct
 * {@code Request(string method,string path,bytes32 bodyHash,uint256 nonce,uint256 expiry)} in the
 * domain {@code (name "Tokenta", version "1", chainId)}, where bodyHash = sha256(query + "\n" + body).
 * The signer is the wallet itself or an agent the wallet approved for a limited time and scope.
 */
public final class WalletAuth {
    public static final long MAX_EXPIRY_AHEAD_MS = 300_000;
    public static final long MAX_AGENT_VALIDITY_MS = 30L * 86_400_000L;
    public static final int MAX_WALLETS = 100_000;
    public static final int MAX_AGENTS = 100_000;
    static final Set<Scope> AGENT_SCOPES = EnumSet.of(Scope.READ, Scope.TRADE);

    public record Wallet(String address, long accountId, Set<Scope> scopes) {
    }

    public record Agent(String wallet, String agent, Set<Scope> scopes, long validUntilMs) {
    }

    private final long chainId;
    private final NonceWindow nonces = new NonceWindow(1_000_000, MAX_EXPIRY_AHEAD_MS);
    private final ConcurrentHashMap<String, Wallet> wallets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Agent> agents = new ConcurrentHashMap<>();

    private final space.tokenta.gateway.persist.CredentialStore store;

    public WalletAuth(final long chainId) {
        this(chainId, space.tokenta.gateway.persist.CredentialStore.inMemory(), java.util.List.of(), java.util.List.of());
    }

    /** Wallets and agents loaded from {@code stored…}, written through to {@code store} on change. */
    public WalletAuth(final long chainId, final space.tokenta.gateway.persist.CredentialStore store,
            final java.util.List<Wallet> storedWallets, final java.util.List<Agent> storedAgents) {
        this.chainId = chainId;
        this.store = store;
        for (final Wallet w : storedWallets) {
            if (wallets.size() < MAX_WALLETS) {
                wallets.put(w.address(), w);
            }
        }
        for (final Agent a : storedAgents) {
            if (agents.size() < MAX_AGENTS) {
                agents.put(a.wallet() + "/" + a.agent(), a);
            }
        }
    }

    public Wallet register(final String address, final long accountId, final Set<Scope> scopes) {
        if (wallets.size() >= MAX_WALLETS) {
            throw new IllegalStateException("wallet table full");
        }
        final Wallet w = new Wallet(normalise(address), accountId, Set.copyOf(scopes));
        store.saveWallet(w);
        wallets.put(w.address(), w);
        return w;
    }

    public Agent approveAgent(final Principal walletPrincipal, final String agentAddress, final Set<Scope> scopes,
            final long validUntilMs, final long nowMs) {
        if (!"wallet".equals(walletPrincipal.method())) {
            throw new AuthException(AuthException.Kind.MISSING, "only the wallet itself may approve an agent");
        }
        if (!AGENT_SCOPES.containsAll(scopes) || scopes.isEmpty() || validUntilMs <= nowMs
                || validUntilMs - nowMs > MAX_AGENT_VALIDITY_MS || agents.size() >= MAX_AGENTS) {
            throw new IllegalArgumentException("agent scopes must be read/trade and validity at most 30 days");
        }
        final Agent a = new Agent(walletPrincipal.keyId(), normalise(agentAddress), Set.copyOf(scopes), validUntilMs);
        store.saveAgent(a);
        agents.put(a.wallet() + "/" + a.agent(), a);
        return a;
    }

    public static String normalise(final String address) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "address must be 0x + 40 hex digits");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    public Principal verify(final String walletHeader, final String nonceHeader, final String expiryHeader,
            final String signatureHeader, final String method, final String path, final String query, final byte[] body,
            final long nowMs) {
        if (nonceHeader == null || expiryHeader == null || signatureHeader == null
                || !nonceHeader.matches("[0-9]{1,18}") || !expiryHeader.matches("[0-9]{1,15}")
                || !signatureHeader.matches("0x[0-9a-fA-F]{130}")) {
            throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "wallet headers malformed");
        }
        final String wallet = normalise(walletHeader);
        final long nonce = Long.parseLong(nonceHeader);
        final long expiryMs = Long.parseLong(expiryHeader);
        final String signer = recover(typedData(method, path, query, body, nonce, expiryMs), signatureHeader);
        final Wallet w = wallets.get(wallet);
        if (w == null || signer == null) {
            throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "unknown wallet or bad signature");
        }
        final Set<Scope> scopes;
        final String method1;
        if (signer.equals(wallet)) {
            scopes = w.scopes();
            method1 = "wallet";
        } else {
            final Agent a = agents.get(wallet + "/" + signer);
            if (a == null) {
                throw new AuthException(AuthException.Kind.BAD_SIGNATURE, "signer is neither the wallet nor its agent");
            }
            if (a.validUntilMs() <= nowMs) {
                throw new AuthException(AuthException.Kind.EXPIRED, "agent approval expired");
            }
            scopes = EnumSet.noneOf(Scope.class);
            for (final Scope s : a.scopes()) {
                if (w.scopes().contains(s) || w.scopes().contains(Scope.ADMIN)) {
                    scopes.add(s);
                }
            }
            method1 = "agent";
        }
        if (expiryMs <= nowMs || expiryMs - nowMs > MAX_EXPIRY_AHEAD_MS) {
            throw new AuthException(AuthException.Kind.TIMESTAMP, "expiry must be in the next 5 minutes");
        }
        if (!nonces.firstUse(wallet, Long.toString(nonce), nowMs)) {
            throw new AuthException(AuthException.Kind.NONCE_REUSED, "nonce already used");
        }
        return new Principal(w.accountId(), scopes, method1, wallet);
    }

    /** The EIP-712 JSON of a request (what a wallet is asked to sign). */
    public String typedData(final String method, final String path, final String query, final byte[] body,
            final long nonce, final long expiryMs) {
        return "{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"},"
                + "{\"name\":\"chainId\",\"type\":\"uint256\"}],\"Request\":[{\"name\":\"method\",\"type\":\"string\"},"
                + "{\"name\":\"path\",\"type\":\"string\"},{\"name\":\"bodyHash\",\"type\":\"bytes32\"},"
                + "{\"name\":\"nonce\",\"type\":\"uint256\"},{\"name\":\"expiry\",\"type\":\"uint256\"}]},"
                + "\"primaryType\":\"Request\",\"domain\":{\"name\":\"Tokenta\",\"version\":\"1\",\"chainId\":" + chainId
                + "},\"message\":{\"method\":\"" + method + "\",\"path\":\"" + jsonEscape(path) + "\",\"bodyHash\":\"0x"
                + bodyHash(query, body) + "\",\"nonce\":" + nonce + ",\"expiry\":" + expiryMs + "}}";
    }

    private static String jsonEscape(final String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String bodyHash(final String query, final byte[] body) {
        try {
            final MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(((query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the typed data (clients and tests): 0x + r(32) s(32) v(1). */
    public static String sign(final String typedDataJson, final ECKeyPair key) {
        try {
            final byte[] hash = new StructuredDataEncoder(typedDataJson).hashStructuredData();
            final Sign.SignatureData sig = Sign.signMessage(hash, key, false);
            return "0x" + HexFormat.of().formatHex(sig.getR()) + HexFormat.of().formatHex(sig.getS())
                    + HexFormat.of().formatHex(sig.getV());
        } catch (final java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String recover(final String typedDataJson, final String signatureHex) {
        try {
            final byte[] hash = new StructuredDataEncoder(typedDataJson).hashStructuredData();
            final byte[] sig = HexFormat.of().parseHex(signatureHex.substring(2));
            final byte[] r = java.util.Arrays.copyOfRange(sig, 0, 32);
            final byte[] s = java.util.Arrays.copyOfRange(sig, 32, 64);
            // Low-s only: the other half of the curve order would let a signature be re-encoded.
            if (new BigInteger(1, s).compareTo(Sign.CURVE_PARAMS.getN().shiftRight(1)) > 0) {
                return null;
            }
            final BigInteger pub = Sign.signedMessageHashToKey(hash, new Sign.SignatureData(sig[64], r, s));
            return "0x" + Keys.getAddress(pub).toLowerCase(Locale.ROOT);
        } catch (final java.io.IOException | RuntimeException | java.security.SignatureException e) {
            return null;
        }
    }
}
