package network.aioz.infra;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real local EVM chain: Foundry's {@code anvil} from npm ({@code @foundry-rs/anvil}), bound to
 * 127.0.0.1 on a free port, mining every transaction at once. The npm package that depends on it is
 * the caller's (a test's own package.json with a committed package-lock.json), installed with
 * {@code npm ci} the first time.
 */
public final class Anvil implements AutoCloseable {

  /** The first of anvil's development accounts (its well-known test mnemonic), 10,000 ETH. */
  public static final String DEV_PRIVATE_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  /** The address of {@link #DEV_PRIVATE_KEY}, lower case. */
  public static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  /** Anvil's own chain id, what local chains and the tests run as. */
  public static final long DEFAULT_CHAIN_ID = 31337;

  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");

  private final Process process;
  private final int port;
  private final long chainId;
  private final Path log;
  private final Thread hook;

  private Anvil(Process process, int port, long chainId, Path log) {
    this.process = process;
    this.port = port;
    this.chainId = chainId;
    this.log = log;
    // SIGTERM first, as close() does: anvil writes its --state file only when it stops cleanly
    this.hook = new Thread(() -> stop(process), "anvil-" + port + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts anvil from {@code packageDir}'s {@code node_modules} with {@code chainId} and waits
   * until it answers {@code eth_chainId}.
   *
   * @throws IllegalStateException when node, npm or the package is missing, or anvil does not come
   *     up (its output is in the message)
   */
  public static Anvil start(Path packageDir, long chainId) {
    return start(packageDir, chainId, FreePorts.pick(), null);
  }

  /**
   * Starts anvil on {@code port}; with a {@code stateFile}, the chain is loaded from it when it
   * exists and written to it when anvil stops ({@link #close}), so a restart on the same port and
   * file resumes the same chain.
   */
  public static Anvil start(Path packageDir, long chainId, int port, Path stateFile) {
    NodeScripts.install(packageDir);
    Path binary = packageDir.toAbsolutePath().resolve("node_modules/.bin/anvil");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " is missing: add @foundry-rs/anvil-linux-amd64 to "
              + packageDir
              + "/package.json");
    }
    try {
      Path log = Files.createTempFile("anvil-" + port + "-", ".log");
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  binary.toString(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--chain-id",
                  Long.toString(chainId)));
      if (stateFile != null) {
        command.addAll(List.of("--state", stateFile.toAbsolutePath().toString()));
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      Anvil anvil = new Anvil(process, port, chainId, log);
      anvil.awaitReady();
      return anvil;
    } catch (IOException e) {
      throw new IllegalStateException("anvil could not start: " + e.getMessage(), e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String last = "no answer";
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          String output = output();
          close();
          throw new IllegalStateException(
              "anvil exited with " + process.exitValue() + ":\n" + output);
        }
        try {
          String answer = call(http, "eth_chainId");
          Matcher id = RESULT.matcher(answer);
          if (id.find() && Long.parseLong(id.group(1).substring(2), 16) == chainId) {
            return;
          }
          last = answer;
        } catch (IOException e) {
          last = e.toString();
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String output = output();
    close();
    throw new IllegalStateException(
        "anvil did not answer eth_chainId "
            + chainId
            + " in "
            + STARTUP
            + " ("
            + last
            + "):\n"
            + output);
  }

  private String call(HttpClient http, String method) throws IOException, InterruptedException {
    return call(http, method, "[]");
  }

  private String call(HttpClient http, String method, String params)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(rpcUrl()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                        + method
                        + "\",\"params\":"
                        + params
                        + "}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * A JSON-RPC call with {@code params} (a JSON array), for anvil's own methods ({@code
   * evm_setAutomine}, {@code evm_mine}, {@code anvil_setBalance}...); the raw JSON answer.
   *
   * @throws IllegalStateException when anvil cannot be reached or answers an error
   */
  public String rpc(String method, String params) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String answer = call(http, method, params);
      if (answer.contains("\"error\"")) {
        throw new IllegalStateException(method + " failed: " + answer);
      }
      return answer;
    } catch (IOException e) {
      throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " interrupted", e);
    }
  }

  /** Sets an account's native balance, in wei. */
  public void setBalance(String address, BigInteger wei) {
    rpc("anvil_setBalance", "[\"" + address + "\",\"0x" + wei.toString(16) + "\"]");
  }

  /** Mines every transaction at once (the default), or only on {@link #mine}. */
  public void setAutomine(boolean on) {
    rpc("evm_setAutomine", "[" + on + "]");
  }

  /** Mines one block now. */
  public void mine() {
    rpc("evm_mine", "[]");
  }

  public int port() {
    return port;
  }

  /** The JSON-RPC endpoint, {@code http://127.0.0.1:<port>}. */
  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long chainId() {
    return chainId;
  }

  /** What anvil printed so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // a temp file
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
