package network.aioz.localstack;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/** {@code ./local-stack/start}: starts the stack, prints where everything is, stops on Ctrl-C. */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalStackOptions.Builder options =
        LocalStackOptions.builder()
            .launchedAt(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--fresh" -> options.fresh(true);
        case "--edges" -> options.edges(Integer.parseInt(value(args, ++i, "--edges")));
        case "--data-dir" -> options.dataDir(Path.of(value(args, ++i, "--data-dir")));
        case "--free-ports" -> options.freePorts(true);
        case "-h", "--help" -> {
          System.out.println(
              """
              Usage: local-stack/start [--fresh] [--edges N] [--data-dir DIR] [--free-ports] [--no-build]

                --fresh        wipe the data directory first
                --edges N      number of edge nodes (default 14)
                --data-dir D   data, logs and keys (default <repo>/.local-stack)
                --free-ports   pick free ports instead of 8080, 8081, 9001.., 55432, 59092
                --no-build     (script) run the last build instead of building first
              """);
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i] + " (try --help)");
          System.exit(2);
        }
      }
    }
    LocalStackOptions built = options.build();
    LocalStack stack;
    try {
      stack = LocalStack.start(built);
    } catch (RuntimeException e) {
      System.err.println("local stack failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping the local stack ...");
                  stack.close();
                  stopped.countDown();
                },
                "local-stack-stop"));
    System.out.println(EndpointTable.render(stack.endpoints(), built.dataDir()));
    Endpoints endpoints = stack.endpoints();
    System.out.printf(
        "ready in %.1f s, %.1f GiB in use (PSS; %.1f GiB RSS, shared pages counted per process)"
            + " across %d processes. Ctrl-C stops everything.%n",
        endpoints.readySeconds(),
        endpoints.pssMiB() / 1024.0,
        endpoints.rssMiB() / 1024.0,
        endpoints.processes());
    stopped.await();
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[index];
  }
}
