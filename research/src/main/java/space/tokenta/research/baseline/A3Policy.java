package space.tokenta.research.baseline;

import space.tokenta.research.sim.MeasurementView;

/** Hands over to the best neighbour whose A3 condition held for time-to-trigger. */
public final class A3Policy implements HandoverPolicy {
    private final String name;
    private final A3Event event;

    public A3Policy(final String name, final double hysteresisDb, final int tttTicks) {
        this.name = name;
        this.event = new A3Event(hysteresisDb, 0.0, tttTicks);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int onTick(final MeasurementView view) {
        return event.update(view);
    }
}
