package network.aioz.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import network.aioz.shared.identity.PemKeys;
import network.aioz.shared.time.ClockAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

class WebProblemsAutoConfigurationTests {

  private static final String KEY = PemKeys.toPem((ECPublicKey) PemKeys.generateP256().getPublic());

  private static final AutoConfigurations ALL =
      AutoConfigurations.of(
          ClockAutoConfiguration.class,
          WebProblemsAutoConfiguration.class,
          WebMvcAutoConfiguration.class);

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner().withConfiguration(ALL);

  @Test
  void aServiceAnsweringWithProblemDetailsGetsTheProblemResponsesAndCallerIdentity() {
    web.withPropertyValues(
            "spring.application.name=ledger-service",
            "spring.mvc.problemdetails.enabled=true",
            "platform.identity.public-key=" + KEY)
        .run(
            context -> {
              assertThat(context).hasSingleBean(CallerIdentity.class).hasSingleBean(Clock.class);
              // Boot's own problem details handler backed off: exactly one handler, the platform's
              assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class);
              assertThat(context.getBean(ResponseEntityExceptionHandler.class))
                  .isInstanceOf(ProblemResponses.class);
              assertThat(context.getBean(ProblemResponses.class).typeBase())
                  .isEqualTo(URI.create("https://aioz.network/problems/ledger/"));
            });
  }

  @Test
  void theTypeBaseCanBeSet() {
    web.withPropertyValues(
            "spring.mvc.problemdetails.enabled=true",
            "platform.problems.base=https://docs.example/problems/ledger/")
        .run(
            context ->
                assertThat(context.getBean(ProblemResponses.class).typeBase())
                    .isEqualTo(URI.create("https://docs.example/problems/ledger/")));
  }

  /** The storage service answers S3's XML errors: it must keep its own error handling. */
  @Test
  void aServiceWithoutProblemDetailsGetsOnlyTheClock() {
    web.withPropertyValues(
            "spring.application.name=storage-service", "platform.identity.public-key=" + KEY)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Clock.class);
              assertThat(context)
                  .doesNotHaveBean(ResponseEntityExceptionHandler.class)
                  .doesNotHaveBean(CallerIdentity.class);
            });
  }

  @Test
  void anApplicationThatIsNoServletServiceGetsOnlyTheClock() {
    new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues(
            "spring.mvc.problemdetails.enabled=true", "platform.identity.public-key=" + KEY)
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(Clock.class)
                    .doesNotHaveBean(ProblemResponses.class)
                    .doesNotHaveBean(CallerIdentity.class));
  }

  @Test
  void withoutTheKeySettingThereIsNoCallerIdentityAndABlankKeyStopsStartup() {
    web.withPropertyValues("spring.mvc.problemdetails.enabled=true")
        .run(context -> assertThat(context).doesNotHaveBean(CallerIdentity.class));
    web.withPropertyValues(
            "spring.mvc.problemdetails.enabled=true", "platform.identity.public-key=")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("platform.identity.public-key"));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Bean
    Clock testClock() {
      return FIXED;
    }

    @Bean
    ResponseEntityExceptionHandler ownHandler() {
      return new ResponseEntityExceptionHandler() {};
    }
  }

  @Test
  void aServicesOwnClockAndExceptionHandlerWin() {
    web.withUserConfiguration(OwnBeans.class)
        .withPropertyValues("spring.mvc.problemdetails.enabled=true")
        .run(
            context -> {
              assertThat(context.getBean(Clock.class)).isSameAs(OwnBeans.FIXED);
              assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class);
              assertThat(context).doesNotHaveBean(ProblemResponses.class);
            });
  }
}
