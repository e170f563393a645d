package space.tokenta.research.baseline;

/**
 * Event A5 of TS 38.331 section 5.5.4.6: the serving cell becomes worse than threshold1 and a
 * neighbour becomes better than threshold2 (entering conditions Mp + Hys < Thresh1 and
 * Mn - Hys > Thresh2).
 */
public final class A5Event {
    private A5Event() {}

    public static boolean servingCondition(final double mpDbm, final double hysteresisDb, final double threshold1Dbm) {
        return mpDbm + hysteresisDb < threshold1Dbm;
    }

    public static boolean neighbourCondition(final double mnDbm, final double hysteresisDb, final double threshold2Dbm) {
        return mnDbm - hysteresisDb > threshold2Dbm;
    }

    public static boolean entering(final double mpDbm, final double mnDbm, final double hysteresisDb,
                                   final double threshold1Dbm, final double threshold2Dbm) {
        return servingCondition(mpDbm, hysteresisDb, threshold1Dbm) && neighbourCondition(mnDbm, hysteresisDb, threshold2Dbm);
    }
}
