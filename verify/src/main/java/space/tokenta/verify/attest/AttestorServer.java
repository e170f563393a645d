package space.tokenta.verify.attest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import space.tokenta.verify.demo.ReferenceMarket;
import space.tokenta.verify.evidence.CanonicalJson;
import space.tokenta.verify.evidence.DirectoryEvidenceStore;
import space.tokenta.verify.evidence.Hex;
import space.tokenta.verify.evidence.Secp256k1Key;
import space.tokenta.verify.http.LocalHttpServer;
import space.tokenta.verify.verdict.Eip712Domain;
import space.tokenta.verify.verdict.VerdictHasher;

/**
 * One attestor in a process of its own: an {@link AttestorNode} (own key, own verifiers, own nonces)
 * behind {@code POST /attest} on 127.0.0.1. {@link #main} reads the private key from the environment
 * variable {@value #KEY_ENV} (never from the command line, which other users can read), prints one
 * line {@code attestor <name> <address> <uri>} and serves until its standard input closes (so it never
 * outlives the process that started it) or it is terminated.
 */
public final class AttestorServer implements AutoCloseable
{
    public static final String KEY_ENV = "TOKENTA_ATTESTOR_KEY";
    public static final long ANSWER_TIMEOUT_MS = 55_000;

    private final AttestorNode node;
    private final LocalHttpServer http;

    public AttestorServer(final AttestorNode node)
    {
        this.node = node.state() == AttestorNode.State.CREATED ? node.start() : node;
        this.http = new LocalHttpServer().route(AttestorWire.PATH, exchange ->
        {
            if (!exchange.getRequestMethod().equals("POST"))
            {
                LocalHttpServer.respond(exchange, 405, "{\"error\":\"POST only\"}");
                return;
            }
            final AttestorWire.Request request = AttestorWire.request(CanonicalJson.parse(LocalHttpServer.readBody(exchange)));
            Attestation answer;
            try
            {
                answer = this.node.submit(request.delivery(), request.evidenceCid(), request.proposal())
                    .get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException | ExecutionException ex)
            {
                answer = Attestation.abstain(this.node.address(), "no answer: " + ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                answer = Attestation.abstain(this.node.address(), "interrupted");
            }
            LocalHttpServer.respond(exchange, 200, AttestorWire.attestation(answer).toString());
        }).start();
    }

    public java.net.URI baseUri()
    {
        return http.baseUri();
    }

    public AttestorNode node()
    {
        return node;
    }

    @Override
    public void close()
    {
        http.close();
        node.close();
    }

    /**
     * {@code AttestorServer <name> <evidenceDir> <chainId> <escrowAddress>}: one reference attestor for
     * that chain's escrow domain, reading evidence from the shared evidence directory.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 4)
        {
            System.err.println("usage: AttestorServer <name> <evidenceDir> <chainId> <escrowAddress>; key in $" + KEY_ENV);
            System.exit(2);
        }
        final String keyHex = System.getenv(KEY_ENV);
        if (keyHex == null)
        {
            System.err.println("set " + KEY_ENV + " to the attestor's 32-byte private key (hex)");
            System.exit(2);
        }
        final Secp256k1Key key = Secp256k1Key.fromPrivateKey(Hex.decode(keyHex, 32));
        final Eip712Domain domain = Eip712Domain.escrow(Long.parseLong(args[2]), args[3].toLowerCase(Locale.ROOT));
        final AttestorServer server = new AttestorServer(new AttestorNode(args[0], key,
            new DirectoryEvidenceStore(Path.of(args[1])), new VerdictHasher(domain), ReferenceMarket.attestorVerifiers()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "attestor-stop"));
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("attestor " + args[0] + " " + key.address() + " " + server.baseUri());
        final InputStream in = System.in;
        final byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0)
        {
            // input carries nothing; its end is the parent's end
        }
        server.close();
        System.exit(0);
    }
}
