package space.tokenta.verify.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import space.tokenta.verify.evidence.Hex;

/**
 * Collects signed verdicts for one deal from the selected attestors and reports the first exact
 * verdict (same EIP-712 digest) reaching the quorum. Signatures come out sorted by signer address,
 * as the escrow's release/refund expects. Conflicting signatures by one attestor become proofs.
 */
public final class QuorumCollector
{
    /** A verdict signed by at least a quorum of distinct eligible attestors. */
    public record Quorum(DeliveryVerdict verdict, List<SignedVerdict> signatures)
    {
    }

    private final VerdictHasher hasher;
    private final byte[] dealId;
    private final int quorum;
    private final Set<String> eligible;
    private final Map<String, Map<String, SignedVerdict>> byDigest = new HashMap<>();
    private final EquivocationDetector equivocation;
    private final List<EquivocationProof> proofs = new ArrayList<>();

    public QuorumCollector(final VerdictHasher hasher, final byte[] dealId, final int quorum, final Set<String> eligible)
    {
        if (quorum < 1 || quorum > eligible.size())
        {
            throw new IllegalArgumentException("quorum " + quorum + " of " + eligible.size() + " attestors");
        }
        this.hasher = hasher;
        this.dealId = dealId.clone();
        this.quorum = quorum;
        this.eligible = new LinkedHashSet<>();
        eligible.forEach(a -> this.eligible.add(a.toLowerCase(java.util.Locale.ROOT)));
        this.equivocation = new EquivocationDetector(hasher, Math.max(1, eligible.size()));
    }

    public enum Outcome
    {
        ACCEPTED, REJECTED_SIGNATURE, REJECTED_NOT_SELECTED, REJECTED_OTHER_DEAL, EQUIVOCATION
    }

    public Outcome add(final SignedVerdict signed)
    {
        if (!Arrays.equals(signed.verdict().dealId(), dealId))
        {
            return Outcome.REJECTED_OTHER_DEAL;
        }
        if (!signed.verifies(hasher))
        {
            return Outcome.REJECTED_SIGNATURE;
        }
        if (!eligible.contains(signed.signer()))
        {
            return Outcome.REJECTED_NOT_SELECTED;
        }
        final Optional<EquivocationProof> proof = equivocation.observe(signed);
        if (proof.isPresent())
        {
            proofs.add(proof.get());
            // An equivocator's signatures count for nothing on this deal.
            byDigest.values().forEach(group -> group.remove(signed.signer()));
            eligible.remove(signed.signer());
            return Outcome.EQUIVOCATION;
        }
        byDigest.computeIfAbsent(Hex.encode(hasher.digest(signed.verdict())), d -> new HashMap<>())
            .putIfAbsent(signed.signer(), signed);
        return Outcome.ACCEPTED;
    }

    public Optional<Quorum> quorum()
    {
        for (final Map<String, SignedVerdict> group : byDigest.values())
        {
            if (group.size() >= quorum)
            {
                final List<SignedVerdict> sorted = new ArrayList<>(group.values());
                sorted.sort(Comparator.comparing(SignedVerdict::signer));
                return Optional.of(new Quorum(sorted.get(0).verdict(), List.copyOf(sorted)));
            }
        }
        return Optional.empty();
    }

    public List<EquivocationProof> equivocations()
    {
        return List.copyOf(proofs);
    }
}
