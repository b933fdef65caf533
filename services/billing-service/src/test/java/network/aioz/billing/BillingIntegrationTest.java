package network.aioz.billing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The one Spring context every billing-service integration test shares. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // at JVM exit the shared PostgreSQL may stop before this context: do not wait 30 s for it
      "spring.datasource.hikari.connection-timeout=3000"
    })
@ContextConfiguration(initializers = BillingTestInfra.class)
public @interface BillingIntegrationTest {}
