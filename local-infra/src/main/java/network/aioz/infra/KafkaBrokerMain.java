package network.aioz.infra;

import java.io.PrintStream;

/**
 * Entry point of the broker process: formats the storage when asked (in the same JVM, which saves a
 * JVM start), then runs {@code kafka.Kafka}, and exits when the JVM that started it dies, so a test
 * JVM killed by its runner does not leave a broker behind.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {}

  /**
   * Arguments: the parent's pid (0: do not watch), a cluster id to format the storage with ("-":
   * already formatted), and the path of server.properties.
   */
  public static void main(String[] args) throws Exception {
    long parentPid = Long.parseLong(args[0]);
    String clusterId = args[1];
    String config = args[2];
    if (parentPid > 0) {
      ProcessHandle.of(parentPid)
          .ifPresentOrElse(
              parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }
    if (!"-".equals(clusterId)) {
      String[] format = {"format", "-t", clusterId, "-c", config, "--ignore-formatted"};
      int code =
          (int)
              Class.forName("kafka.tools.StorageTool")
                  .getMethod("execute", String[].class, PrintStream.class)
                  .invoke(null, format, System.out);
      if (code != 0) {
        System.exit(code);
      }
    }
    Class.forName("kafka.Kafka")
        .getMethod("main", String[].class)
        .invoke(null, (Object) new String[] {config});
  }
}
