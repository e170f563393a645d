package space.tokenta.chain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import space.tokenta.chain.rpc.JsonRpcCodec;

/** The cache and the canonical chain against simple reference models, invariants checked after every step. */
class FinalityCacheProperties {

    record Op(int kind, long block, boolean finalized, long advanceMs, int hash) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs().between(0, 30),
                Arbitraries.of(true, false), Arbitraries.longs().between(0, 400), Arbitraries.integers().between(0, 2))
                .as(Op::new).list().ofMaxSize(200);
    }

    @Property(tries = 200)
    void cacheMatchesReferenceModel(@ForAll("ops") final List<Op> ops) {
        final long ttl = 500;
        final FinalityCache cache = new FinalityCache(1_000, ttl);
        // reference: key -> (maxBlock, finalized, expiresAt)
        final Map<String, long[]> model = new HashMap<>();
        long now = 0;
        for (final Op op : ops) {
            now += op.advanceMs();
            final String key = "k" + op.block();
            switch (op.kind()) {
                case 0, 1 -> {
                    cache.put(key, JsonRpcCodec.NODES.stringNode("v" + op.block()), op.block(), op.finalized(), now);
                    model.put(key, new long[] {op.block(), op.finalized() ? 1 : 0, op.finalized() ? Long.MAX_VALUE : now + ttl});
                }
                case 2 -> {
                    cache.evictFrom(op.block());
                    model.values().removeIf(v -> v[0] >= op.block());
                }
                default -> {
                    final var got = cache.get(key, now);
                    final long[] want = model.get(key);
                    if (want == null || (want[1] == 0 && now >= want[2])) {
                        assertNull(got, "absent or expired: " + key);
                        model.remove(key);
                    } else {
                        assertEquals("v" + op.block(), got.asString());
                    }
                }
            }
            assertTrue(cache.size() <= 1_000);
        }
    }

    @Property(tries = 200)
    void canonicalChainForgetsEverythingFromAReorg(@ForAll("ops") final List<Op> ops) {
        final CanonicalChain chain = new CanonicalChain(16);
        final TreeMap<Long, String> model = new TreeMap<>();
        for (final Op op : ops) {
            final String hash = "0x" + op.hash() + "h" + op.block();
            final String known = model.get(op.block());
            final long reorg = chain.record(op.block(), hash, null);
            if (known != null && !known.equals(hash)) {
                assertEquals(op.block(), reorg);
                model.tailMap(op.block(), true).clear();
            } else {
                assertEquals(-1, reorg);
            }
            model.put(op.block(), hash);
            while (model.size() > 16) {
                model.pollFirstEntry();
            }
            for (final Map.Entry<Long, String> e : model.entrySet()) {
                assertEquals(e.getValue(), chain.hashAt(e.getKey()));
            }
            assertEquals(model.size(), chain.size());
        }
    }
}
