package network.aioz.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageSecretsTests {

  @TempDir Path dir;

  @Test
  void generatesA256BitMasterKeyAndOneKeyPairPerTenant() throws Exception {
    StorageSecrets secrets = StorageSecrets.loadOrCreate(dir);

    assertThat(Base64.getDecoder().decode(secrets.masterKey())).hasSize(32);
    assertThat(secrets.masterKeyId()).isEqualTo("k1");
    assertThat(secrets.accessKeys())
        .extracting(StorageSecrets.AccessKey::tenantId)
        .containsExactly("dev", "dev2");
    assertThat(secrets.accessKeys())
        .allSatisfy(
            key -> {
              assertThat(key.accessKeyId()).matches("[A-Z0-9]{20}");
              assertThat(key.secretAccessKey()).matches("[A-Za-z0-9]{40}");
            });
    assertThat(secrets.accessKeys().get(0).accessKeyId())
        .isNotEqualTo(secrets.accessKeys().get(1).accessKeyId());
  }

  @Test
  void keepsTheSameSecretsAcrossRestartsSoOldObjectsStayReadable() throws Exception {
    StorageSecrets first = StorageSecrets.loadOrCreate(dir);

    assertThat(StorageSecrets.loadOrCreate(dir)).isEqualTo(first);
    assertThat(StorageSecrets.loadOrCreate(dir.resolve("other"))).isNotEqualTo(first);
  }
}
