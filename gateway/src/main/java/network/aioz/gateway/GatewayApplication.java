package network.aioz.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {

  /** Reactor Netty's event-loop count (its own default: at least four, whatever the CPUs). */
  static final String IO_THREADS_PROPERTY = "reactor.netty.ioWorkerCount";

  public static void main(String[] args) {
    System.setProperty(
        IO_THREADS_PROPERTY,
        ioThreads(
            System.getProperty(IO_THREADS_PROPERTY),
            System.getenv("GATEWAY_IO_THREADS"),
            Runtime.getRuntime().availableProcessors()));
    SpringApplication.run(GatewayApplication.class, args);
  }

  /**
   * One event loop per CPU the process may use (a pod's CPU limit counts) unless {@code
   * GATEWAY_IO_THREADS} or the system property says otherwise: Reactor's minimum of four loops on a
   * one- or two-CPU pod only adds hand-overs between threads to every proxied request.
   */
  static String ioThreads(String property, String environment, int cpus) {
    for (String configured : new String[] {property, environment}) {
      if (configured == null || configured.isBlank()) {
        continue;
      }
      if (!configured.strip().matches("[1-9][0-9]{0,3}")) {
        throw new IllegalArgumentException(
            "GATEWAY_IO_THREADS / "
                + IO_THREADS_PROPERTY
                + " must be a whole number from 1 to 9999, not '"
                + configured
                + "'");
      }
      return configured.strip();
    }
    return Integer.toString(Math.max(1, cpus));
  }
}
