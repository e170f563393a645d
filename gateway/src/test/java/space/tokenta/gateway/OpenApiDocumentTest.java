package space.tokenta.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import space.tokenta.gateway.api.Route;

class OpenApiDocumentTest {
    @Test
    void everyRegisteredRouteIsInTheServedDocumentAndNothingElse() throws Exception {
        try (TestExchange x = new TestExchange()) {
            final JsonObject doc = new JsonObject(x.get("/v1/openapi.json").body());
            assertEquals("3.1.0", doc.getString("openapi"));
            final TreeSet<String> documented = new TreeSet<>();
            final JsonObject paths = doc.getJsonObject("paths");
            for (final String path : paths.fieldNames()) {
                for (final String method : paths.getJsonObject(path).fieldNames()) {
                    documented.add(method.toUpperCase() + " " + path + " "
                            + paths.getJsonObject(path).getJsonObject(method).getString("x-scope"));
                }
            }
            final TreeSet<String> registered = new TreeSet<>();
            for (final Route r : x.server.routes()) {
                registered.add(r.method().name() + " " + r.pattern() + " " + r.scope().name().toLowerCase());
            }
            assertEquals(registered, documented);
            assertTrue(registered.size() > 30);
        }
    }
}
