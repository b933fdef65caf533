package network.aioz.webhook.ssrf;

import java.net.UnknownHostException;

/**
 * A host that resolved only to addresses webhooks may not reach. It is an {@link
 * UnknownHostException} so the HTTP client gives up on the host without connecting anywhere.
 */
public class UnsafeAddressException extends UnknownHostException {

  public UnsafeAddressException(String host, String reason) {
    super(host + " resolves to a refused address (" + reason + ")");
  }
}
