package space.tokenta.cluster.node;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a block of loopback ports (UDP and TCP) that nothing uses, for members started side by side. */
public final class LoopbackPorts {
    private static final int MAX_ATTEMPTS = 200;
    private static final int FIRST_BASE = 20_000;
    private static final int BASES = 2_000;

    private LoopbackPorts() {
    }

    /** @return a port base whose {@code memberCount * ClusterMembers.PORTS_PER_MEMBER} ports were free a moment ago */
    public static int freeBase(final int memberCount) {
        if (memberCount < 1 || memberCount > 9) {
            throw new IllegalArgumentException("memberCount in [1, 9]: " + memberCount);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            final int base = FIRST_BASE + ThreadLocalRandom.current().nextInt(BASES) * 2 * ClusterMembers.PORTS_PER_MEMBER;
            if (allFree(base, memberCount * ClusterMembers.PORTS_PER_MEMBER)) {
                return base;
            }
        }
        throw new IllegalStateException("no free loopback port range after " + MAX_ATTEMPTS + " attempts");
    }

    private static boolean allFree(final int base, final int count) {
        try {
            final InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (int p = base; p < base + count; p++) {
                try (DatagramSocket udp = new DatagramSocket(p, loopback); ServerSocket tcp = new ServerSocket(p, 1, loopback)) {
                    udp.getLocalPort();
                    tcp.getLocalPort();
                }
            }
            return true;
        } catch (final IOException e) {
            return false;
        }
    }
}
