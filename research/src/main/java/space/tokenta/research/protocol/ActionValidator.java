package space.tokenta.research.protocol;

/** The checks every action passes before the environment applies it. */
public final class ActionValidator {
    private ActionValidator() {}

    public static Decision validate(final Observation obs, final Action action, final long latencyNs) {
        if (action == null) {
            return Decision.fallback(obs.seq(), FallbackReason.INVALID_ACTION, "no action", latencyNs);
        }
        if (action.seq() != obs.seq()) {
            return Decision.fallback(obs.seq(), FallbackReason.OUT_OF_ORDER,
                    "action tagged " + action.seq() + " for observation " + obs.seq(), latencyNs);
        }
        if (!Double.isFinite(action.value())) {
            return Decision.fallback(obs.seq(), FallbackReason.NAN, "action value " + action.value(), latencyNs);
        }
        if (action.index() < 0 || action.index() >= obs.mask().length) {
            return Decision.fallback(obs.seq(), FallbackReason.INVALID_ACTION, "index " + action.index() + " out of range", latencyNs);
        }
        if (!obs.mask()[action.index()]) {
            return Decision.fallback(obs.seq(), FallbackReason.INVALID_ACTION, "index " + action.index() + " is masked", latencyNs);
        }
        return Decision.accepted(obs.seq(), action.index(), latencyNs);
    }
}
