package space.tokenta.chain.fault;

/** One fault decision: a kind and its parameter (see {@link FaultKind}). */
public record Fault(FaultKind kind, long param) {
    public static final Fault NONE = new Fault(FaultKind.NONE, 0);

    public Fault {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (param < 0 || param > 600_000) {
            throw new IllegalArgumentException("param in [0, 600000]: " + param);
        }
    }

    /** The usual parameter for each kind, used by seeded plans. */
    public static Fault typical(final FaultKind kind) {
        return switch (kind) {
            case NONE, WRONG_FORK, RPC_ERROR, WS_DROP -> new Fault(kind, 0);
            case HANG -> new Fault(kind, 10_000);
            case SLOW -> new Fault(kind, 150);
            case HTTP_429 -> new Fault(kind, 1);
            case HTTP_5XX -> new Fault(kind, 503);
            case STALE_HEAD -> new Fault(kind, 8);
            case RANGE_REFUSAL -> new Fault(kind, 4);
        };
    }

    @Override
    public String toString() {
        return param == 0 ? kind.name() : kind.name() + "(" + param + ")";
    }
}
