package space.tokenta.verify.evidence;

/**
 * Content-addressed evidence storage. Every read re-hashes the bytes against the CID, so a store
 * can never serve tampered content: it refuses it with an {@link EvidenceException}.
 */
public interface EvidenceStore
{
    int MAX_OBJECT_BYTES = CanonicalJson.MAX_DOCUMENT_BYTES;

    /** Stores the content (idempotent) and returns its CID. */
    Cid put(byte[] content);

    /** The content of a CID, re-hashed; throws when absent or when the stored bytes do not match. */
    byte[] get(Cid cid);

    boolean contains(Cid cid);
}
