package network.aioz.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
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
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      Properties generated = new Properties();
      generated.setProperty(
          "jwt-private-key", PemKeys.toPem((ECPrivateKey) PemKeys.generateP256().getPrivate()));
      byte[] master = new byte[32];
      new SecureRandom().nextBytes(master);
      generated.setProperty("s3-master-key", Base64.getEncoder().encodeToString(master));
      byte[] webhookKey = new byte[32];
      new SecureRandom().nextBytes(webhookKey);
      generated.setProperty("webhook-secrets-key", Base64.getEncoder().encodeToString(webhookKey));
      Path temp = dir.resolve(FILE + ".tmp");
      try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        generated.store(out, "local-stack identity-service secrets");
      }
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: readable by others, acceptable for development.
      }
      Files.move(temp, file);
    }
    Properties stored = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      stored.load(in);
    }
    String jwt = stored.getProperty("jwt-private-key");
    String master = stored.getProperty("s3-master-key");
    String webhook = stored.getProperty("webhook-secrets-key");
    if (jwt == null || master == null || webhook == null) {
      throw new IllegalStateException(file + " is incomplete; restore it or use --fresh");
    }
    return new IdentitySecrets(jwt, master, webhook);
  }
}
