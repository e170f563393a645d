package space.tokenta.verify.pipeline;

/** What is traded; each class has its own checks at S2-S4. */
public enum AssetClass
{
    COMPUTE_BLOCK,
    API_QUOTA,
    MODEL_ACCESS,
    DATASET
}
