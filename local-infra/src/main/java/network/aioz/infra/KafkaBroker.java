package network.aioz.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller, one node) running as a
 * separate OS process, so it can be stopped, killed and restarted like a production broker.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final String SETSID = "/usr/bin/setsid";

  private final String host;
  private final Path dataDir;
  private final String classpath;
  private final List<String> jvmOptions;
  private final int numPartitions;
  private final Duration startTimeout;
  private final boolean exitWithParent;
  private final boolean ownSession;
  private int port;
  private int controllerPort;
  private Process process;

  private KafkaBroker(Builder builder) {
    this.host = builder.host;
    this.dataDir = builder.dataDir.toAbsolutePath();
    this.classpath = builder.classpath != null ? builder.classpath : Classpaths.current();
    this.jvmOptions = List.copyOf(builder.jvmOptions);
    this.numPartitions = builder.numPartitions;
    this.startTimeout = builder.startTimeout;
    this.exitWithParent = builder.exitWithParent;
    this.ownSession = builder.ownSession;
    this.port = builder.port;
    this.controllerPort = builder.controllerPort;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data directory if needed, launches the broker and waits until it serves metadata.
   * Ports picked on the first start are kept, so clients can reconnect after a restart.
   */
  public synchronized KafkaBroker start() {
    if (isRunning()) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
      if (port == 0) {
        port = FreePorts.pick();
      }
      if (controllerPort == 0) {
        controllerPort = FreePorts.pick();
      }
      Path config = writeServerProperties();
      writeLogbackConfig();
      boolean formatted = Files.exists(logDir().resolve("meta.properties"));
      List<String> command = javaCommand();
      command.add(KafkaBrokerMain.class.getName());
      command.add(exitWithParent ? Long.toString(ProcessHandle.current().pid()) : "0");
      command.add(formatted ? "-" : Uuid.randomUuid().toString());
      command.add(config.toString());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()))
              .start();
      awaitReady();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka broker in " + dataDir, e);
    }
  }

  /** Graceful shutdown (SIGTERM), waiting for the broker to flush and close its logs. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Abrupt death (SIGKILL), as when a machine loses power. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** {@code host:port} for clients; valid once started, and unchanged across restarts. */
  public synchronized String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("broker not started yet");
    }
    return host + ":" + port;
  }

  public synchronized int port() {
    return port;
  }

  public synchronized int controllerPort() {
    return controllerPort;
  }

  /** The broker process's id, or -1 when it is not running. */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The broker's own log (WARN and above). */
  public Path logFile() {
    return dataDir.resolve("broker.log");
  }

  private Path outputFile() {
    return dataDir.resolve("broker.out");
  }

  private Path logDir() {
    return dataDir.resolve("logs");
  }

  private List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    if (ownSession && Files.isExecutable(Path.of(SETSID))) {
      command.add(SETSID);
    }
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-Dlogback.configurationFile=" + dataDir.resolve("logback-broker.xml"));
    command.add("-Djava.awt.headless=true");
    if (Classpaths.onlyJars(classpath)) {
      // Class data sharing, created on the first start, makes restarts faster; the JVM refuses
      // to dump an archive when the classpath has directories (as in a module's own tests).
      command.add("-XX:+AutoCreateSharedArchive");
      command.add("-XX:SharedArchiveFile=" + dataDir.resolve("broker.jsa"));
    }
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (!FreePorts.accepts(host, port)) {
      failIfDeadOrLate(deadline);
      sleep(100);
    }
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    try (Admin client = Admin.create(admin)) {
      while (true) {
        try {
          client
              .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
              .nodes()
              .get(4, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          failIfDeadOrLate(deadline);
          sleep(100);
        }
      }
    }
  }

  private void failIfDeadOrLate(long deadline) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Kafka broker exited with code " + process.exitValue() + "\n" + tails());
    }
    if (System.nanoTime() > deadline) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "Kafka broker not ready on "
              + bootstrapServers()
              + " after "
              + startTimeout
              + "\n"
              + tails());
    }
  }

  private String tails() {
    return LogTail.of(outputFile(), 30) + LogTail.of(logFile(), 30);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  private Path writeServerProperties() throws IOException {
    Map<String, String> props = new TreeMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    props.put("log.dirs", logDir().toString());
    props.put("auto.create.topics.enable", "true");
    props.put("num.partitions", Integer.toString(numPartitions));
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    // One node: every internal topic must live with replication factor 1, and few partitions
    // make the first consumer group and the first transaction fast.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    // After a kill the controller waits out the dead broker's session before the restarted one
    // may register: keep that wait short.
    props.put("broker.session.timeout.ms", "3000");
    props.put("broker.heartbeat.interval.ms", "1000");
    // Development sizes: small segments, bounded retention, a small compaction buffer (the
    // default would take 128 MiB of a 256 MiB heap).
    props.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    props.put("log.retention.hours", "72");
    props.put("log.retention.bytes", Long.toString(256L * 1024 * 1024));
    props.put("log.retention.check.interval.ms", "60000");
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    props.put("log.cleaner.threads", "1");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("background.threads", "2");
    props.put("num.recovery.threads.per.data.dir", "1");
    props.put("num.replica.fetchers", "1");
    StringBuilder text = new StringBuilder("# written by network.aioz.infra.KafkaBroker\n");
    props.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Path file = dataDir.resolve("server.properties");
    Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private void writeLogbackConfig() throws IOException {
    String xml =
        """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{36} - %%msg%%n</pattern></encoder>
          </appender>
          <root level="WARN"><appender-ref ref="FILE"/></root>
        </configuration>
        """
            .formatted(logFile());
    Files.writeString(dataDir.resolve("logback-broker.xml"), xml, StandardCharsets.UTF_8);
  }

  private static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Settings of a broker; every one has a default suitable for tests. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int controllerPort;
    private Path dataDir;
    private String classpath;
    private final List<String> jvmOptions =
        new ArrayList<>(
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1"));
    private int numPartitions = 1;
    private Duration startTimeout = Duration.ofSeconds(60);
    private boolean exitWithParent = true;
    private boolean ownSession;

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The client port; 0 picks a free one on the first start. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The KRaft controller port; 0 picks a free one on the first start. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** The broker's classpath; by default this JVM's, which holds kafka_2.13 via local-infra. */
    public Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    /** The broker JVM's heap option, e.g. {@code -Xmx256m}. */
    public Builder heap(String heapOption) {
      jvmOptions.removeIf(option -> option.startsWith("-Xmx"));
      jvmOptions.add(0, heapOption);
      return this;
    }

    /** Replaces every JVM option (heap included). */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.clear();
      jvmOptions.addAll(options);
      return this;
    }

    public Builder numPartitions(int numPartitions) {
      this.numPartitions = numPartitions;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /**
     * Whether the broker exits when this JVM dies (default true); needs this module on the broker's
     * classpath.
     */
    public Builder exitWithParent(boolean exitWithParent) {
      this.exitWithParent = exitWithParent;
      return this;
    }

    /**
     * Runs the broker in its own session, so that Ctrl-C in a terminal reaches only the launcher,
     * which then stops the broker in its turn (default false).
     */
    public Builder ownSession(boolean ownSession) {
      this.ownSession = ownSession;
      return this;
    }

    public KafkaBroker build() {
      if (dataDir == null) {
        throw new IllegalStateException("dataDir is required");
      }
      return new KafkaBroker(this);
    }
  }
}
