package network.aioz.identity.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import network.aioz.shared.identity.PemKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SettingsBindingTests {

  @Configuration
  @EnableConfigurationProperties(IdentityProperties.class)
  static class Settings {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Settings.class);

  private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void startupFailsWithoutTheJwtKeyAndSaysWhichSetting() {
    runner
        .withPropertyValues("identity.s3.master-key=" + MASTER)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("IDENTITY_JWT_PRIVATE_KEY"));
  }

  @Test
  void startupFailsWithoutTheMasterKey() {
    runner
        .withPropertyValues("identity.jwt.private-key=x", "identity.s3.master-key=")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("IDENTITY_S3_MASTER_KEY"));
  }

  @Test
  void bindsDefaults() {
    String pem = PemKeys.toPem((ECPrivateKey) PemKeys.generateP256().getPrivate());
    runner
        .withPropertyValues(
            "identity.jwt.private-key=" + pem.replace("\n", "\\n"),
            "identity.s3.master-key=" + MASTER,
            "identity.siwe.uris=https://App.example.com/login")
        .run(
            context -> {
              IdentityProperties settings = context.getBean(IdentityProperties.class);
              assertThat(settings.jwt().lifetime().toMinutes()).isEqualTo(15);
              assertThat(settings.refresh().lifetime().toDays()).isEqualTo(30);
              assertThat(settings.siwe().nonceTtl().toMinutes()).isEqualTo(5);
              assertThat(settings.siwe().chainIds()).containsExactlyInAnyOrder(168L, 4102L, 31337L);
              assertThat(settings.siwe().uris()).containsExactly("https://app.example.com");
              assertThat(settings.siwe().hasRpc()).isFalse();
              assertThat(settings.toString()).doesNotContain(MASTER);
            });
  }
}
