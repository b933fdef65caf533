package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageSecretsTests {

  @TempDir Path dir;

  @Test
  void generatesA256BitMasterKey() throws Exception {
    StorageSecrets secrets = StorageSecrets.loadOrCreate(dir);

    assertThat(Base64.getDecoder().decode(secrets.masterKey())).hasSize(32);
    assertThat(secrets.masterKeyId()).isEqualTo("k1");
  }

  @Test
  void keepsTheSameSecretsAcrossRestartsSoOldObjectsStayReadable() throws Exception {
    StorageSecrets first = StorageSecrets.loadOrCreate(dir);

    assertThat(StorageSecrets.loadOrCreate(dir)).isEqualTo(first);
    assertThat(StorageSecrets.loadOrCreate(dir.resolve("other"))).isNotEqualTo(first);
  }

  @Test
  void identitySecretsAreKeptToo() throws Exception {
    IdentitySecrets first = IdentitySecrets.loadOrCreate(dir);

    assertThat(Base64.getDecoder().decode(first.s3MasterKey())).hasSize(32);
    assertThat(first.jwtPrivateKeyPem()).contains("BEGIN PRIVATE KEY");
    assertThat(Base64.getDecoder().decode(first.webhookSecretsKey())).hasSize(32);
    assertThat(IdentitySecrets.loadOrCreate(dir)).isEqualTo(first);
  }
}
