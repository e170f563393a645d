package space.tokenta.cluster.client;

import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import space.tokenta.cluster.codec.EventDecoder;
import space.tokenta.cluster.codec.MessageHeader;
import space.tokenta.cluster.codec.Messages;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.RecordingEventSink;

/**
 * Sends commands to the cluster and correlates the responses by request id. Leader changes are
 * followed by {@link AeronCluster} (new-leader events on egress); when the session is lost the client
 * reconnects to whichever member leads. Offers retry a bounded number of times; at most
 * {@code maxInFlight} requests are outstanding; a request with no answer within
 * {@code requestTimeoutMs} is reported as unknown. Single-threaded: call from one thread.
 */
public final class TokentaClusterClient implements AutoCloseable {
    /** Receives answers from {@link #poll}. */
    public interface ResponseHandler {
        void onResponse(long requestId, long logPosition, long timestampNs, long orderId, DirectBuffer events,
                int eventsOffset, int eventsLength, int eventCount);

        /** The request was not answered in time: its outcome is unknown. */
        default void onTimeout(final long requestId) {
        }
    }

    /**
     * @param ingressEndpoints  {@code "0=host:port,1=host:port"}
     * @param aeronDirectory    an existing media driver to use, or null to run one inside this client
     * @param maxInFlight       bound on outstanding requests
     * @param requestTimeoutMs  how long a request may stay unanswered
     * @param connectTimeoutMs  how long connecting (and reconnecting) may take
     */
    public record Config(String ingressEndpoints, String aeronDirectory, int maxInFlight, long requestTimeoutMs,
            long connectTimeoutMs) {
        public Config {
            if (maxInFlight < 1 || maxInFlight > 1 << 20 || requestTimeoutMs < 1 || connectTimeoutMs < 100) {
                throw new IllegalArgumentException("bad client limits");
            }
            if (IPC_INGRESS.equals(ingressEndpoints) && aeronDirectory == null) {
                throw new IllegalArgumentException("ipc ingress needs the member's aeron directory");
            }
        }

        public static Config of(final String ingressEndpoints, final String aeronDirectory) {
            return new Config(ingressEndpoints, aeronDirectory, 4096, 5_000, 10_000);
        }
    }

    /**
     * Ingress "endpoints" meaning the member whose media driver this client shares ({@code aeronDirectory}):
     * ingress and egress over shared memory instead of loopback UDP. Single-node clusters only (no redirect).
     */
    public static final String IPC_INGRESS = "ipc";

    private static final int OFFER_ATTEMPTS = 10_000;
    /**
     * The cluster closes a session it has not heard from for its session timeout (10 s on our nodes):
     * a polling client sends a keep-alive after this much silence ...
     */
    private static final long KEEP_ALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(2);
    /** ... and a client silent for longer than this opens a new session before sending, not into a closed one. */
    private static final long IDLE_RECONNECT_NS = TimeUnit.SECONDS.toNanos(8);

    /**
     * IPC egress stream ids are drawn from this range, one per client. Every subscriber of an IPC stream
     * receives everything published on it, and a subscriber that does not poll holds the publication back
     * (IPC subscriptions are tethered): on one shared egress stream, a client sitting idle (e.g. the one
     * that bootstrapped the node) stopped the answers to every other client once a window of the term had
     * been written. A stream of its own per client keeps that back-pressure to the client that causes it.
     */
    static final int IPC_EGRESS_STREAM_BASE = 0x4000_0000;
    static final int IPC_EGRESS_STREAM_RANGE = 0x3FFF_FFFF;

    private final Config config;
    private final int egressStreamId = IPC_EGRESS_STREAM_BASE
            + java.util.concurrent.ThreadLocalRandom.current().nextInt(IPC_EGRESS_STREAM_RANGE);
    private final MediaDriver ownDriver;
    private final Path ownDriverDirectory;
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(1024);
    private final Long2LongHashMap inFlightSentNs = new Long2LongHashMap(-1);
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private final EventDecoder decoder = new EventDecoder();
    private final Listener listener = new Listener();
    private AeronCluster cluster;
    private long nextRequestId = 1;
    private ResponseHandler handler;
    private int leaderMemberId = -1;
    /** Overdue requests are found within a tenth of the timeout (at most 10 ms) after it passes. */
    private final long timeoutCheckIntervalNs;
    private long lastTimeoutCheckNs;
    /** When the cluster last heard from this client (a request or a keep-alive). */
    private long lastSentNs;

