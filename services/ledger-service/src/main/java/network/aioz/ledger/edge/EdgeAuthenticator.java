package network.aioz.ledger.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import network.aioz.ledger.support.LedgerProperties;
import network.aioz.shared.edge.EdgeRequestSigning;
import network.aioz.shared.web.ApiProblem;
import org.springframework.stereotype.Component;

/**
 * Checks the signature of an edge's request (see {@link EdgeRequestSigning}) and returns the
 * address that signed it. Nothing an edge sends is acted on before this check.
 */
@Component
public class EdgeAuthenticator {

  private final Clock clock;
  private final Duration skew;

  EdgeAuthenticator(Clock clock, LedgerProperties settings) {
    this.clock = clock;
    this.skew = settings.signatureSkew();
  }

  /**
   * @return the checksummed address of the signer, which equals the {@code X-Edge-Address} header
   */
  public String authenticate(HttpServletRequest request, byte[] body) {
    String claimed = request.getHeader(EdgeRequestSigning.ADDRESS_HEADER);
    String timestampHeader = request.getHeader(EdgeRequestSigning.TIMESTAMP_HEADER);
    String signature = request.getHeader(EdgeRequestSigning.SIGNATURE_HEADER);
    if (claimed == null || timestampHeader == null || signature == null) {
      throw ApiProblem.unauthorized(
          "edge requests must carry "
              + EdgeRequestSigning.ADDRESS_HEADER
              + ", "
              + EdgeRequestSigning.TIMESTAMP_HEADER
              + " and "
              + EdgeRequestSigning.SIGNATURE_HEADER);
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.unauthorized("the edge timestamp is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > skew.toSeconds()) {
      throw ApiProblem.unauthorized(
          "the edge timestamp is more than "
              + skew.toSeconds()
              + " s away from the ledger's clock");
    }
    String pathAndQuery =
        request.getQueryString() == null
            ? request.getRequestURI()
            : request.getRequestURI() + "?" + request.getQueryString();
    String signer;
    try {
      signer =
          EdgeRequestSigning.recoverAddress(
              request.getMethod(), pathAndQuery, timestamp, body, signature);
    } catch (SignatureException e) {
      throw ApiProblem.unauthorized("the edge signature is invalid: " + e.getMessage());
    }
    if (!signer.equalsIgnoreCase(claimed.strip())) {
      throw ApiProblem.unauthorized("the signature was not made by " + claimed.strip());
    }
    return signer;
  }
}
