package network.aioz.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.Properties;
import network.aioz.shared.identity.PemKeys;

/**
 * The development secrets of the tenant-facing services: the key that signs wallet-session JWTs,
 * the master key that encrypts S3 secrets at rest (identity-service), and the key that encrypts
 * webhook signing secrets at rest (webhook-service). Generated once per data directory and kept: a
 * new master key would make every stored secret unreadable.
 */
record IdentitySecrets(String jwtPrivateKeyPem, String s3MasterKey, String webhookSecretsKey) {

  private static final String FILE = "identity-secrets.properties";

  static IdentitySecrets loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    Properties stored =
        SecretFiles.loadOrCreate(
            file,
            "local-stack identity-service and webhook-service secrets",
            generated -> {
              generated.setProperty(
                  "jwt-private-key",
                  PemKeys.toPem((ECPrivateKey) PemKeys.generateP256().getPrivate()));
              generated.setProperty("s3-master-key", SecretFiles.randomKey(32));
              generated.setProperty("webhook-secrets-key", SecretFiles.randomKey(32));
            });
    return new IdentitySecrets(
        SecretFiles.required(stored, "jwt-private-key", file),
        SecretFiles.required(stored, "s3-master-key", file),
        SecretFiles.required(stored, "webhook-secrets-key", file));
  }
}
