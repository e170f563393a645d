package space.tokenta.cluster.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's members: each has an id, a host and a port base; the member uses six consecutive
 * ports from its base (archive control, ingress, consensus, log, catch-up, log control).
 * Written as {@code "0=127.0.0.1:20000,1=127.0.0.1:20010,2=127.0.0.1:20020"}.
 */
public record ClusterMembers(List<Member> members) {
    public static final int ARCHIVE_CONTROL = 0;
    public static final int INGRESS = 1;
    public static final int CONSENSUS = 2;
    public static final int LOG = 3;
    public static final int CATCHUP = 4;
    public static final int LOG_CONTROL = 5;
    public static final int PORTS_PER_MEMBER = 10;
    public static final int MAX_MEMBERS = 7;

    public record Member(int id, String host, int portBase) {
        public String endpoint(final int portOffset) {
            return host + ":" + (portBase + portOffset);
        }
    }

    public ClusterMembers {
        if (members.isEmpty() || members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("a cluster has 1.." + MAX_MEMBERS + " members, not " + members.size());
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id() != i) {
                throw new IllegalArgumentException("member ids must be 0.." + (members.size() - 1) + " in order");
            }
            final int base = members.get(i).portBase();
            if (base < 1024 || base > 65535 - PORTS_PER_MEMBER) {
                throw new IllegalArgumentException("port base out of range: " + base);
            }
        }
        members = List.copyOf(members);
    }

    /** Parses {@code "0=host:portBase,1=host:portBase,..."}. */
    public static ClusterMembers parse(final String text) {
        final List<Member> list = new ArrayList<>();
        for (final String part : text.split(",")) {
            final String item = part.trim();
            final int eq = item.indexOf('=');
            final int colon = item.lastIndexOf(':');
            if (eq < 1 || colon < eq + 2) {
                throw new IllegalArgumentException("bad member '" + item + "': expected id=host:portBase");
            }
            try {
                list.add(new Member(Integer.parseInt(item.substring(0, eq)), item.substring(eq + 1, colon),
                        Integer.parseInt(item.substring(colon + 1))));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("bad member '" + item + "': " + e.getMessage(), e);
            }
        }
        return new ClusterMembers(list);
    }

    /** {@code count} members on 127.0.0.1 with port bases {@code portBase}, {@code portBase+10}, ... */
    public static ClusterMembers loopback(final int count, final int portBase) {
        final List<Member> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Member(i, "127.0.0.1", portBase + i * PORTS_PER_MEMBER));
        }
        return new ClusterMembers(list);
    }

    public Member member(final int id) {
        if (id < 0 || id >= members.size()) {
            throw new IllegalArgumentException("no member " + id + " among " + members.size());
        }
        return members.get(id);
    }

    public int size() {
        return members.size();
    }

    /** Aeron's cluster members string. */
    public String consensusMembers() {
        final StringBuilder b = new StringBuilder();
        for (final Member m : members) {
            if (b.length() > 0) {
                b.append('|');
            }
            b.append(m.id()).append(',').append(m.endpoint(INGRESS)).append(',').append(m.endpoint(CONSENSUS))
                    .append(',').append(m.endpoint(LOG)).append(',').append(m.endpoint(CATCHUP)).append(',')
                    .append(m.endpoint(ARCHIVE_CONTROL));
        }
        return b.toString();
    }

    /** The client's ingress endpoints string: {@code "0=host:port,1=host:port"}. */
    public String ingressEndpoints() {
        final StringBuilder b = new StringBuilder();
        for (final Member m : members) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(m.id()).append('=').append(m.endpoint(INGRESS));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        final StringBuilder b = new StringBuilder();
        for (final Member m : members) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(m.id()).append('=').append(m.host()).append(':').append(m.portBase());
        }
        return b.toString();
    }
}
