package network.aioz.benchmarks.gateway;

/** Sends GETs to a {@link Target} without making the scheduler wait for the answers. */
interface LoadClient extends AutoCloseable {

  /** Called once per request, from any thread, when it is answered or has failed. */
  interface Answer {
    /** Marks a request that got no HTTP answer (refused, reset, timed out). */
    int NO_ANSWER = 0;

    void answered(int status);
  }

  /** Starts a request; returns at once. */
  void send(Answer answer);

  @Override
  void close();

  static LoadClient create(String kind, Target target, int connections) {
    return switch (kind) {
      case "socket" -> new SocketClient(target, connections);
      case "jdk" -> new JdkClient(target);
      default -> throw new IllegalArgumentException("--client must be socket or jdk: " + kind);
    };
  }
}
