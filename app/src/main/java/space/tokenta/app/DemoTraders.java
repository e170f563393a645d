package space.tokenta.app;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import space.tokenta.cluster.client.ClusterUnavailableException;
import space.tokenta.cluster.client.CommandResponse;
import space.tokenta.cluster.client.TokentaClusterClient;
import space.tokenta.engine.command.Command;
import space.tokenta.engine.event.Event;

/**
 * The demo market's simulated traders ({@code up --demo}): {@link DemoFlow}'s commands go to the node
 * through its own cluster client, at a fixed, bounded rate, on one thread, until closed.
 */
final class DemoTraders implements AutoCloseable {
    static final int MAX_COMMANDS_PER_SECOND = 1_000;
    private static final long JOIN_TIMEOUT_MS = 5_000;

    private final TokentaClusterClient client;
    private final DemoFlow flow;
    private final long intervalNs;
    private final Command command = new Command();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong trades = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private long nextDueNs;

    DemoTraders(final TokentaClusterClient client, final DemoFlow flow, final int commandsPerSecond) {
        if (commandsPerSecond < 1 || commandsPerSecond > MAX_COMMANDS_PER_SECOND) {
            throw new IllegalArgumentException("demo rate in [1, " + MAX_COMMANDS_PER_SECOND + "] commands/s: "
                    + commandsPerSecond);
        }
        this.client = client;
        this.flow = flow;
        this.intervalNs = TimeUnit.SECONDS.toNanos(1) / commandsPerSecond;
        this.thread = new Thread(this::run, "tokenta-demo-traders");
        this.thread.setDaemon(true);
    }

    /** Creates, funds and lists the demo accounts (a repeat on a node that has them changes nothing). */
    void setup(final PrintStream out) {
        final List<Command> setup = flow.setup();
        for (final Command c : setup) {
            final CommandResponse response = client.submit(c);
            for (final Event e : response.events()) {
                if (e instanceof Event.CommandRejected r && !DemoFlow.isRepeat(r.reason())) {
                    throw new IllegalStateException("demo setup command " + c.type + " for account " + c.accountId
                            + " rejected: " + r.reason());
                }
            }
        }
        out.printf("demo: %d accounts set up (sellers listed, buyers funded)%n", flow.accounts());
    }

    DemoTraders start() {
        nextDueNs = System.nanoTime();
        thread.start();
        return this;
    }

    /** One duty cycle: submits the next command when it is due. @return 1 if a command was sent. */
    int doWork(final long nowNs) {
        if (nowNs - nextDueNs < 0) {
            return 0;
        }
        // a slow node pushes the schedule back instead of building a burst to catch up
        nextDueNs = Math.max(nextDueNs + intervalNs, nowNs - intervalNs);
        flow.next(command);
        final CommandResponse response = client.submit(command);
        commands.incrementAndGet();
        for (final Event e : response.events()) {
            if (e instanceof Event.Trade) {
                trades.incrementAndGet();
            } else if (e instanceof Event.OrderRejected || e instanceof Event.CommandRejected) {
                rejections.incrementAndGet();
            }
        }
        flow.onAnswer(command, response.orderId(), response.events());
        return 1;
    }

    private void run() {
        try {
            while (running) {
                if (doWork(System.nanoTime()) == 0) {
                    LockSupport.parkNanos(Math.min(intervalNs, TimeUnit.MILLISECONDS.toNanos(50)));
                }
            }
        } catch (final ClusterUnavailableException e) {
            if (running) {
                System.err.println("demo traders stopped: " + e.getMessage());
            }
        }
    }

    long commands() {
        return commands.get();
    }

    long trades() {
        return trades.get();
    }

    long rejections() {
        return rejections.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread.isAlive()) {
            thread.join(JOIN_TIMEOUT_MS);
        }
    }
}
