package network.aioz.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The stack's secret files (properties, mode 600, replaced atomically), generated once per data
 * directory and kept: keys that encrypt stored data must outlive a restart.
 */
final class SecretFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFiles() {}

  /** The file's properties, after {@code generate} filled a new file if there was none. */
  static Properties loadOrCreate(Path file, String comment, Consumer<Properties> generate)
      throws IOException {
    if (!Files.exists(file)) {
      Properties generated = new Properties();
      generate.accept(generated);
      write(file, comment, generated);
    }
    Properties stored = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      stored.load(in);
    }
    return stored;
  }

  /** Writes {@code properties} readable by the owner only, replacing the file in one move. */
  static void write(Path file, String comment, Properties properties) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      properties.store(out, comment);
    }
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: readable by others, acceptable for development.
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A property that must be there; a missing one means the file was damaged. */
  static String required(Properties properties, String name, Path file) {
    String value = properties.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(file + " has no " + name + "; restore it or use --fresh");
    }
    return value;
  }

  /** Base64 of {@code bytes} random bytes: a 256-bit key for 32. */
  static String randomKey(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getEncoder().encodeToString(value);
  }
}
