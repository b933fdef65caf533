package network.aioz.storage.s3.auth;

import java.util.Optional;

/** Finds the credential of an access key id; empty when the key is unknown or disabled. */
@FunctionalInterface
public interface CredentialLookup {
  Optional<Credential> find(String accessKeyId);
}
