package space.tokenta.verify.evidence;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * in-toto Statement v1 carrying Tokenta delivery evidence. The subject names the deal and the
 * listing it delivers; the predicate holds the stage results.
 */
public record InTotoStatement(String subjectName, byte[] subjectSha256, String predicateType, ObjectNode predicate)
{
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    public static final String DELIVERY_EVIDENCE = "https://tokenta.space/delivery-evidence/v1";
    public static final String LISTING = "https://tokenta.space/listing/v1";

    public InTotoStatement
    {
        if (subjectSha256.length != Sha256.LENGTH)
        {
            throw new EvidenceException("subject digest must be sha256");
        }
        subjectSha256 = subjectSha256.clone();
    }

    public ObjectNode toJson()
    {
        final ObjectNode node = CanonicalJson.object();
        node.put("_type", TYPE);
        final ObjectNode subject = node.putArray("subject").addObject();
        subject.put("name", subjectName);
        subject.putObject("digest").put("sha256", Hex.encode(subjectSha256));
        node.put("predicateType", predicateType);
        node.set("predicate", predicate);
        return node;
    }

    /** The RFC 8785 bytes: what the CID addresses and the escrow's evidenceDigest hashes. */
    public byte[] toCanonicalBytes()
    {
        return CanonicalJson.canonicalize(toJson());
    }

    public static InTotoStatement parse(final byte[] canonicalBytes)
    {
        if (!CanonicalJson.isCanonical(canonicalBytes))
        {
            throw new EvidenceException("statement bytes are not RFC 8785 canonical JSON");
        }
        final JsonNode node = CanonicalJson.parse(canonicalBytes);
        if (!TYPE.equals(node.path("_type").asString("")))
        {
            throw new EvidenceException("not an in-toto Statement v1");
        }
        final JsonNode subjects = node.path("subject");
        if (!subjects.isArray() || subjects.size() != 1)
        {
            throw new EvidenceException("expected exactly one subject");
        }
        final JsonNode subject = subjects.get(0);
        final JsonNode predicate = node.path("predicate");
        if (!predicate.isObject())
        {
            throw new EvidenceException("predicate must be an object");
        }
        for (final Map.Entry<String, JsonNode> entry : subject.path("digest").properties())
        {
            if (!"sha256".equals(entry.getKey()))
            {
                throw new EvidenceException("unsupported subject digest: " + entry.getKey());
            }
        }
        return new InTotoStatement(
            subject.path("name").asString(""),
            Hex.decode(subject.path("digest").path("sha256").asString(""), Sha256.LENGTH),
            node.path("predicateType").asString(""),
            (ObjectNode)predicate);
    }
}
