package space.tokenta.verify.attest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import space.tokenta.verify.evidence.Cid;
import space.tokenta.verify.http.JsonHttpClient;
import space.tokenta.verify.pipeline.Delivery;
import space.tokenta.verify.verdict.DeliveryVerdict;

/**
 * An attestor in another process, reached over HTTP on 127.0.0.1 ({@link AttestorServer}). Requests
 * run on one thread of its own (the remote node answers one at a time anyway); any failure to reach
 * it is an abstention, never an exception. {@link #launch} starts the process itself (same Java, same
 * class path) and {@link #close()} stops exactly that process.
 */
public final class RemoteAttestor implements Attestor
{
    public static final long START_TIMEOUT_MS = 60_000;
    public static final long STOP_TIMEOUT_MS = 10_000;

    private final String name;
    private final String address;
    private final URI endpoint;
    private final Optional<Process> process;
    private final JsonHttpClient http = new JsonHttpClient();
    private final ExecutorService executor;

    public RemoteAttestor(final String name, final String address, final URI baseUri, final Optional<Process> process)
    {
        this.name = name;
        this.address = address.toLowerCase(java.util.Locale.ROOT);
        this.endpoint = baseUri.resolve(AttestorWire.PATH);
        this.process = process;
        this.executor = Executors.newSingleThreadExecutor(r ->
        {
            final Thread t = new Thread(r, "remote-attestor-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@link AttestorServer} as a child process with the key in its environment and waits for its address line. */
    public static RemoteAttestor launch(final String name, final String privateKeyHex, final Path evidenceDir,
        final long chainId, final String escrow)
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), AttestorServer.class.getName(), name, evidenceDir.toString(),
            Long.toString(chainId), escrow)).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(AttestorServer.KEY_ENV, privateKeyHex);
        final Process child;
        try
        {
            child = builder.start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        try
        {
            final BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final CompletableFuture<String> first = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return lines.readLine();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
            final String line = first.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            final String[] f = line == null ? new String[0] : line.split(" ");
            if (f.length != 4 || !f[0].equals("attestor") || !f[1].equals(name))
            {
                throw new IllegalStateException("attestor " + name + " did not start: " + line);
            }
            return new RemoteAttestor(name, f[2], URI.create(f[3]), Optional.of(child));
        }
        catch (final Exception ex)
        {
            child.destroyForcibly();
            if (ex instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("attestor " + name + " did not start", ex);
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String address()
    {
        return address;
    }

    /** The child's process id, when this attestor started it. */
    public Optional<Long> pid()
    {
        return process.map(Process::pid);
    }

    @Override
    public CompletableFuture<Attestation> submit(final Delivery delivery, final Cid evidenceCid, final DeliveryVerdict proposal)
    {
        try
        {
            return CompletableFuture.supplyAsync(() -> call(delivery, evidenceCid, proposal), executor);
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            return CompletableFuture.completedFuture(Attestation.abstain(address, "attestor " + name + " closed"));
        }
    }

    private Attestation call(final Delivery delivery, final Cid evidenceCid, final DeliveryVerdict proposal)
    {
        try
        {
            final JsonHttpClient.Response r = http.postJson(endpoint, null, AttestorWire.request(delivery, evidenceCid, proposal));
            if (r.status() != 200)
            {
                return Attestation.abstain(address, "attestor " + name + " answered HTTP " + r.status());
            }
            final Attestation a = AttestorWire.attestation(r.json());
            // a signature by any other key is not this attestor's answer
            if (a.verdict().isPresent() && !a.verdict().get().signer().equals(address))
            {
                return Attestation.abstain(address, "attestor " + name + " answered for " + a.verdict().get().signer());
            }
            return a;
        }
        catch (final RuntimeException ex)
        {
            return Attestation.abstain(address, "attestor " + name + " unreachable: " + ex.getMessage());
        }
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
        process.ifPresent(p ->
        {
            p.destroy();
            try
            {
                if (!p.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                {
                    p.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
    }
}
