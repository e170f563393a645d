package space.tokenta.settlement.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import space.tokenta.engine.Limits;
import space.tokenta.engine.ledger.AccountPurpose;
import space.tokenta.engine.ledger.TransferFlags;
import space.tokenta.engine.ledger.TransferKind;

/** The journal ledger fold against a naive model; transfer ids derived from settlement keys. */
class LedgerProperties {

    /** Random reservations, posts, voids and immediate transfers: posted balances match the model and sum to zero. */
    @Property
    void foldMatchesTheModelAndSumsToZero(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 999) Integer> ops) {
        final LedgerFold fold = new LedgerFold();
        final Map<Long, Long> model = new HashMap<>();
        final Map<Integer, long[]> pending = new HashMap<>();
        int nextId = 1;
        for (final int op : ops) {
            final long debit = op % 5;
            final long credit = (op / 5) % 5;
            final long amount = 1 + op;
            switch (op % 4) {
                case 0 -> {
                    fold.onTransfer(0, 1, nextId, debit, AccountPurpose.AVAILABLE, credit, AccountPurpose.AVAILABLE, 1,
                            amount, TransferKind.DEPOSIT, TransferFlags.POSTED);
                    model.merge(debit, -amount, Long::sum);
                    model.merge(credit, amount, Long::sum);
                }
                case 1 -> {
                    fold.onTransfer(0, 1, nextId, debit, AccountPurpose.AVAILABLE, credit, AccountPurpose.AVAILABLE, 1,
                            amount, TransferKind.SETTLEMENT, TransferFlags.PENDING);
                    pending.put(nextId, new long[] {debit, credit, amount});
                }
                default -> {
                    if (!pending.isEmpty()) {
                        final int id = pending.keySet().iterator().next();
                        final long[] p = pending.remove(id);
                        final boolean post = op % 4 == 2;
                        fold.onTransfer(0, 1, id, p[0], AccountPurpose.AVAILABLE, p[1], AccountPurpose.AVAILABLE, 1, p[2],
                                TransferKind.SETTLEMENT, post ? TransferFlags.POST_PENDING : TransferFlags.VOID_PENDING);
                        if (post) {
                            model.merge(p[0], -p[2], Long::sum);
                            model.merge(p[1], p[2], Long::sum);
                        }
                    }
                }
            }
            nextId++;
            for (long owner = 0; owner < 5; owner++) {
                assertEquals(model.getOrDefault(owner, 0L).longValue(), fold.posted(owner, AccountPurpose.AVAILABLE, 1));
            }
            fold.assetSums().forEach((asset, sum) -> assertEquals(0L, sum));
        }
        long pendingSum = 0;
        for (final long[] p : pending.values()) {
            pendingSum += p[2];
        }
        long foldPending = 0;
        for (long owner = 0; owner < 5; owner++) {
            foldPending += fold.pendingDebits(owner, AccountPurpose.AVAILABLE, 1);
        }
        assertEquals(pendingSum, foldPending);
    }

    @Property
    void transferIdsAreStableAndNeverTheEnginesOwn(@ForAll @Size(min = 1, max = 50) Set<@StringLength(min = 1, max = 80) String> keys) {
        final Set<String> seen = new HashSet<>();
        for (final String key : keys) {
            final long[] id = TransferIds.of(TransferIds.DEPOSIT_DOMAIN, key);
            assertEquals(id[0], TransferIds.of(TransferIds.DEPOSIT_DOMAIN, key)[0]);
            assertEquals(id[1], TransferIds.of(TransferIds.DEPOSIT_DOMAIN, key)[1]);
            assertNotEquals(Limits.ENGINE_TRANSFER_ID_HI, id[0]);
            assertNotEquals(0L, id[0]);
            assertEquals(true, seen.add(id[0] + ":" + id[1]), "distinct keys, distinct ids");
            final long[] other = TransferIds.of(TransferIds.WITHDRAWAL_DOMAIN, key);
            assertNotEquals(id[0] + ":" + id[1], other[0] + ":" + other[1], "domains separate deposits from withdrawals");
        }
    }
}
