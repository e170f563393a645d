package space.tokenta.verify.seller;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import space.tokenta.verify.api.ReferenceModel;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.http.LocalHttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reference OpenAI-compatible seller on 127.0.0.1 ({@code POST /v1/chat/completions}, bearer key).
 * It always claims {@code listedModel}; the answers come from {@code servingModel}: the same for an
 * honest seller, another model for a substituting one.
 */
public final class ChatModelSeller implements AutoCloseable
{
    private final LocalHttpServer server;
    private final AtomicLong ids = new AtomicLong();

    public ChatModelSeller(final String listedModel, final ReferenceModel servingModel, final String apiKey)
    {
        this.server = new LocalHttpServer().route("/v1/chat/completions", exchange ->
        {
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization")))
            {
                LocalHttpServer.respond(exchange, 401, "{\"error\":{\"message\":\"invalid api key\",\"type\":\"invalid_request_error\"}}");
                return;
            }
            final JsonNode request = CanonicalJson.parse(LocalHttpServer.readBody(exchange));
            final JsonNode messages = request.path("messages");
            final String prompt = messages.path(messages.size() - 1).path("content").asString("");
            final String answer = servingModel.answer(prompt);
            final ObjectNode response = CanonicalJson.object()
                .put("id", "chatcmpl-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", listedModel);
            final ObjectNode choice = response.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", answer);
            response.putObject("usage")
                .put("prompt_tokens", prompt.split("\\s+").length)
                .put("completion_tokens", 1)
                .put("total_tokens", prompt.split("\\s+").length + 1);
            LocalHttpServer.respond(exchange, 200, response.toString());
        }).start();
    }

    public URI baseUri()
    {
        return server.baseUri();
    }

    @Override
    public void close()
    {
        server.close();
    }
}
