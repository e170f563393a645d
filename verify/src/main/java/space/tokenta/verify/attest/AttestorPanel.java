package space.tokenta.verify.attest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import space.tokenta.reputation.AttestorSelection;
import space.tokenta.verify.evidence.Sha256;

/**
 * Chooses the attestors for a deal: never one tied to the buyer or the seller (same operator or a
 * declared affiliation), then stake × trust weighted, seeded by the deal id so every party computes
 * the same panel.
 */
public final class AttestorPanel
{
    /** A registered attestor: its address, stake, trust in [0, 1], and the accounts it is tied to. */
    public record Member(String address, double stake, double trust, Set<String> ties)
    {
        public Member
        {
            address = address.toLowerCase(Locale.ROOT);
            ties = ties.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        boolean tiedTo(final String party)
        {
            final String p = party.toLowerCase(Locale.ROOT);
            return address.equals(p) || ties.contains(p);
        }
    }

    private AttestorPanel()
    {
    }

    public static List<String> select(
        final List<Member> members, final byte[] dealId, final String buyer, final String seller, final int size, final int quorum)
    {
        final List<AttestorSelection.Candidate> eligible = new ArrayList<>();
        for (final Member member : members)
        {
            if (!member.tiedTo(buyer) && !member.tiedTo(seller))
            {
                eligible.add(new AttestorSelection.Candidate(member.address(), member.stake(), member.trust()));
            }
        }
        final long seed = ByteBuffer.wrap(Sha256.hash(dealId)).getLong();
        final List<String> panel = AttestorSelection.select(eligible, size, seed);
        if (panel.size() < quorum)
        {
            throw new IllegalStateException("only " + panel.size() + " independent attestors for a quorum of " + quorum);
        }
        return panel;
    }
}
