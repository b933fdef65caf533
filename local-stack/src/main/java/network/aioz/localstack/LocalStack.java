package network.aioz.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import network.aioz.infra.KafkaBroker;
import network.aioz.infra.PostgresServer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform on one machine: PostgreSQL, a Kafka broker, a local EVM chain (anvil) with the
 * settlement contracts, ledger-service, storage-service, proof-service, identity-service,
 * webhook-service, billing-service, chain-adapter, the gateway and N edge nodes, each a separate
 * process, started in dependency order and stopped in reverse; then the development tenants sign in
 * through the gateway.
 */
public final class LocalStack implements AutoCloseable {

  static final String LEDGER = "ledger-service";
  static final String STORAGE = "storage-service";
  static final String PROOF = "proof-service";
  static final String IDENTITY = "identity-service";
  static final String WEBHOOK = "webhook-service";
  static final String BILLING = "billing-service";
  static final String CHAIN = "chain-adapter";
  static final String S3_REGION = "us-east-1";
  static final String GATEWAY = "gateway";
  static final String EDGE = "edge";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final LocalStackOptions options;
  private final Path dataDir;
  private final String java;
  private final List<ServiceProcess> edges = new ArrayList<>();
  private PostgresServer postgres;
  private KafkaBroker kafka;
  private ServiceProcess ledger;
  private ServiceProcess storage;
  private ServiceProcess proof;
  private ServiceProcess identity;
  private ServiceProcess webhook;
  private ServiceProcess billing;
  private ServiceProcess chainAdapter;
  private LocalChain chain;
  private ServiceProcess gateway;
  private Endpoints endpoints;
  private boolean closed;

