package space.tokenta.research.baseline;

import space.tokenta.research.sim.MeasurementView;

/**
 * A handover decision rule. Called once per tick with the UE's measurements; returns a target cell
 * id or {@link space.tokenta.research.sim.Simulator#STAY}. The simulator executes a handover only
 * while the UE is connected.
 */
public interface HandoverPolicy {
    String name();

    int onTick(MeasurementView view);
}
