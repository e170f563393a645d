package space.tokenta.chain.config;

/** How a chain decides that a block can no longer be reorganised. */
public record FinalityRule(Kind kind, long depthBlocks) {

    public enum Kind {
        /** Final once {@code depthBlocks} blocks are built on top (BSC, dev chains). */
        DEPTH,
        /** Final at or below the block the node reports for the {@code finalized} tag (PoS Ethereum, L2s). */
        FINALIZED_TAG,
        /** Tron: final at or below the latest solidified block (served as the {@code finalized} tag). */
        SOLIDIFIED
    }

    public FinalityRule {
        if (kind == null) {
            throw new IllegalArgumentException("finality kind is required");
        }
        if (depthBlocks < 0 || depthBlocks > 100_000) {
            throw new IllegalArgumentException("depthBlocks in [0, 100000]: " + depthBlocks);
        }
    }

    public static FinalityRule depth(final long blocks) {
        return new FinalityRule(Kind.DEPTH, blocks);
    }

    public static FinalityRule finalizedTag() {
        return new FinalityRule(Kind.FINALIZED_TAG, 0);
    }

    public static FinalityRule solidified() {
        return new FinalityRule(Kind.SOLIDIFIED, 0);
    }

    /** True when finality comes from the node's {@code finalized} block rather than a depth. */
    public boolean usesFinalizedTag() {
        return kind != Kind.DEPTH;
    }

    /** Finalized height implied by a depth rule for the given head. */
    public long finalizedForHead(final long headBlock) {
        return Math.max(-1, headBlock - depthBlocks);
    }

    @Override
    public String toString() {
        return kind == Kind.DEPTH ? "depth:" + depthBlocks : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code depth:N}, {@code finalized} or {@code solidified}. */
    public static FinalityRule parse(final String text) {
        if (text == null) {
            throw new IllegalArgumentException("finality is required");
        }
        final String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("finalized")) {
            return finalizedTag();
        }
        if (t.equals("solidified")) {
            return solidified();
        }
        if (t.startsWith("depth:")) {
            try {
                return depth(Long.parseLong(t.substring(6)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad finality depth: " + text, e);
            }
        }
        throw new IllegalArgumentException("finality must be depth:N, finalized or solidified: " + text);
    }
}
