package space.tokenta.research.sim;

/** RRC connection state of the UE as the simulator tracks it. */
public enum ConnectionState {
    CONNECTED,
    HANDOVER_EXECUTING,
    REESTABLISHING
}
