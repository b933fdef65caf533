package network.aioz.chain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Settles the platform on an EVM chain: epoch commits, deposits, reconciliation. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class ChainAdapterApplication {

  public static void main(String[] args) {
    SpringApplication.run(ChainAdapterApplication.class, args);
  }
}
