package network.aioz.shared.web;

import java.time.Clock;
import network.aioz.shared.identity.InternalTokens;
import network.aioz.shared.time.ClockAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Gives a servlet service that answers with problem details ({@code
 * spring.mvc.problemdetails.enabled=true}) the platform's problem responses and, when it is given
 * the gateway's public key, its caller identity. A service with other error formats (the S3 API
 * answers in S3's XML) leaves problem details off and gets neither. It runs before Spring MVC's
 * auto-configuration so Boot's own problem details handler backs off in favour of this one.
 */
@AutoConfiguration(
    after = ClockAutoConfiguration.class,
    beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("spring.mvc.problemdetails.enabled")
public class WebProblemsAutoConfiguration {

  /** The service's own exception handler, if it has one, wins. */
  @Bean
  @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
  ProblemResponses problemResponses(
      @Value("${platform.problems.base:}") String base,
      @Value("${spring.application.name:service}") String applicationName) {
    return new ProblemResponses(ProblemResponses.typeBase(base, applicationName));
  }

  /**
   * Present whenever the key property is (even blank: then startup fails and says which setting is
   * missing).
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty("platform.identity.public-key")
  CallerIdentity callerIdentity(
      @Value("${platform.identity.public-key}") String publicKeyPem,
      @Value("${platform.identity.issuer:" + InternalTokens.DEFAULT_ISSUER + "}") String issuer,
      ObjectProvider<Clock> clock) {
    return new CallerIdentity(publicKeyPem, issuer, clock.getIfAvailable(Clock::systemUTC));
  }
}
