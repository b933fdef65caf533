package network.aioz.chain.support;

import java.math.BigInteger;
import java.nio.file.Path;
import network.aioz.chain.contracts.Deployment;
import network.aioz.chain.contracts.generated.SettlementRegistry;
import network.aioz.chain.contracts.generated.TenantDeposits;
import network.aioz.infra.Anvil;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * A real chain for the adapter's tests: anvil (one per test JVM for the shared context, or one of a
 * test's own), the contracts deployed by {@link Deployment}, and typed access to them through the
 * generated wrappers, as the deployer (anvil's first account: registry admin and first committer).
 */
public final class TestChain implements AutoCloseable {

  public static final long CHAIN_ID = Anvil.DEFAULT_CHAIN_ID;

  private static TestChain shared;

  private Anvil anvil;
  private final Deployment.Deployed deployed;
  private final Web3j web3j;

  private TestChain(Anvil anvil, Deployment.Deployed deployed) {
    this.anvil = anvil;
    this.deployed = deployed;
    this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
  }

  /** The JVM's chain for the shared Spring context, started once. */
  public static synchronized TestChain shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** A chain of the caller's own (closed by the caller). */
  public static TestChain start() {
    return on(Anvil.start(Path.of("contracts"), CHAIN_ID));
  }

  /** Deploys the contracts on a running anvil. */
  public static TestChain on(Anvil anvil) {
    return new TestChain(
        anvil,
        Deployment.deploy(
            anvil.rpcUrl(),
            CHAIN_ID,
            Anvil.DEV_PRIVATE_KEY,
            Credentials.create(Anvil.DEV_PRIVATE_KEY).getAddress()));
  }

  /**
   * A chain that survives restarts: anvil on a fixed port, its state kept in {@code stateFile}
   * ({@link #stopNode}, {@link #startNode}).
   */
  public static TestChain restartable(Path stateFile) {
    int port = network.aioz.infra.FreePorts.pick();
    return on(Anvil.start(Path.of("contracts"), CHAIN_ID, port, stateFile), stateFile);
  }

  private Path stateFile;

  private static TestChain on(Anvil anvil, Path stateFile) {
    TestChain chain = on(anvil);
    chain.stateFile = stateFile;
    return chain;
  }

  /** Stops the node (it writes its state on the way out). */
  public void stopNode() {
    anvil.close();
  }

  /** Starts the node again on the same port from its state. */
  public void startNode() {
    anvil = Anvil.start(Path.of("contracts"), CHAIN_ID, anvil.port(), stateFile);
  }

  public Anvil anvil() {
    return anvil;
  }

  public Deployment.Deployed deployed() {
    return deployed;
  }

  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  public Web3j web3j() {
    return web3j;
  }

  /** The registry as {@code key}'s account sees it. */
  public SettlementRegistry registry(String key) {
    return SettlementRegistry.load(
        deployed.registry(), web3j, manager(key), new StaticGasProvider(gasPrice(), GAS));
  }

  public SettlementRegistry registry() {
    return registry(Anvil.DEV_PRIVATE_KEY);
  }

  public TenantDeposits deposits(String key) {
    return TenantDeposits.load(
        deployed.deposits(), web3j, manager(key), new StaticGasProvider(gasPrice(), GAS));
  }

  /** Grants {@code account} COMMITTER_ROLE (the deployer is the admin). */
  public void grantCommitter(String account) throws Exception {
    SettlementRegistry registry = registry();
    registry.grantRole(registry.COMMITTER_ROLE().send(), account).send();
  }

  /** Sets an account's native balance (anvil). */
  public void setBalance(String account, BigInteger wei) {
    anvil.setBalance(account, wei);
  }

  public void automine(boolean on) {
    anvil.setAutomine(on);
  }

  public void mine() {
    anvil.mine();
  }

  private RawTransactionManager manager(String key) {
    return new RawTransactionManager(web3j, Credentials.create(key), CHAIN_ID);
  }

  private BigInteger gasPrice() {
    try {
      return web3j.ethGasPrice().send().getGasPrice().shiftLeft(1);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final BigInteger GAS = BigInteger.valueOf(1_000_000);

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