    private TokentaClusterClient(final Config config) {
        this.config = config;
        this.timeoutCheckIntervalNs = Math.min(TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs()) / 10,
                TimeUnit.MILLISECONDS.toNanos(10));
        this.lastTimeoutCheckNs = System.nanoTime();
        if (config.aeronDirectory() == null) {
            try {
                ownDriverDirectory = Files.createTempDirectory("tokenta-client-");
            } catch (final java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ownDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                    .aeronDirectoryName(ownDriverDirectory.resolve("aeron").toString())
                    .threadingMode(ThreadingMode.SHARED)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
        } else {
            ownDriver = null;
            ownDriverDirectory = null;
        }
        connect();
    }

    public static TokentaClusterClient connect(final Config config) {
        return new TokentaClusterClient(config);
    }

    private String aeronDirectoryName() {
        return ownDriver != null ? ownDriver.aeronDirectoryName() : config.aeronDirectory();
    }

    private void connect() {
        final boolean ipc = IPC_INGRESS.equals(config.ingressEndpoints());
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.connectTimeoutMs());
        RuntimeException last = null;
        while (System.nanoTime() < deadlineNs) {
            try {
                cluster = AeronCluster.connect(new AeronCluster.Context()
                        .aeronDirectoryName(aeronDirectoryName())
                        .ingressChannel(ipc ? "aeron:ipc?term-length=4m" : "aeron:udp?term-length=4m")
                        .ingressEndpoints(ipc ? null : config.ingressEndpoints())
                        .egressChannel(ipc ? "aeron:ipc?term-length=4m" : "aeron:udp?endpoint=127.0.0.1:0|term-length=4m")
                        .egressStreamId(ipc ? egressStreamId : AeronCluster.Configuration.egressStreamId())
                        .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(Math.min(config.connectTimeoutMs(), 3_000)))
                        .egressListener(listener));
                leaderMemberId = cluster.leaderMemberId();
                lastSentNs = System.nanoTime();
                return;
            } catch (final AeronException | IllegalStateException e) {
                last = e;
                idle.idle();
            }
        }
        throw new ClusterUnavailableException("cluster at " + config.ingressEndpoints() + " unavailable within "
                + config.connectTimeoutMs() + " ms", last);
    }

    /** The member currently leading, as last told by the cluster. */
    public int leaderMemberId() {
        return leaderMemberId;
    }

    public int inFlight() {
        return inFlightSentNs.size();
    }

    /**
     * The id of the current cluster session (the event journal records it with each command), or -1 when
     * not connected. Changes when the client reconnects.
     */
    public long clusterSessionId() {
        return cluster == null || cluster.isClosed() ? -1 : cluster.clusterSessionId();
    }

    /**
     * Stops waiting for a request whose outcome the caller learned elsewhere (e.g. from the event journal):
     * its in-flight slot is freed, and an answer arriving for it later is ignored.
     *
     * @return true if the request was in flight
     */
    public boolean forget(final long requestId) {
        return inFlightSentNs.remove(requestId) != -1;
    }

    /**
     * Sends a command without waiting for its answer (see {@link #poll}).
     *
     * @return the request id, or -1 when {@code maxInFlight} requests are outstanding (poll, then retry)
     * @throws ClusterUnavailableException when the cluster does not take it within the bounded retries
     */
    public long send(final Command command) {
        if (inFlightSentNs.size() >= config.maxInFlight()) {
            return -1;
        }
        final long requestId = nextRequestId++;
        final int length = Messages.encodeCommandRequest(sendBuffer, 0, requestId, command);
        offer(length);
        inFlightSentNs.put(requestId, System.nanoTime());
        return requestId;
    }

    private void offer(final int length) {
        idle.reset();
        if (System.nanoTime() - lastSentNs > IDLE_RECONNECT_NS && inFlightSentNs.isEmpty()) {
            // the cluster may have closed this silent session without our having polled its notice
            reconnect();
        }
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++) {
            ensureConnected();
            final long result = cluster.offer(sendBuffer, 0, length);
            if (result > 0) {
                lastSentNs = System.nanoTime();
                return;
            }
            if (result == Publication.MAX_POSITION_EXCEEDED || result == Publication.CLOSED) {
                reconnect();
            }
            pollEgressOnce();
            idle.idle();
        }
        throw new ClusterUnavailableException("cluster did not take the request after " + OFFER_ATTEMPTS
                + " attempts (back-pressure or no leader)");
    }

    private void ensureConnected() {
        if (cluster == null || cluster.isClosed()) {
            reconnect();
        }
    }

    private void reconnect() {
        CloseHelper.quietClose(cluster);
        cluster = null;
        connect();
    }

    private int pollEgressOnce() {
        ensureConnected();
        return cluster.pollEgress();
    }

    /**
     * Delivers answers that arrived, and times out overdue requests.
     *
     * @return answers and timeouts delivered
     */
    public int poll(final ResponseHandler responseHandler) {
        this.handler = responseHandler;
        listener.delivered = 0;
        pollEgressOnce();
        final long nowNs = System.nanoTime();
        if (nowNs - lastSentNs > KEEP_ALIVE_INTERVAL_NS && cluster.sendKeepAlive()) {
            lastSentNs = nowNs;
        }
        if (listener.leaderChanged) {
            listener.leaderChanged = false;
            expireAll(responseHandler);
        }
        if (!inFlightSentNs.isEmpty()) {
            // a scan walks the whole in-flight map: at most once per check interval, not on every poll
            if (nowNs - lastTimeoutCheckNs >= timeoutCheckIntervalNs) {
                lastTimeoutCheckNs = nowNs;
                expireOverdue(responseHandler, nowNs);
            }
        }
        return listener.delivered;
    }

    /**
     * A new leader never answers requests sent before it took over (if they were committed, it applied
     * them as a follower): report them as unknown at once rather than after the timeout.
     */
    private void expireAll(final ResponseHandler responseHandler) {
        final Long2LongHashMap.KeyIterator it = inFlightSentNs.keySet().iterator();
        while (it.hasNext()) {
            final long requestId = it.nextValue();
            it.remove();
            listener.delivered++;
            responseHandler.onTimeout(requestId);
        }
    }

    private void expireOverdue(final ResponseHandler responseHandler, final long nowNs) {
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        final Long2LongHashMap.EntryIterator it = inFlightSentNs.entrySet().iterator();
        while (it.hasNext()) {
            it.next();
            if (nowNs - it.getLongValue() > timeoutNs) {
                final long requestId = it.getLongKey();
                it.remove();
                listener.delivered++;
                responseHandler.onTimeout(requestId);
            }
        }
    }

    /** Sends one command and waits for its answer. @throws ClusterUnavailableException when none comes in time */
    public CommandResponse submit(final Command command) {
        final long requestId;
        while (true) {
            final long id = send(command);
            if (id > 0) {
                requestId = id;
                break;
            }
            poll((r, p, t, o, b, off, len, n) -> { });
        }
        final CommandResponse[] answer = new CommandResponse[1];
        final boolean[] timedOut = new boolean[1];
        final ResponseHandler collect = new ResponseHandler() {
            @Override
            public void onResponse(final long id, final long logPosition, final long timestampNs, final long orderId,
                    final DirectBuffer events, final int offset, final int length, final int eventCount) {
                if (id == requestId) {
                    final RecordingEventSink sink = new RecordingEventSink();
                    if (eventCount > 0) {
                        decoder.decode(events, offset, length, eventCount, sink);
                    }
                    answer[0] = new CommandResponse(id, logPosition, timestampNs, orderId,
                            listener.lastNewOrderId, sink.drain(), eventCount < 0);
                }
            }

            @Override
            public void onTimeout(final long id) {
                if (id == requestId) {
                    timedOut[0] = true;
                }
            }
        };
        idle.reset();
        while (answer[0] == null && !timedOut[0]) {
            if (poll(collect) == 0) {
                idle.idle();
            }
        }
        if (answer[0] == null) {
            throw new ClusterUnavailableException("no answer to request " + requestId + " within "
                    + config.requestTimeoutMs() + " ms: its outcome is unknown");
        }
        return answer[0];
    }

    /** Asks for the state at one log position (applied on every member; the leader answers). */
    public Messages.Status status() {
        final long requestId = nextRequestId++;
        final int length = Messages.encodeAdminRequest(sendBuffer, 0, requestId, Messages.ADMIN_STATUS);
        listener.status = null;
        listener.awaitedStatusId = requestId;
        offer(length);
        return awaitUntil(() -> listener.status, "status");
    }

    /** Asks the leader to take a snapshot now; @return true when it was taken */
    public boolean snapshot() {
        final long correlationId = nextRequestId++;
        listener.adminResult = null;
        listener.awaitedAdminId = correlationId;
        idle.reset();
        for (int attempt = 0; ; attempt++) {
            ensureConnected();
            if (cluster.sendAdminRequestToTakeASnapshot(correlationId)) {
                lastSentNs = System.nanoTime();
                break;
            }
            if (attempt > OFFER_ATTEMPTS) {
                throw new ClusterUnavailableException("snapshot request not taken");
            }
            pollEgressOnce();
            idle.idle();
        }
        return awaitUntil(() -> listener.adminResult, "snapshot") == AdminResponseCode.OK;
    }

    private <T> T awaitUntil(final java.util.function.Supplier<T> value, final String what) {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        idle.reset();
        while (value.get() == null) {
            if (System.nanoTime() > deadlineNs) {
                throw new ClusterUnavailableException("no answer to the " + what + " request within "
                        + config.requestTimeoutMs() + " ms");
            }
            if (pollEgressOnce() == 0) {
                idle.idle();
            }
        }
        return value.get();
    }

    @Override
    public void close() {
        CloseHelper.quietClose(cluster);
        CloseHelper.quietClose(ownDriver);
        if (ownDriverDirectory != null) {
            org.agrona.IoUtil.delete(ownDriverDirectory.toFile(), true);
        }
    }

    private final class Listener implements EgressListener {
        int delivered;
        long lastNewOrderId;
        Messages.Status status;
        long awaitedStatusId;
        AdminResponseCode adminResult;
        long awaitedAdminId;
        boolean leaderChanged;

        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
                final int offset, final int length, final Header header) {
            final int template = MessageHeader.templateId(buffer, offset, length);
            if (template == MessageHeader.TEMPLATE_COMMAND_RESPONSE && length >= Messages.RESPONSE_EVENTS) {
                final long requestId = buffer.getLong(offset + Messages.RESPONSE_REQUEST_ID);
                if (inFlightSentNs.remove(requestId) == -1) {
                    return; // already timed out, or not ours
                }
                lastNewOrderId = buffer.getLong(offset + Messages.RESPONSE_NEW_ORDER_ID);
                delivered++;
                if (handler != null) {
                    handler.onResponse(requestId, buffer.getLong(offset + Messages.RESPONSE_LOG_POSITION),
                            buffer.getLong(offset + Messages.RESPONSE_TIMESTAMP),
                            buffer.getLong(offset + Messages.RESPONSE_ORDER_ID), buffer,
                            offset + Messages.RESPONSE_EVENTS, buffer.getInt(offset + Messages.RESPONSE_EVENTS_LENGTH),
                            buffer.getInt(offset + Messages.RESPONSE_EVENT_COUNT));
                }
            } else if (template == MessageHeader.TEMPLATE_ADMIN_RESPONSE) {
                final Messages.Status s = Messages.Status.decode(buffer, offset, length);
                if (s.requestId() == awaitedStatusId) {
                    status = s;
                }
            }
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
                final String ingressEndpoints) {
            TokentaClusterClient.this.leaderMemberId = leaderMemberId;
            leaderChanged = true;
        }

        @Override
        public void onAdminResponse(final long clusterSessionId, final long correlationId,
                final AdminRequestType requestType, final AdminResponseCode responseCode, final String message,
                final DirectBuffer payload, final int payloadOffset, final int payloadLength) {
            if (correlationId == awaitedAdminId) {
                adminResult = responseCode;
            }
        }
    }
}
