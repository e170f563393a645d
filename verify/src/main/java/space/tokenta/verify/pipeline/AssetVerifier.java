package space.tokenta.verify.pipeline;

import java.util.List;

import space.tokenta.verify.evidence.EvidenceStore;
import tools.jackson.databind.JsonNode;

/** The class-specific checks of one asset class: S1 spec schema, S2, S3, S4, and the attestors' re-runs. */
public interface AssetVerifier
{
    AssetClass assetClass();

    /** Problems with the class-specific listing spec (empty when well-formed). */
    List<String> checkSpec(JsonNode spec);

    StageResult authenticity(Delivery delivery, byte[] nonce);

    StageResult conformance(Delivery delivery, byte[] nonce);

    /** Metering evidence; bulky records (transcripts, heartbeats, receipts) go to the store by CID. */
    StageResult metering(Delivery delivery, EvidenceStore store);

    /** An attestor's re-run of a random subset of the S3 probes, driven by its own nonce. */
    StageResult reprobe(Delivery delivery, byte[] nonce);

    /** An attestor's re-check of S4 evidence against the records the store holds by CID. */
    boolean recheckMetering(Delivery delivery, JsonNode meteringEvidence, EvidenceStore store);
}
