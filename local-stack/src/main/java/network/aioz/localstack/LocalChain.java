package network.aioz.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import network.aioz.infra.Anvil;
import network.aioz.infra.LogTail;

/**
 * The stack's EVM chain: anvil from chain-adapter's npm package, bound to 127.0.0.1, its state kept
 * in the data directory (written when it stops, loaded when it starts), and the settlement
 * contracts deployed on it once — by chain-adapter's own {@code Deployment}, run from its jar —
 * with their addresses kept next to the state. A fresh data directory means a fresh chain.
 */
final class LocalChain implements AutoCloseable {

  /** Anvil's default chain id, which wallets know as a development chain. */
  static final long CHAIN_ID = Anvil.DEFAULT_CHAIN_ID;

  /** Anvil's first development account: deployer, registry admin and committer. */
  static final String COMMITTER = Anvil.DEV_ADDRESS;

  private final Anvil anvil;
  private final Endpoints.Chain chain;
  private final boolean deployedNow;

  private LocalChain(Anvil anvil, Endpoints.Chain chain, boolean deployedNow) {
    this.anvil = anvil;
    this.chain = chain;
    this.deployedNow = deployedNow;
  }

  /**
   * Starts anvil on {@code port} with the state in {@code dir}, deploying the contracts with {@code
   * java} and the chain-adapter jar unless this chain has them already.
   */
  static LocalChain start(String java, Path chainAdapterJar, Path dir, int port)
      throws IOException {
    Files.createDirectories(dir);
    Path state = dir.resolve("anvil-state.json");
    Path contracts = dir.resolve("contracts.properties");
    if (!Files.exists(state)) {
      // contracts of an earlier chain are not on this one
      Files.deleteIfExists(contracts);
    }
    Anvil anvil = Anvil.start(contractsPackage(), CHAIN_ID, port, state);
    try {
      boolean deployedNow = !Files.exists(contracts);
      if (deployedNow) {
        deploy(java, chainAdapterJar, anvil, contracts, dir.resolve("deploy.log"));
      }
      Properties deployed = new Properties();
      try (var in = Files.newBufferedReader(contracts, StandardCharsets.UTF_8)) {
        deployed.load(in);
      }
      return new LocalChain(
          anvil,
          new Endpoints.Chain(
              anvil.rpcUrl(),
              CHAIN_ID,
              deployed.getProperty("CHAIN_REGISTRY_ADDRESS"),
              deployed.getProperty("CHAIN_DEPOSITS_ADDRESS"),
              deployed.getProperty("CHAIN_REWARDS_ADDRESS"),
              Long.parseLong(deployed.getProperty("CHAIN_START_BLOCK")),
              COMMITTER),
          deployedNow);
    } catch (IOException | RuntimeException e) {
      anvil.close();
      throw e;
    }
  }

  /**
   * Whether this start deployed the contracts: a new chain (first start, or its state was lost), on
   * which nothing the chain adapter recorded about an earlier one holds.
   */
  boolean deployedNow() {
    return deployedNow;
  }

  Endpoints.Chain endpoints() {
    return chain;
  }

  /** The adapter's settings for this chain (the committer key is anvil's public test key). */
  Map<String, String> adapterEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("CHAIN_RPC_URL", chain.rpcUrl());
    env.put("CHAIN_ID", Long.toString(chain.chainId()));
    env.put("CHAIN_COMMITTER_KEY", Anvil.DEV_PRIVATE_KEY);
    env.put("CHAIN_REGISTRY_ADDRESS", chain.registry());
    env.put("CHAIN_DEPOSITS_ADDRESS", chain.deposits());
    env.put("CHAIN_REWARDS_ADDRESS", chain.rewards());
    env.put("CHAIN_START_BLOCK", Long.toString(chain.startBlock()));
    return env;
  }

  private static void deploy(
      String java, Path chainAdapterJar, Anvil anvil, Path contracts, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-cp", chainAdapterJar.toString(), "network.aioz.chain.contracts.Deployment")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("CHAIN_RPC_URL", anvil.rpcUrl());
    builder.environment().put("CHAIN_ID", Long.toString(CHAIN_ID));
    builder.environment().put("CHAIN_DEPLOYER_KEY", Anvil.DEV_PRIVATE_KEY);
    builder.environment().put("CHAIN_COMMITTER_ADDRESS", COMMITTER);
    Process process = builder.start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "deploying the settlement contracts failed:\n" + LogTail.of(log, 20));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deploying the contracts", e);
    }
    List<String> lines =
        Files.readAllLines(log, StandardCharsets.UTF_8).stream()
            .filter(line -> line.startsWith("CHAIN_"))
            .toList();
    if (lines.size() < 5) {
      throw new IllegalStateException(
          "the deployment printed no addresses:\n" + LogTail.of(log, 20));
    }
    Files.write(contracts, lines, StandardCharsets.UTF_8);
  }

  /**
   * chain-adapter's npm package (anvil's binary), found upwards from the working directory, or at
   * {@code -Dlocalstack.contracts}.
   */
  private static Path contractsPackage() {
    String property = System.getProperty("localstack.contracts");
    if (property != null) {
      return Path.of(property).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("chain-adapter/contracts");
      if (Files.isRegularFile(candidate.resolve("package.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find chain-adapter/contracts (the npm package with anvil): run the stack from the"
            + " repository, or set -Dlocalstack.contracts");
  }

  /** Stops anvil, which writes the chain's state for the next start. */
  @Override
  public void close() {
    anvil.close();
  }
}
