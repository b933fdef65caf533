package network.aioz.identity.support;

/**
 * A credential that does not authenticate; the message says why in a word or a few (unknown,
 * revoked, expired, malformed, wrong signature) and never repeats the credential.
 */
public class InvalidCredentialException extends Exception {

  public InvalidCredentialException(String reason) {
    super(reason);
  }
}