  private LocalStack(LocalStackOptions options) {
    this.options = options;
    this.dataDir = options.dataDir();
    this.java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Starts everything and waits until every component is ready; on failure stops what started. */
  public static LocalStack start(LocalStackOptions options) {
    LocalStack stack = new LocalStack(options);
    try {
      stack.boot();
      return stack;
    } catch (IOException e) {
      stack.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The pids of every process of the stack, the launcher JVM included. */
  public Set<Long> pids() {
    Set<Long> pids = new LinkedHashSet<>();
    pids.add(ProcessHandle.current().pid());
    ProcessHandle.current().descendants().forEach(process -> pids.add(process.pid()));
    if (postgres != null && postgres.pid() > 0) {
      pids.add(postgres.pid());
      ProcessHandle.of(postgres.pid())
          .ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
    }
    return pids;
  }

  /** Total resident memory of {@link #pids()}, in MiB. */
  public long rssMiB() {
    return ProcessMemory.rssKiB(pids()) / 1024;
  }

  private void boot() throws IOException {
    if (options.fresh() && Files.exists(dataDir)) {
      deleteRecursively(dataDir);
      progress("data", "wiped " + dataDir);
    }
    PortPlan ports =
        options.freePorts() ? PortPlan.free(options.edges()) : PortPlan.wellKnown(options.edges());
    refuseIfAlreadyRunning(ports);
    Files.createDirectories(dataDir.resolve("logs"));
    AppJars.Apps apps = AppJars.find(options.appsDir());
    Path edgeJar = apps.edgeNode();

    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      CompletableFuture<Path> ledgerJar =
          CompletableFuture.supplyAsync(() -> extract(apps.ledgerService(), LEDGER), pool);
      CompletableFuture<Path> storageJar =
          CompletableFuture.supplyAsync(() -> extract(apps.storageService(), STORAGE), pool);
      CompletableFuture<Path> proofJar =
          CompletableFuture.supplyAsync(() -> extract(apps.proofService(), PROOF), pool);
      CompletableFuture<Path> identityJar =
          CompletableFuture.supplyAsync(() -> extract(apps.identityService(), IDENTITY), pool);
      CompletableFuture<Path> webhookJar =
          CompletableFuture.supplyAsync(() -> extract(apps.webhookService(), WEBHOOK), pool);
      CompletableFuture<Path> billingJar =
          CompletableFuture.supplyAsync(() -> extract(apps.billingService(), BILLING), pool);
      CompletableFuture<Path> chainJar =
          CompletableFuture.supplyAsync(() -> extract(apps.chainAdapter(), CHAIN), pool);
      CompletableFuture<Path> gatewayJar =
          CompletableFuture.supplyAsync(() -> extract(apps.gateway(), GATEWAY), pool);
      CompletableFuture<Void> database =
          CompletableFuture.runAsync(() -> startPostgres(ports), pool);
      CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> startKafka(ports), pool);
      CompletableFuture<Void> evm =
          CompletableFuture.runAsync(() -> startChain(ports, join(chainJar)), pool);
      join(database);
      join(broker);

      long keysAt = System.nanoTime();
      IdentityKeys keys = IdentityKeys.loadOrCreate(dataDir.resolve("identity"));
      progress("identity", "ES256 key pair in " + keys.publicFile().getParent(), keysAt);
      StorageSecrets storageSecrets = StorageSecrets.loadOrCreate(dataDir.resolve("storage"));
      IdentitySecrets identitySecrets = IdentitySecrets.loadOrCreate(dataDir.resolve("identity"));
      BillingSecrets billingSecrets = BillingSecrets.loadOrCreate(dataDir.resolve("billing"));
      String gatewayUrl = "http://127.0.0.1:" + ports.gateway();

      Map<String, String> ledgerEnv = serviceEnv(LEDGER, "ledger", ports.ledger(), keys);
      ledger = spring(LEDGER, join(ledgerJar), List.of("-Xmx256m"), ports.ledger(), ledgerEnv);

      Map<String, String> storageEnv = serviceEnv(STORAGE, "storage", ports.storage(), keys);
      storageEnv.put("PLATFORM_IDENTITY_PRIVATE_KEY", keys.privatePem());
      storageEnv.put("STORAGE_LEDGERURL", "http://127.0.0.1:" + ports.ledger());
      storageEnv.put("STORAGE_REGION", S3_REGION);
      // Map keys bind only from the canonical form (no dash, no underscore inside the property
      // name): STORAGE_MASTER_KEYS_K1 would be storage.master.keys.k1 and is ignored.
      storageEnv.put(
          "STORAGE_MASTERKEYS_" + storageSecrets.masterKeyId().toUpperCase(),
          storageSecrets.masterKey());
      storageEnv.put("STORAGE_ACTIVEMASTERKEY", storageSecrets.masterKeyId());
      storageEnv.put("IDENTITY_URI", "http://127.0.0.1:" + ports.identity());
      storageEnv.putAll(options.env().getOrDefault(STORAGE, Map.of()));
      // 256 MiB, the heap the storage issue sets for a 1 GiB PUT: the segment budget (segments in
      // flight, 16 MiB each plus their pieces) sizes itself to a third of it; Reed-Solomon coding
      // needs the vector module.
      storage =
          spring(
              STORAGE,
              JvmFlags.vectorSpring(
                  List.of("-Xmx256m"), dataDir.resolve("apps").resolve(STORAGE + ".jsa")),
              join(storageJar),
              ports.storage(),
              storageEnv);

      Map<String, String> proofEnv = serviceEnv(PROOF, "proof", ports.proof(), keys);
      proof = spring(PROOF, join(proofJar), List.of("-Xmx192m"), ports.proof(), proofEnv);

      Map<String, String> identityEnv = serviceEnv(IDENTITY, "identity", ports.identity(), keys);
      identityEnv.put("IDENTITY_JWT_PRIVATE_KEY", identitySecrets.jwtPrivateKeyPem());
      identityEnv.put("IDENTITY_S3_MASTER_KEY", identitySecrets.s3MasterKey());
      // wallets sign in for the gateway (either host name) and for the console
      String gatewayHosts = "127.0.0.1:" + ports.gateway() + ",localhost:" + ports.gateway();
      identityEnv.put("IDENTITY_SIWE_DOMAINS", gatewayHosts + ",localhost:5173");
      identityEnv.put(
          "IDENTITY_SIWE_URIS",
          "http://127.0.0.1:"
              + ports.gateway()
              + ",http://localhost:"
              + ports.gateway()
              + ",http://localhost:5173");
      identityEnv.putAll(options.env().getOrDefault(IDENTITY, Map.of()));
      identity =
          spring(
              IDENTITY,
              join(identityJar),
              JvmFlags.controlPlane("-Xmx160m"),
              ports.identity(),
              identityEnv);

      Map<String, String> webhookEnv = serviceEnv(WEBHOOK, "webhook", ports.webhook(), keys);
      // local receivers (a developer's laptop, tests) are loopback HTTP
      webhookEnv.put("WEBHOOK_DELIVERY_ALLOW_HTTP", "true");
      webhookEnv.put("WEBHOOK_DELIVERY_ALLOW_LOOPBACK", "true");
      webhookEnv.put("WEBHOOK_SECRETS_KEY", identitySecrets.webhookSecretsKey());
      webhookEnv.putAll(options.env().getOrDefault(WEBHOOK, Map.of()));
      webhook =
          spring(
              WEBHOOK,
              join(webhookJar),
              JvmFlags.controlPlane("-Xmx160m"),
              ports.webhook(),
              webhookEnv);

      Map<String, String> billingEnv = serviceEnv(BILLING, "billing", ports.billing(), keys);
      billingEnv.put("BILLING_ONRAMP_WEBHOOK_SECRET", billingSecrets.onrampWebhookSecret());
      billingEnv.putAll(options.env().getOrDefault(BILLING, Map.of()));
      billing =
          spring(
              BILLING,
              join(billingJar),
              JvmFlags.controlPlane("-Xmx192m"),
              ports.billing(),
              billingEnv);

      // only the chain adapter needs the chain: the services above started meanwhile
      join(evm);
      if (chain.deployedNow()) {
        forgetEarlierChain();
      }
      Map<String, String> chainEnv = serviceEnv(CHAIN, "chain", ports.chainAdapter(), keys);
      chainEnv.putAll(chain.adapterEnv());
      chainEnv.put("LEDGER_URI", "http://127.0.0.1:" + ports.ledger());
      chainEnv.put("BILLING_URI", "http://127.0.0.1:" + ports.billing());
      chainEnv.putAll(options.env().getOrDefault(CHAIN, Map.of()));
      chainAdapter =
          spring(
              CHAIN,
              join(chainJar),
              JvmFlags.controlPlane("-Xmx160m"),
              ports.chainAdapter(),
              chainEnv);

      Map<String, String> gatewayEnv = new HashMap<>(DevSettings.ENV.get(GATEWAY));
      gatewayEnv.put("SERVER_PORT", Integer.toString(ports.gateway()));
      gatewayEnv.put("LEDGER_URI", "http://127.0.0.1:" + ports.ledger());
      gatewayEnv.put("STORAGE_URI", "http://127.0.0.1:" + ports.storage());
      gatewayEnv.put("PROOF_URI", "http://127.0.0.1:" + ports.proof());
      gatewayEnv.put("IDENTITY_URI", "http://127.0.0.1:" + ports.identity());
      gatewayEnv.put("WEBHOOK_URI", "http://127.0.0.1:" + ports.webhook());
      gatewayEnv.put("BILLING_URI", "http://127.0.0.1:" + ports.billing());
      gatewayEnv.put("CHAIN_URI", "http://127.0.0.1:" + ports.chainAdapter());
      gatewayEnv.put("GATEWAY_DB_URL", postgres.jdbcUrl("gateway"));
      gatewayEnv.put("GATEWAY_DB_USER", postgres.username());
      gatewayEnv.put("GATEWAY_DB_PASSWORD", postgres.password());
      gatewayEnv.put("PLATFORM_IDENTITY_PUBLIC_KEY", keys.publicPem());
      gatewayEnv.put("PLATFORM_IDENTITY_PRIVATE_KEY", keys.privatePem());
      gatewayEnv.put("PLATFORM_IDENTITY_ISSUER", IdentityKeys.ISSUER);
      gatewayEnv.putAll(options.env().getOrDefault(GATEWAY, Map.of()));
      gateway = spring(GATEWAY, join(gatewayJar), List.of("-Xmx192m"), ports.gateway(), gatewayEnv);

      // No service needs another to boot, so all start at once; edges need only the ledger and
      // the gateway, so they start while storage and proof are still booting.
      long springAt = System.nanoTime();
      ledger.start();
      gateway.start();
      identity.start();
      storage.start();
      proof.start();
      webhook.start();
      billing.start();
      chainAdapter.start();
      CompletableFuture<Void> ledgerReady =
          CompletableFuture.runAsync(() -> awaitReady(ledger, springAt), pool);
      CompletableFuture<Void> gatewayReady =
          CompletableFuture.runAsync(() -> awaitReady(gateway, springAt), pool);
      CompletableFuture<Void> storageReady =
          CompletableFuture.runAsync(() -> awaitReady(storage, springAt), pool);
      CompletableFuture<Void> proofReady =
          CompletableFuture.runAsync(() -> awaitReady(proof, springAt), pool);
      CompletableFuture<Void> identityReady =
          CompletableFuture.runAsync(() -> awaitReady(identity, springAt), pool);
      CompletableFuture<Void> webhookReady =
          CompletableFuture.runAsync(() -> awaitReady(webhook, springAt), pool);
      CompletableFuture<Void> billingReady =
          CompletableFuture.runAsync(() -> awaitReady(billing, springAt), pool);
      CompletableFuture<Void> chainReady =
          CompletableFuture.runAsync(() -> awaitReady(chainAdapter, springAt), pool);
      join(ledgerReady);
      join(gatewayReady);

      List<Endpoints.Edge> edgeEndpoints = startEdges(ports, edgeJar, pool);
      join(storageReady);
      join(proofReady);
      join(identityReady);
      join(webhookReady);
      join(billingReady);
      join(chainReady);

      long tenantsAt = System.nanoTime();
      List<DevTenants.Tenant> tenants = DevTenants.ensure(dataDir.resolve("identity"), gatewayUrl);
      progress(
          "tenants",
          "signed in "
              + tenants.stream().map(t -> t.name() + " " + t.walletAddress()).toList()
              + " (keys in endpoints.json)",
          tenantsAt);

      // the platform is prepaid: without funds storage refuses the tenants' first upload
      long fundsAt = System.nanoTime();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<String> funded = DevFunds.topUp(http, gatewayUrl, tenants);
      DevFunds.awaitStorageAccepts(http, gatewayUrl, S3_REGION, tenants, options.readyTimeout());
      progress("funds", String.join(", ", funded) + "; storage accepts their writes", fundsAt);

      Map<String, String> services = new LinkedHashMap<>();
      services.put(LEDGER, "http://127.0.0.1:" + ports.ledger());
      services.put(STORAGE, "http://127.0.0.1:" + ports.storage());
      services.put(PROOF, "http://127.0.0.1:" + ports.proof());
      services.put(IDENTITY, "http://127.0.0.1:" + ports.identity());
      services.put(WEBHOOK, "http://127.0.0.1:" + ports.webhook());
      services.put(BILLING, "http://127.0.0.1:" + ports.billing());
      services.put(CHAIN, "http://127.0.0.1:" + ports.chainAdapter());
      services.put(GATEWAY, "http://127.0.0.1:" + ports.gateway());
      double readySeconds =
          Duration.between(options.launchedAt(), Instant.now()).toMillis() / 1000.0;
      Set<Long> pids = pids();
      endpoints =
          new Endpoints(
              "http://127.0.0.1:" + ports.gateway(),
              services,
              new Endpoints.Kafka(kafka.bootstrapServers()),
              new Endpoints.Postgres(
                  postgres.host(),
                  postgres.port(),
                  postgres.username(),
                  postgres.password(),
                  Map.of(
                      "ledger", postgres.jdbcUrl("ledger"),
                      "storage", postgres.jdbcUrl("storage"),
                      "proof", postgres.jdbcUrl("proof"),
                      "identity", postgres.jdbcUrl("identity"),
                      "webhook", postgres.jdbcUrl("webhook"),
                      "billing", postgres.jdbcUrl("billing"),
                      "chain", postgres.jdbcUrl("chain"),
                      "gateway", postgres.jdbcUrl("gateway"))),
              edgeEndpoints,
              new Endpoints.Credentials(
                  IdentityKeys.ISSUER,
                  keys.privatePem(),
                  keys.publicPem(),
                  keys.privateFile().toString(),
                  new Endpoints.S3(
                      gatewayUrl,
                      S3_REGION,
                      "http://s3.localhost:" + ports.gateway(),
                      tenants.stream()
                          .map(
                              t ->
                                  new Endpoints.S3Key(
                                      t.name(), t.tenantId(), t.accessKeyId(), t.secretAccessKey()))
                          .toList()),
                  tenants.stream()
                      .map(
                          t ->
                              new Endpoints.Tenant(
                                  t.name(),
                                  t.tenantId(),
                                  t.walletAddress(),
                                  t.walletPrivateKey(),
                                  t.apiKey()))
                      .toList(),
                  billingSecrets.onrampWebhookSecret()),
              chain.endpoints(),
              readySeconds,
              ProcessMemory.rssKiB(pids) / 1024,
              ProcessMemory.pssKiB(pids) / 1024,
              pids.size());
      JSON.writeValue(dataDir.resolve("endpoints.json").toFile(), endpoints);
    } finally {
      pool.shutdown();
    }
  }

  private List<Endpoints.Edge> startEdges(PortPlan ports, Path edgeJar, ExecutorService pool)
      throws IOException {
    List<EdgeLayout.Placement> placements = EdgeLayout.of(options.edges());
    long edgesAt = System.nanoTime();
    List<CompletableFuture<Endpoints.Edge>> ready = new ArrayList<>();
    for (int i = 0; i < placements.size(); i++) {
      EdgeLayout.Placement placement = placements.get(i);
      int port = ports.edges().get(i);
      Path edgeDir = dataDir.resolve("edges").resolve(placement.name());
      Files.createDirectories(edgeDir);
      String url = "http://127.0.0.1:" + port;
      List<String> command = new ArrayList<>();
      command.add(java);
      command.addAll(JvmFlags.edge(edgeDir.resolve("edge-node.jsa")));
      command.addAll(
          List.of(
              "-jar",
              edgeJar.toString(),
              "--ledger-url",
              "http://127.0.0.1:" + ports.gateway(),
              "--data-dir",
              edgeDir.toString(),
              "--region",
              placement.region(),
              "--fault-domain",
              placement.faultDomain(),
              "--port",
              Integer.toString(port),
              "--bind",
              "127.0.0.1",
              "--public-url",
              url,
              "--quota",
              "4GiB"));
      Map<String, String> env = new HashMap<>(DevSettings.ENV.get(EDGE));
      env.putAll(options.env().getOrDefault(EDGE, Map.of()));
      ServiceProcess edge =
          new ServiceProcess(
              placement.name(),
              command,
              env,
              dataDir.resolve("logs").resolve(placement.name() + ".log"),
              URI.create(url + "/health"));
      edges.add(edge);
      edge.start();
      ready.add(
          CompletableFuture.supplyAsync(
              () -> {
                String body = edge.awaitHealthy(options.readyTimeout());
                Map<?, ?> health = JSON.readValue(body, Map.class);
                String address = String.valueOf(health.get("address"));
                progress(
                    placement.name(),
                    "ready " + url + " " + placement.faultDomain() + " " + address,
                    edgesAt);
                return new Endpoints.Edge(
                    placement.name(), address, placement.region(), placement.faultDomain(), url);
              },
              pool));
    }
    List<Endpoints.Edge> result = new ArrayList<>();
    for (CompletableFuture<Endpoints.Edge> edge : ready) {
      result.add(join(edge));
    }
    return result;
  }

  /**
   * Database, Kafka, port and identity key of a Spring service, then its dev and extra settings.
   */
  private Map<String, String> serviceEnv(
      String service, String database, int port, IdentityKeys keys) {
    Map<String, String> env = new HashMap<>(DevSettings.ENV.get(service));
    env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(database));
    env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
    env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
    env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("PLATFORM_IDENTITY_PUBLIC_KEY", keys.publicPem());
    env.putAll(options.env().getOrDefault(service, Map.of()));
    return env;
  }

