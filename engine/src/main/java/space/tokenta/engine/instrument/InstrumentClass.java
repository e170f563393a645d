package space.tokenta.engine.instrument;

/** The four classes of AI capacity Tokenta lists (design section 2). Codes are stable. */
public enum InstrumentClass {
    /** N GPU-hours of one SKU in a delivery window, e.g. {@code H100-80G.1H.2026-12-01T00Z}. */
    COMPUTE_BLOCK(0),
    /** 1M tokens of a spec-graded model API, e.g. {@code GPT-FT-04}. */
    API_QUOTA(1),
    /** Access right to model weights or an endpoint, e.g. {@code VISION-V2}. */
    MODEL_ACCESS(2),
    /** Licence to a dataset, e.g. {@code LLM-DATA-X}. */
    DATASET(3);

    private static final InstrumentClass[] BY_CODE = {COMPUTE_BLOCK, API_QUOTA, MODEL_ACCESS, DATASET};
    private final int code;

    InstrumentClass(final int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the class for {@code code}, or {@code null} when the code is unknown. */
    public static InstrumentClass fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
