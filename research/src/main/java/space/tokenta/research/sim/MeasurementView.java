package space.tokenta.research.sim;

/** What the UE knows at the current tick: its serving cell and L3-filtered measurements of candidates. */
public interface MeasurementView {
    int NO_CELL = -1;

    int tick();

    double tickS();

    ConnectionState state();

    int servingCell();

    int cellCount();

    /** Cells measured this tick, ascending by id (the serving cell is always among them while connected). */
    int candidateCount();

    int candidate(int index);

    boolean isCandidate(int cell);

    double filteredRsrpDbm(int cell);

    /** Slope of the filtered RSRP over the trend window, in dB per second. */
    double trendDbPerS(int cell);

    boolean isNtn(int cell);

    /** Predicted time until the UE leaves the cell: beam geometry from ephemeris for NTN, RSRP trend for TN. */
    double timeToExitS(int cell);

    double servingSinrDb();

    boolean t310Running();

    int ticksSinceHandover();

    /** Cumulative counters of the episode so far (for rewards). */
    EpisodeMetrics metrics();
}
