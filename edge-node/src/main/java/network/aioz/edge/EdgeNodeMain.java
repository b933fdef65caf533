package network.aioz.edge;

import java.time.Clock;
import network.aioz.edge.membership.Registrar.RegistrationRefusedException;

/** Entry point of {@code edge-node.jar}. */
public final class EdgeNodeMain {

  private EdgeNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (EdgeConfig.wantsHelp(args)) {
      System.out.print(EdgeConfig.usage());
      return;
    }
    EdgeConfig config;
    try {
      config = EdgeConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("edge-node: " + e.getMessage() + "\n(run with --help for the options)");
      System.exit(2);
      return;
    }
    EdgeNode node = new EdgeNode(config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
    try {
      node.start();
    } catch (RegistrationRefusedException e) {
      System.err.println("edge-node: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      return;
    }
    node.awaitClosed();
  }
}
