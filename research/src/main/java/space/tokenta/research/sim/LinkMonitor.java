package space.tokenta.research.sim;

/**
 * Radio link monitoring (TS 38.331 section 5.3.10): N310 consecutive out-of-sync indications
 * (SINR below Q_out) start T310; N311 consecutive in-sync indications (SINR above Q_in) stop it;
 * T310 expiry is a radio link failure. One indication per tick.
 */
public final class LinkMonitor {
    private final double qOutDb;
    private final double qInDb;
    private final int n310;
    private final int n311;
    private final int t310Ticks;
    private int outOfSync;
    private int inSync;
    private int t310Elapsed = -1;

    public LinkMonitor(final double qOutDb, final double qInDb, final int n310, final int n311, final int t310Ticks) {
        if (!(qInDb > qOutDb) || n310 < 1 || n311 < 1 || t310Ticks < 0) {
            throw new IllegalArgumentException("invalid radio link monitoring parameters");
        }
        this.qOutDb = qOutDb;
        this.qInDb = qInDb;
        this.n310 = n310;
        this.n311 = n311;
        this.t310Ticks = t310Ticks;
    }

    public void reset() {
        outOfSync = 0;
        inSync = 0;
        t310Elapsed = -1;
    }

    public boolean t310Running() {
        return t310Elapsed >= 0;
    }

    /** Feeds one tick's SINR; returns true when T310 expires (radio link failure), which also resets. */
    public boolean onTick(final double sinrDb) {
        if (sinrDb < qOutDb) {
            outOfSync++;
            inSync = 0;
        } else if (sinrDb > qInDb) {
            inSync++;
            outOfSync = 0;
        } else {
            outOfSync = 0;
            inSync = 0;
        }
        if (t310Elapsed >= 0) {
            if (inSync >= n311) {
                t310Elapsed = -1;
                return false;
            }
            t310Elapsed++;
            if (t310Elapsed >= t310Ticks) {
                reset();
                return true;
            }
        } else if (outOfSync >= n310) {
            t310Elapsed = 0;
            if (t310Ticks == 0) {
                reset();
                return true;
            }
        }
        return false;
    }
}
