package network.aioz.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The storage service's development secret: the master key that wraps every object's data key.
 * Generated once per data directory and kept, because objects written under a lost master key can
 * never be read again. (Tenants' S3 access keys come from identity-service: {@link DevTenants}.)
 */
record StorageSecrets(String masterKeyId, String masterKey) {

  static final String MASTER_KEY_ID = "k1";
  private static final String FILE = "storage-secrets.properties";
  private static final SecureRandom RANDOM = new SecureRandom();

  static StorageSecrets loadOrCreate(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      Properties generated = new Properties();
      generated.setProperty("master-key." + MASTER_KEY_ID, base64(random(32)));
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
    return new StorageSecrets(MASTER_KEY_ID, required(stored, "master-key." + MASTER_KEY_ID, file));
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
