package network.aioz.storage.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the cluster when the test session ends, while the shared Kafka and PostgreSQL still run;
 * left to shutdown hooks, the ledger's consumers would wait on a broker that is going away.
 */
public class StopClusterAfterTests implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    StorageCluster.stopAll();
  }
}
