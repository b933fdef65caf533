package network.aioz.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import network.aioz.shared.identity.PemKeys;

/**
 * The ES256 (P-256) key pair for internal identity tokens, generated once per data directory so
 * tokens stay valid across restarts.
 */
record IdentityKeys(String privatePem, String publicPem, Path privateFile, Path publicFile) {

  static final String ISSUER = "aioz-gateway";

  static IdentityKeys loadOrCreate(Path dir) throws IOException {
    Path privateFile = dir.resolve("internal-token-private.pem");
    Path publicFile = dir.resolve("internal-token-public.pem");
    if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
      Files.createDirectories(dir);
      KeyPair pair = PemKeys.generateP256();
      Files.writeString(
          publicFile, PemKeys.toPem((ECPublicKey) pair.getPublic()), StandardCharsets.US_ASCII);
      Path temp = dir.resolve("internal-token-private.pem.tmp");
      Files.writeString(
          temp, PemKeys.toPem((ECPrivateKey) pair.getPrivate()), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the key stays readable, acceptable for development.
      }
      Files.move(temp, privateFile);
    }
    return new IdentityKeys(
        Files.readString(privateFile, StandardCharsets.US_ASCII),
        Files.readString(publicFile, StandardCharsets.US_ASCII),
        privateFile,
        publicFile);
  }
}
