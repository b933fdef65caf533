package network.aioz.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The storage service's development secrets: the master key that wraps every object's data key, and
 * one S3 access key pair per development tenant. Generated once per data directory and kept,
 * because objects written under a lost master key can never be read again.
 */
record StorageSecrets(String masterKeyId, String masterKey, List<AccessKey> accessKeys) {

  static final String MASTER_KEY_ID = "k1";
  static final List<String> TENANTS = List.of("dev", "dev2");
  private static final String FILE = "storage-secrets.properties";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** An S3 access key pair and the tenant it acts for. */
  record AccessKey(String tenantId, String accessKeyId, String secretAccessKey) {}

  static StorageSecrets loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      Properties generated = new Properties();
      generated.setProperty("master-key." + MASTER_KEY_ID, base64(random(32)));
      for (String tenant : TENANTS) {
        // AWS-shaped: 20 upper-case characters for the id, 40 for the secret.
        String id = ("AKLOCAL" + HexFormat.of().formatHex(random(7))).toUpperCase();
        generated.setProperty(tenant + ".access-key-id", id.substring(0, 20));
        generated.setProperty(
            tenant + ".secret-key", base64(random(30)).replace('/', 'x').replace('+', 'z'));
      }
      Path temp = dir.resolve(FILE + ".tmp");
      try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        generated.store(
            out, "local-stack storage-service secrets; losing the master key loses data");
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
    List<AccessKey> keys =
        TENANTS.stream()
            .map(
                tenant ->
                    new AccessKey(
                        tenant,
                        required(stored, tenant + ".access-key-id", file),
                        required(stored, tenant + ".secret-key", file)))
            .toList();
    return new StorageSecrets(
        MASTER_KEY_ID, required(stored, "master-key." + MASTER_KEY_ID, file), keys);
  }

  private static String required(Properties properties, String name, Path file) {
    String value = properties.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(file + " has no " + name + "; restore it or use --fresh");
    }
    return value;
  }

  private static byte[] random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return value;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
