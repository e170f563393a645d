package space.tokenta.research.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import space.tokenta.research.TestConfigs;
import space.tokenta.research.config.ResearchConfig;

class TrainingDeterminismTest {
    @Test
    void sameSeedGivesBitIdenticalWeightsAndOtherSeedsDiffer() {
        final ResearchConfig cfg = TestConfigs.smoke(root -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("run")).put("trainEpisodes", 2);
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("episode")).put("durationS", 6);
        }).config();
        final Trainer.Result a = Trainer.train(cfg, 3);
        final Trainer.Result b = Trainer.train(cfg, 3);
        final Trainer.Result c = Trainer.train(cfg, 4);
        assertTrue(a.updates() > 0, "training took gradient steps");
        assertEquals(a.network().weightsSha256(), b.network().weightsSha256());
        assertEquals(a.decisions(), b.decisions());
        assertNotEquals(a.network().weightsSha256(), c.network().weightsSha256());
    }

    @Test
    void modelRoundTripsThroughItsJsonAndRejectsChangedWeights() {
        final Mlp net = new Mlp(new int[] {4, 3, 2}, 9);
        final var json = ModelCodec.encode(net, 9, "c0ffee");
        assertEquals(net.weightsSha256(), ModelCodec.decode(json).weightsSha256());
        json.put("weightsSha256", "0".repeat(64));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ModelCodec.decode(json));
    }
}
