package network.aioz.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The billing service: accounts, the token ledger, metering, splits, supply and edge rewards. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BillingApplication {

  public static void main(String[] args) {
    SpringApplication.run(BillingApplication.class, args);
  }
}
