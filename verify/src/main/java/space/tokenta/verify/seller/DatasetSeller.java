package space.tokenta.verify.seller;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import space.tokenta.verify.http.LocalHttpServer;

/** A reference dataset seller on 127.0.0.1 serving {@code /v1/shards} and {@code /v1/shards/{i}}; optionally one shard corrupted. */
public final class DatasetSeller implements AutoCloseable
{
    public static final int NONE = -1;

    private final LocalHttpServer server;
    private final List<byte[]> genuine;

    public DatasetSeller(final long seed, final int shardCount, final int shardBytes, final int corruptShard)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        genuine = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++)
        {
            final byte[] shard = new byte[shardBytes];
            random.nextBytes(shard);
            genuine.add(shard);
        }
        final List<byte[]> served = new ArrayList<>(genuine);
        if (corruptShard != NONE)
        {
            final byte[] bad = genuine.get(corruptShard).clone();
            bad[bad.length / 2] ^= 0x01;
            served.set(corruptShard, bad);
        }
        server = new LocalHttpServer().route("/v1/shards", exchange ->
        {
            final String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/shards"))
            {
                LocalHttpServer.respond(exchange, 200, "{\"count\":" + served.size() + "}");
                return;
            }
            final int index = Integer.parseInt(path.substring("/v1/shards/".length()));
            if (index < 0 || index >= served.size())
            {
                LocalHttpServer.respond(exchange, 404, "{\"error\":\"no such shard\"}");
                return;
            }
            LocalHttpServer.respond(exchange, 200, served.get(index), "application/octet-stream");
        }).start();
    }

    /** The genuine shards: what the listing's digests describe. */
    public List<byte[]> genuineShards()
    {
        return List.copyOf(genuine);
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
