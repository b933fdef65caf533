package network.aioz.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every identity-service integration test shares: the real service on a
 * random port against the test JVM's shared PostgreSQL and Kafka broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "identity.siwe.domains=app.aioz.test,localhost:3000",
      "identity.siwe.uris=https://app.aioz.test,http://localhost:3000",
      "identity.siwe.nonce-ttl=PT5M",
      "identity.api-keys.last-used-flush=PT0.1S",
      "platform.outbox.poll-interval=50ms"
    })
@ContextConfiguration(initializers = IdentityTestInfra.class)
public @interface IdentityIntegrationTest {}
