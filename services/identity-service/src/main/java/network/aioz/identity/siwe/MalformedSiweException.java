package network.aioz.identity.siwe;

/** A sign-in message or signature that is not well-formed; answered with 400. */
class MalformedSiweException extends IllegalArgumentException {

  MalformedSiweException(String detail) {
    super(detail);
  }
}
