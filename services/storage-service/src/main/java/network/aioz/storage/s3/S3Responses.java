package network.aioz.storage.s3;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import network.aioz.storage.support.S3Exception;

/** Writing S3 responses: XML documents, empty answers and errors, with S3's common headers. */
public final class S3Responses {

  public static final String XML = "application/xml";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private S3Responses() {}

  public static String httpDate(Instant t) {
    return HTTP_DATE.format(t);
  }

  public static String isoDate(Instant t) {
    return ISO.format(t);
  }

  public static void xml(S3Request request, int status, Xml.Writer document) throws IOException {
    xml(request.response(), status, document.toBytes());
  }

  static void xml(HttpServletResponse response, int status, byte[] body) throws IOException {
    response.setStatus(status);
    response.setContentType(XML);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  public static void empty(S3Request request, int status) {
    request.response().setStatus(status);
    request.response().setContentLength(0);
  }

  /** The XML error body S3 sends: Code, Message, details, Resource, RequestId, HostId. */
  static void error(
      HttpServletResponse response, S3Exception e, String resource, String requestId, boolean head)
      throws IOException {
    response.setStatus(e.code().status());
    response.setHeader("x-amz-error-code", e.code().name());
    if (head || e.code().status() == 304) {
      // HEAD and 304 answers have no body
      response.setContentLength(0);
      return;
    }
    Xml.Writer doc = Xml.Writer.plain("Error").element("Code", e.code().name());
    doc.element("Message", e.getMessage());
    for (Map.Entry<String, String> detail : e.orderedDetails()) {
      doc.element(detail.getKey(), detail.getValue());
    }
    doc.element("Resource", resource).element("RequestId", requestId).element("HostId", requestId);
    xml(response, e.code().status(), doc.toBytes());
  }
}
