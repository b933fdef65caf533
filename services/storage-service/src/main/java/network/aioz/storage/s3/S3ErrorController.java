package network.aioz.storage.s3;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors the servlet container raises itself (a request body that ends early, a read that fails)
 * reach the client as S3 XML errors too, not as Spring Boot's JSON or Tomcat's HTML error page.
 */
@Controller
class S3ErrorController implements ErrorController {

  private static final SecureRandom RANDOM = new SecureRandom();

  @RequestMapping("${server.error.path:${error.path:/error}}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String requestId = response.getHeader("x-amz-request-id");
    if (requestId == null) {
      byte[] id = new byte[8];
      RANDOM.nextBytes(id);
      requestId = HexFormat.of().withUpperCase().formatHex(id);
      response.setHeader("x-amz-request-id", requestId);
      response.setHeader("x-amz-id-2", requestId);
    }
    S3Responses.error(
        response,
        new S3Exception(code(status instanceof Integer i ? i : 500, failure)),
        uri == null ? request.getRequestURI() : uri.toString(),
        requestId,
        "HEAD".equals(request.getMethod()));
  }

  static S3ErrorCode code(int status, Object failure) {
    if (failure instanceof IOException) {
      return S3ErrorCode.IncompleteBody;
    }
    return switch (status) {
      case 400 -> S3ErrorCode.InvalidRequest;
      case 403 -> S3ErrorCode.AccessDenied;
      case 405 -> S3ErrorCode.MethodNotAllowed;
      case 408 -> S3ErrorCode.RequestTimeout;
      case 411 -> S3ErrorCode.MissingContentLength;
      case 413 -> S3ErrorCode.EntityTooLarge;
      case 414 -> S3ErrorCode.InvalidURI;
      case 431 -> S3ErrorCode.RequestHeaderSectionTooLarge;
      case 501 -> S3ErrorCode.NotImplemented;
      case 503 -> S3ErrorCode.ServiceUnavailable;
      default ->
          status >= 400 && status < 500 ? S3ErrorCode.InvalidRequest : S3ErrorCode.InternalError;
    };
  }
}
