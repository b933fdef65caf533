package network.aioz.webhook.ssrf;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import network.aioz.shared.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * Checks an endpoint URL when a tenant registers it: absolute http(s), no user info, https unless
 * {@code allow-http}, and a host that resolves to allowed addresses only. The resolution is
 * repeated at connect time ({@link SafeDnsResolver}); this one gives early feedback.
 */
public class UrlPolicy {

  static final int MAX_LENGTH = 2048;

  private final boolean allowHttp;
  private final HostResolver resolver;
  private final AddressPolicy addresses;

  public UrlPolicy(boolean allowHttp, HostResolver resolver, AddressPolicy addresses) {
    this.allowHttp = allowHttp;
    this.resolver = resolver;
    this.addresses = addresses;
  }

  /**
   * The URL, normalized, when a webhook may be sent to it.
   *
   * @throws ApiProblem 400 {@code invalid-url} for a malformed or disallowed URL, 422 {@code
   *     unsafe-url} when its host resolves to a refused address or does not resolve
   */
  public URI check(String raw) {
    URI uri = parse(raw);
    InetAddress[] resolved;
    try {
      resolved = resolver.resolve(uri.getHost());
    } catch (UnknownHostException e) {
      throw unsafe("the host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress address : resolved) {
      var refusal = addresses.refusal(address);
      if (refusal.isPresent()) {
        throw unsafe(
            "the host "
                + uri.getHost()
                + " resolves to a "
                + refusal.get()
                + " address; webhooks go to public addresses only");
      }
    }
    return uri;
  }

  private URI parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw invalid("url is required");
    }
    if (raw.length() > MAX_LENGTH) {
      throw invalid("url is longer than " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw invalid("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw invalid("url must be an absolute http(s) URL");
    }
    if (uri.getRawUserInfo() != null
        || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      throw invalid("url must not carry user info");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid("url has no valid host");
    }
    if (scheme.equals("http") && !allowHttp) {
      throw invalid("url must use https");
    }
    if (uri.getFragment() != null) {
      throw invalid("url must not have a fragment");
    }
    return uri;
  }

  private static ApiProblem invalid(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-url", "Invalid endpoint URL", detail);
  }

  private static ApiProblem unsafe(String detail) {
    return new ApiProblem(
        HttpStatus.UNPROCESSABLE_CONTENT, "unsafe-url", "Endpoint URL not allowed", detail);
  }
}
