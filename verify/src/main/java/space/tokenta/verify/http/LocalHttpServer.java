package space.tokenta.verify.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A JDK HTTP server bound to 127.0.0.1 on a free port, with bounded request bodies. */
public final class LocalHttpServer implements AutoCloseable
{
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;

    public LocalHttpServer()
    {
        try
        {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        executor = Executors.newFixedThreadPool(THREADS, r ->
        {
            final Thread thread = new Thread(r, "tokenta-http-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
    }

    public LocalHttpServer route(final String path, final HttpHandler handler)
    {
        server.createContext(path, exchange ->
        {
            try (exchange)
            {
                handler.handle(exchange);
            }
            catch (final RuntimeException ex)
            {
                respond(exchange, 400, "{\"error\":\"bad request\"}");
            }
        });
        return this;
    }

    public LocalHttpServer start()
    {
        server.start();
        return this;
    }

    public URI baseUri()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static byte[] readBody(final HttpExchange exchange) throws IOException
    {
        try (InputStream in = exchange.getRequestBody())
        {
            final byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES)
            {
                throw new IllegalArgumentException("request body over " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    public static void respond(final HttpExchange exchange, final int status, final String json)
    {
        respond(exchange, status, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public static void respond(final HttpExchange exchange, final int status, final byte[] body, final String contentType)
    {
        try
        {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0)
            {
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(body);
                }
            }
        }
        catch (final IOException ignored)
        {
            // the client went away; nothing to undo
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }
}
