package space.tokenta.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs webhooks may be delivered to (server-side request forgery guard). A URL must be http or
 * https, name a host, carry no credentials; and unless private targets are allowed (dev nodes and
 * tests deliver to 127.0.0.1) every address its host resolves to must be public: not loopback,
 * link-local, private (RFC 1918, RFC 6598 shared, IPv6 ULA), multicast, broadcast or unspecified.
 * The dispatcher checks again before every delivery, so a name that later resolves to a forbidden
 * address (DNS rebinding) is not delivered to.
 */
public final class WebhookTargetPolicy {
    /** Resolves a host name to all its addresses (the system resolver, or a fixed table in tests). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_RESOLVER = host -> List.of(InetAddress.getAllByName(host));
    public static final int MAX_URL_CHARS = 2_048;

    /** Why a target is refused; {@link #reason()} is a stable lower-case word for clients. */
    public static final class RejectedTarget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        RejectedTarget(final String reason, final String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public WebhookTargetPolicy(final boolean allowPrivate, final Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** The URL, parsed and checked; throws {@link RejectedTarget} (nothing else) when it may not be used. */
    public URI check(final String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_CHARS) {
            throw new RejectedTarget("invalid_url", "url must be 1.." + MAX_URL_CHARS + " characters");
        }
        final URI uri;
        try {
            uri = new URI(url);
        } catch (final java.net.URISyntaxException e) {
            throw new RejectedTarget("invalid_url", "url is not a valid URI");
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RejectedTarget("scheme", "url scheme must be http or https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw new RejectedTarget("credentials", "url must not carry credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RejectedTarget("invalid_url", "url must name a host");
        }
        checkAddresses(uri.getHost());
        return uri;
    }

    /** Resolves {@code host} and refuses it when any of its addresses is not public (unless allowed). */
    public void checkAddresses(final String host) {
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        final List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (final UnknownHostException e) {
            throw new RejectedTarget("unresolvable", "url host does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new RejectedTarget("unresolvable", "url host does not resolve");
        }
        if (allowPrivate) {
            return;
        }
        for (final InetAddress a : addresses) {
            final String kind = forbiddenKind(a);
            if (kind != null) {
                throw new RejectedTarget(kind, "url host resolves to a " + kind.replace('_', ' ') + " address");
            }
        }
    }

    /** The class of a non-public address ({@code loopback}, {@code private}, …), or null for a public one. */
    static String forbiddenKind(final InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link_local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        final byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            final int b0 = b[0] & 0xff;
            final int b1 = b[1] & 0xff;
            if (b0 == 0) {
                return "unspecified"; // 0.0.0.0/8: "this network"
            }
            if (b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168 || b0 == 100 && (b1 & 0xc0) == 64) {
                return "private";
            }
            if (b0 >= 240) {
                return "broadcast"; // 240.0.0.0/4 reserved, 255.255.255.255 broadcast
            }
            return null;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private"; // fc00::/7 unique local
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "private"; // fec0::/10 deprecated site-local
            }
            if (isMappedOrCompatibleV4(b)) {
                try {
                    return forbiddenKind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (final UnknownHostException e) {
                    return "invalid";
                }
            }
        }
        return null;
    }

    /** ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) embed an IPv4 address. */
    private static boolean isMappedOrCompatibleV4(final byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == b[11] && (b[10] == 0 || (b[10] & 0xff) == 0xff);
    }
}
