package network.aioz.edge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import network.aioz.edge.ledger.Capabilities;
import network.aioz.edge.ledger.LedgerClient;
import network.aioz.edge.ledger.NodeView;
import network.aioz.edge.ledger.Registration;
import network.aioz.edge.membership.Heartbeater;
import network.aioz.edge.membership.Registrar;
import network.aioz.edge.proof.ChallengeResponder;
import network.aioz.edge.proof.ChallengesHandler;
import network.aioz.edge.store.PieceStore;
import network.aioz.edge.store.PiecesHandler;
import network.aioz.edge.support.Log;
import network.aioz.edge.task.TaskLoop;
import network.aioz.shared.edge.EdgeKeys;
import org.web3j.crypto.ECKeyPair;

/**
 * One running agent: serves pieces over HTTP, registers with the ledger, heartbeats and works its
 * tasks, and drains gracefully when closed.
 */
public final class EdgeNode implements AutoCloseable {

  private static final Log LOG = Log.of(EdgeNode.class);
  private static final Duration WRITE_DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final int SERVER_STOP_SECONDS = 2;

  private final EdgeConfig config;
  private final Clock clock;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile String state = "STARTING";
  private volatile Thread starter;

  private String address;
  private PieceStore store;
  private LedgerClient ledger;
  private TaskLoop tasks;
  private Heartbeater heartbeater;
  private PiecesHandler pieces;
  private ChallengesHandler challenges;
  private HttpServer server;
  private ExecutorService requestThreads;

  public EdgeNode(EdgeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts serving, then registers (retrying until the ledger answers) and starts heartbeats and
   * the task loop. Returns once the node is registered.
   *
   * @throws Registrar.RegistrationRefusedException when the ledger refuses the registration
   * @throws InterruptedException when closed before the node could register
   */
  public void start() throws InterruptedException {
    starter = Thread.currentThread();
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
    }
    ECKeyPair key = EdgeKeys.loadOrCreate(config.dataDir().resolve("node.key"));
    address = EdgeKeys.address(key);
    LOG.info("node address " + address + " (key in " + config.dataDir().resolve("node.key") + ")");

    store = new PieceStore(config.dataDir().resolve("pieces"), config.quotaBytes());
    LOG.info(
        "piece store holds "
            + store.pieceCount()
            + " pieces, "
            + store.usedBytes()
            + " of "
            + store.quotaBytes()
            + " bytes");
    ledger = new LedgerClient(config.ledgerUrl(), key, clock);
    tasks =
        new TaskLoop(
            ledger,
            store,
            clock,
            config.pollInterval(),
            config.storeTimeout(),
            () -> state.equals("UP"));
    pieces = new PiecesHandler(store, tasks);
    challenges = new ChallengesHandler(new ChallengeResponder(store, key, address));
    startServer();

    Registrar registrar =
        new Registrar(ledger, registration(), Duration.ofMillis(500), Duration.ofSeconds(30));
    heartbeater =
        new Heartbeater(
            ledger,
            config.dataDir(),
            clock,
            config.heartbeatInterval(),
            store::usedBytes,
            tasks::runningTasks,
            () -> reRegister(registrar));
    LOG.info("registering with the ledger at " + config.ledgerUrl());
    NodeView node = registrar.register();
    heartbeater.followLedger(node == null ? null : node.heartbeatIntervalSeconds());
    if (closing.get()) {
      throw new InterruptedException("closed while starting");
    }
    state = "UP";
    heartbeater.start();
    tasks.start();
    starter = null;
    LOG.info("edge node up; heartbeat every " + heartbeater.interval());
  }

  public String address() {
    return address;
  }

  /** The port the HTTP server listens on (the chosen one when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public String endpoint() {
    return config.publicUrl() != null ? config.publicUrl() : "http://127.0.0.1:" + port();
  }

  public Path dataDir() {
    return config.dataDir();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * Drains: refuses new pieces, lets writes in flight finish (bounded), stops the task loop, tells
   * the ledger it is draining and stops the server.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      LOG.info("draining");
      boolean wasUp = state.equals("UP");
      state = "DRAINING";
      Thread startingThread = starter;
      if (startingThread != null) {
        startingThread.interrupt();
      }
      if (pieces != null) {
        pieces.stopAcceptingWrites();
        if (!pieces.awaitWritesFinished(WRITE_DRAIN_TIMEOUT)) {
          LOG.warn("writes still in flight after " + WRITE_DRAIN_TIMEOUT + "; stopping anyway");
        }
      }
      if (tasks != null) {
        tasks.close();
      }
      if (heartbeater != null) {
        if (wasUp) {
          heartbeater.sendDraining();
        } else {
          heartbeater.close();
        }
      }
      if (server != null) {
        server.stop(SERVER_STOP_SECONDS);
        requestThreads.shutdownNow();
      }
      LOG.info("edge node stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed.countDown();
    }
  }

  private void startServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port(), e);
    }
    requestThreads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(requestThreads);
    server.createContext(PiecesHandler.PATH, pieces);
    server.createContext(ChallengesHandler.PATH, challenges);
    server.createContext(HealthHandler.PATH, new HealthHandler(address, store, () -> state));
    server.start();
    LOG.info("serving pieces on " + config.bind() + ":" + port() + " as " + endpoint());
  }

  private Registration registration() {
    return new Registration(
        address,
        config.region(),
        config.faultDomain(),
        endpoint(),
        agentVersion(),
        new Capabilities(
            config.quotaBytes(),
            config.bandwidthBps(),
            config.codecs(),
            config.runtimes(),
            config.models(),
            config.cpuCores(),
            config.gpus(),
            config.maxTasks()));
  }

  private void reRegister(Registrar registrar) {
    try {
      NodeView node = registrar.register();
      heartbeater.followLedger(node == null ? null : node.heartbeatIntervalSeconds());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("registering again failed", e);
    }
  }

  static String agentVersion() {
    String version = EdgeNode.class.getPackage().getImplementationVersion();
    return version == null ? "0.1.0-SNAPSHOT" : version;
  }
}
