package network.aioz.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The storage service's development secret: the master key that wraps every object's data key.
 * Generated once per data directory and kept, because objects written under a lost master key can
 * never be read again. (Tenants' S3 access keys come from identity-service: {@link DevTenants}.)
 */
record StorageSecrets(String masterKeyId, String masterKey) {

  static final String MASTER_KEY_ID = "k1";
  private static final String FILE = "storage-secrets.properties";

  static StorageSecrets loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    Properties stored =
        SecretFiles.loadOrCreate(
            file,
            "local-stack storage-service secrets; losing the master key loses data",
            generated ->
                generated.setProperty("master-key." + MASTER_KEY_ID, SecretFiles.randomKey(32)));
    return new StorageSecrets(
        MASTER_KEY_ID, SecretFiles.required(stored, "master-key." + MASTER_KEY_ID, file));
  }
}
