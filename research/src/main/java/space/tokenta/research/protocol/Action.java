package space.tokenta.research.protocol;

/** The agent's answer, tagged with the sequence number of the observation it answers. */
public record Action(long seq, int index, double value) {}
