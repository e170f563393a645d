package space.tokenta.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import space.tokenta.research.config.ResearchConfig;

/** The bundled smoke config, optionally edited, for small and fast tests. */
public final class TestConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestConfigs() {}

    public static ResearchConfig.Loaded smoke(final Consumer<ObjectNode> edit) {
        try (InputStream in = ResearchConfig.class.getResourceAsStream(ResearchConfig.SMOKE_RESOURCE)) {
            final ObjectNode root = (ObjectNode) JSON.readTree(in);
            edit.accept(root);
            return ResearchConfig.parse(JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResearchConfig smoke() {
        return smoke(root -> { }).config();
    }
}
