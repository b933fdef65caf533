package network.aioz.proof;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The proof service: checks, without trusting the edges, that they keep the pieces they store. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ProofApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProofApplication.class, args);
  }
}
