package network.aioz.webhook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every webhook-service integration test shares: the real service on a
 * random port against the test JVM's shared PostgreSQL and Kafka broker, allowed to reach loopback
 * receivers over http, with a retry schedule scaled down to milliseconds and a test DNS ({@link
 * TestDns}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhook.delivery.allow-http=true",
      "webhook.delivery.allow-loopback=true",
      "webhook.delivery.schedule=300ms,300ms,300ms",
      "webhook.delivery.poll-interval=50ms",
      "webhook.delivery.timeout=PT2S",
      "platform.outbox.poll-interval=50ms",
      // at JVM exit the shared PostgreSQL may stop before this context: do not wait 30 s for it
      "spring.datasource.hikari.connection-timeout=3000"
    })
@ContextConfiguration(initializers = WebhookTestInfra.class)
@Import(TestDns.class)
public @interface WebhookIntegrationTest {}
