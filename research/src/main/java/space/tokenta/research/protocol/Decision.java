package space.tokenta.research.protocol;

/** Outcome of one decision: an accepted action index, or a fallback with its reason. */
public record Decision(long seq, int index, FallbackReason fallback, String detail, long latencyNs) {
    public boolean accepted() {
        return fallback == null;
    }

    static Decision accepted(final long seq, final int index, final long latencyNs) {
        return new Decision(seq, index, null, "", latencyNs);
    }

    static Decision fallback(final long seq, final FallbackReason reason, final String detail, final long latencyNs) {
        return new Decision(seq, -1, reason, detail, latencyNs);
    }
}
