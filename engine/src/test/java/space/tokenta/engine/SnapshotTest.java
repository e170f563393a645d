package space.tokenta.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import space.tokenta.engine.order.Side;
import space.tokenta.engine.order.StpMode;
import space.tokenta.engine.order.TimeInForce;

class SnapshotTest {

    @Test
    void aRestoredEngineSnapshotsToTheSameBytesAndHash() {
        final Market a = new Market(500);
        a.buy(1, 10, 100, 5);
        a.buy(2, 11, 99, 5);
        a.sell(3, 12, 99, 2);
        final var gtd = Commands.limit(a.next(), 4, Market.INSTRUMENT, 13, Side.SELL, 105, 3, TimeInForce.GTD,
                StpMode.NONE);
        gtd.expireAtNs = a.ts + 100;
        a.apply(gtd);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = a.engine.snapshot(buffer, 0);
        final Engine restored = Engine.restore(EngineConfig.DEFAULT, buffer, 0, length);
        assertEquals(a.engine.stateHash(), restored.stateHash());
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer();
        assertEquals(length, restored.snapshot(again, 0));
        for (int i = 0; i < length; i++) {
            assertEquals(buffer.getByte(i), again.getByte(i), "byte " + i);
        }
    }

    @Test
    void restoreRejectsMalformedBytes() {
        final Market m = new Market();
        m.order(1, 10, Side.BUY, 100, 5, TimeInForce.GTC, StpMode.NONE);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = m.engine.snapshot(buffer, 0);
        assertThrows(IllegalArgumentException.class, () -> Engine.restore(EngineConfig.DEFAULT, buffer, 0, length - 1));
        assertThrows(IllegalArgumentException.class, () -> Engine.restore(EngineConfig.DEFAULT, buffer, 0, length + 8));
        buffer.putInt(0, 12345);
        assertThrows(IllegalArgumentException.class, () -> Engine.restore(EngineConfig.DEFAULT, buffer, 0, length));
    }
}