  private ServiceProcess spring(
      String name, Path jar, List<String> jvmOptions, int port, Map<String, String> env) {
    return spring(
        name,
        JvmFlags.spring(jvmOptions, dataDir.resolve("apps").resolve(name + ".jsa")),
        jar,
        port,
        env);
  }

  private ServiceProcess spring(
      String name, List<String> jvmFlags, Path jar, int port, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    return new ServiceProcess(
        name,
        command,
        env,
        dataDir.resolve("logs").resolve(name + ".log"),
        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"));
  }

  private Path extract(Path bootJar, String name) {
    try {
      return AppJars.extracted(java, bootJar, dataDir.resolve("apps").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startPostgres(PortPlan ports) {
    long at = System.nanoTime();
    PostgresServer server =
        PostgresServer.builder()
            .port(ports.postgres())
            .dataDir(dataDir.resolve("postgres"))
            .logFile(dataDir.resolve("logs").resolve("postgres.log"))
            .registerShutdownHook(false)
            .build();
    postgres = server;
    server.start();
    List<String> databases =
        List.of("ledger", "storage", "proof", "identity", "webhook", "billing", "chain", "gateway");
    for (String database : databases) {
      server.createDatabase(database);
    }
    progress(
        "postgresql",
        "ready 127.0.0.1:" + server.port() + " (databases " + String.join(", ", databases) + ")",
        at);
  }

  /**
   * A new chain: the adapter's records of an earlier one (nonces, cursors, settled epochs) would
   * name blocks and transactions this chain does not have, so its database starts empty.
   */
  private void forgetEarlierChain() {
    try (Connection admin = postgres.connect("postgres");
        Statement drop = admin.createStatement()) {
      drop.execute("drop database if exists chain");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset the chain adapter's database", e);
    }
    postgres.createDatabase("chain");
  }

  private void startChain(PortPlan ports, Path chainAdapterJar) {
    long at = System.nanoTime();
    try {
      chain = LocalChain.start(java, chainAdapterJar, dataDir.resolve("chain"), ports.anvil());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Endpoints.Chain endpoints = chain.endpoints();
    progress(
        "anvil",
        "ready "
            + endpoints.rpcUrl()
            + " (chain "
            + endpoints.chainId()
            + "; registry "
            + endpoints.registry()
            + ", deposits "
            + endpoints.deposits()
            + ", rewards "
            + endpoints.rewards()
            + ")",
        at);
  }

  private void startKafka(PortPlan ports) {
    long at = System.nanoTime();
    KafkaBroker broker =
        KafkaBroker.builder()
            .port(ports.kafka())
            .controllerPort(ports.kafkaController())
            .dataDir(dataDir.resolve("kafka"))
            .numPartitions(3)
            .ownSession(true)
            .build();
    kafka = broker;
    broker.start();
    progress("kafka", "ready " + broker.bootstrapServers() + " (pid " + broker.pid() + ")", at);
  }

  private void awaitReady(ServiceProcess service, long startedAt) {
    service.awaitHealthy(options.readyTimeout());
    progress(service.name(), "ready " + service.url() + " (pid " + service.pid() + ")", startedAt);
  }

  private void refuseIfAlreadyRunning(PortPlan ports) {
    String marker = dataDir.toString();
    List<Long> leftovers =
        ProcessHandle.allProcesses()
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
            .map(ProcessHandle::pid)
            .toList();
    if (!leftovers.isEmpty()) {
      throw new IllegalStateException(
          "processes of a previous stack on "
              + dataDir
              + " are still running (pids "
              + leftovers
              + "); stop them first");
    }
    List<Integer> busy = ports.busy();
    if (!busy.isEmpty()) {
      throw new IllegalStateException(
          "ports already in use: " + busy + " (is another local stack running?)");
    }
  }

  /**
   * Stops one edge as an operator would (SIGTERM: it drains and says goodbye), for fault tests and
   * demos; its key and pieces stay in its data directory.
   */
  public synchronized void stopEdge(String name) {
    edge(name).stop(Duration.ofSeconds(15));
  }

  /** Starts a stopped edge again on the same port with the same key and pieces; waits for it. */
  public synchronized void startEdge(String name) {
    ServiceProcess edge = edge(name);
    try {
      edge.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    edge.awaitHealthy(Duration.ofSeconds(60));
  }

  /** Where an edge keeps its key and pieces. */
  public Path edgeDataDir(String name) {
    return dataDir.resolve("edges").resolve(name);
  }

  private ServiceProcess edge(String name) {
    return edges.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no edge named " + name));
  }

  /** Stops edges, gateway, services, Kafka, PostgreSQL, in that order; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long at = System.nanoTime();
    if (!edges.isEmpty()) {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        edges.forEach(edge -> pool.submit(() -> edge.stop(Duration.ofSeconds(15))));
      }
      progress("edges", "stopped " + edges.size(), at);
    }
    stopService(gateway, at);
    // The ledger last: storage and proof may still be finishing calls to it while draining.
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      pool.submit(() -> stopService(storage, at));
      pool.submit(() -> stopService(proof, at));
      pool.submit(() -> stopService(webhook, at));
      pool.submit(() -> stopService(billing, at));
      pool.submit(() -> stopService(chainAdapter, at));
    }
    // after storage: it resolves S3 keys through identity while draining
    stopService(identity, at);
    stopService(ledger, at);
    if (chain != null) {
      chain.close();
      progress("anvil", "stopped (state kept in " + dataDir.resolve("chain") + ")", at);
    }
    if (kafka != null) {
      kafka.stop();
      progress("kafka", "stopped", at);
    }
    if (postgres != null) {
      postgres.close();
      progress("postgresql", "stopped", at);
    }
  }

  private void stopService(ServiceProcess service, long at) {
    if (service != null) {
      service.stop(Duration.ofSeconds(30));
      progress(service.name(), "stopped", at);
    }
  }

  private void progress(String component, String message) {
    progress(component, message, -1);
  }

  private void progress(String component, String message, long componentStartedAt) {
    double total = Duration.between(options.launchedAt(), Instant.now()).toMillis() / 1000.0;
    String took =
        componentStartedAt < 0
            ? ""
            : " (%.1f s)".formatted((System.nanoTime() - componentStartedAt) / 1e9);
    options.progress().accept("[%6.1f s] %-14s %s%s".formatted(total, component, message, took));
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
