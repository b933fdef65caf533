package network.aioz.storage.s3.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import network.aioz.storage.support.S3ErrorCode;
import network.aioz.storage.support.S3Exception;

/**
 * Authenticates S3 requests signed with AWS Signature Version 4, in the Authorization header or in
 * a presigned URL, answering with the errors S3 gives. Thread-safe.
 */
public final class SigV4Authenticator {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  static final long MAX_EXPIRES_SECONDS = 604_800;
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
  private static final List<String> PRESIGN_PARAMS =
      List.of(
          "X-Amz-Algorithm",
          "X-Amz-Credential",
          "X-Amz-Signature",
          "X-Amz-Date",
          "X-Amz-SignedHeaders",
          "X-Amz-Expires");

  private final CredentialLookup credentials;
  private final Set<String> regions;
  private final String primaryRegion;
  private final Clock clock;
  private final SigningKeyCache signingKeys = new SigningKeyCache(256);

  /**
   * @param regions the regions accepted in the credential scope; the first (in iteration order) is
   *     the one named in wrong-region errors
   */
  public SigV4Authenticator(CredentialLookup credentials, Set<String> regions, Clock clock) {
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one region is required");
    }
    this.credentials = credentials;
    this.regions = Set.copyOf(regions);
    this.primaryRegion = regions.iterator().next();
    this.clock = clock;
  }

  /** Verifies the request's signature; throws {@link S3Exception} as S3 would. */
  public Authentication authenticate(RequestView request) {
    String authorization = request.header("authorization");
    List<Canonical.QueryParam> query = Canonical.parseQuery(request.rawQuery());
    Map<String, String> params = firstValues(query);
    boolean presignedV4 =
        params.containsKey("X-Amz-Algorithm")
            || params.containsKey("X-Amz-Credential")
            || params.containsKey("X-Amz-Signature");
    if (request.header("x-amz-security-token") != null
        || params.containsKey("X-Amz-Security-Token")) {
      throw new S3Exception(
          S3ErrorCode.NotImplemented,
          "Temporary security credentials (X-Amz-Security-Token) are not supported; use an access"
              + " key issued by this service.");
    }
    if (authorization != null && presignedV4) {
      throw new S3Exception(
              S3ErrorCode.InvalidArgument,
              "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature"
                  + " query string parameter or the Authorization header should be specified")
          .detail("ArgumentName", "Authorization")
          .detail("ArgumentValue", authorization);
    }
    if (authorization != null) {
      return headerAuthentication(request, authorization, query);
    }
    if (presignedV4) {
      return presignedAuthentication(request, query, params);
    }
    if (params.containsKey("AWSAccessKeyId") && params.containsKey("Signature")) {
      throw sigV2();
    }
    throw new S3Exception(S3ErrorCode.AccessDenied, "Access Denied: the request is not signed.");
  }

  private Authentication headerAuthentication(
      RequestView request, String authorization, List<Canonical.QueryParam> query) {
    String value = authorization.strip();
    if (value.startsWith("AWS ")) {
      throw sigV2();
    }
    if (!value.startsWith(ALGORITHM + " ")) {
      throw new S3Exception(S3ErrorCode.InvalidArgument, "Unsupported Authorization Type")
          .detail("ArgumentName", "Authorization")
          .detail("ArgumentValue", authorization);
    }
    Map<String, String> components = new LinkedHashMap<>();
    for (String part : value.substring(ALGORITHM.length() + 1).split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0
          || components.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip()) != null) {
        throw headerMalformed("the authorization component \"" + p + "\" is malformed.");
      }
    }
    String credentialValue = components.get("Credential");
    String signedHeadersValue = components.get("SignedHeaders");
    String signature = components.get("Signature");
    if (credentialValue == null || signedHeadersValue == null || signature == null) {
      throw headerMalformed(
          "the authorization header requires three components: Credential, SignedHeaders, and"
              + " Signature.");
    }
    Scope scope = Scope.parse(credentialValue, SigV4Authenticator::headerMalformed);
    checkScope(scope, SigV4Authenticator::headerMalformed);

    String dateHeader = request.header("x-amz-date");
    String rawDate = dateHeader != null ? dateHeader : request.header("date");
    Instant requestTime = parseRequestTime(dateHeader, request.header("date"));
    String amzDate = AMZ_DATE.format(requestTime);
    if (!scope.date().equals(amzDate.substring(0, 8))) {
      throw headerMalformed("Invalid credential date. Date is not the same as X-Amz-Date.");
    }
    Instant now = clock.instant();
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new S3Exception(S3ErrorCode.RequestTimeTooSkewed)
          .detail("RequestTime", rawDate)
          .detail("ServerTime", ISO.format(now))
          .detail("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
    }
    List<String> signedHeaders =
        signedHeaders(signedHeadersValue, SigV4Authenticator::headerMalformed);
    checkAllAmzHeadersSigned(request, signedHeaders);

    String payloadHash = request.header("x-amz-content-sha256");
    if (payloadHash == null) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest,
          "Missing required header for this request: x-amz-content-sha256");
    }
    payloadHash = payloadHash.strip();
    PayloadMode mode = payloadMode(payloadHash);
    long decodedLength = mode.chunked() ? decodedContentLength(request) : -1;

    Credential credential = lookup(scope.accessKeyId());
    byte[] signingKey =
        signingKeys.signingKey(credential.secretKey(), scope.date(), scope.region());
    String canonicalRequest =
        Canonical.request(
            request.method(), request.rawPath(), query, signedHeaders, request, payloadHash);
    String stringToSign = stringToSign(amzDate, scope, canonicalRequest);
    verifySignature(scope, signingKey, stringToSign, canonicalRequest, signature);
    return new Authentication(
        credential,
        mode,
        payloadHash,
        false,
        scope.region(),
        requestTime,
        amzDate,
        scope.toString(),
        signature.toLowerCase(Locale.ROOT),
        signedHeaders,
        signingKey,
        decodedLength);
  }

  private Authentication presignedAuthentication(
      RequestView request, List<Canonical.QueryParam> query, Map<String, String> params) {
    for (String name : PRESIGN_PARAMS) {
      if (!params.containsKey(name)) {
        throw queryError(
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
                + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires"
                + " parameters.");
      }
    }
    if (!ALGORITHM.equals(params.get("X-Amz-Algorithm"))) {
      throw queryError("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    }
    Scope scope =
        Scope.parse(
            params.get("X-Amz-Credential"),
            m -> queryError("Error parsing the X-Amz-Credential parameter; " + m));
    checkScope(scope, m -> queryError("Error parsing the X-Amz-Credential parameter; " + m));
    String amzDate = params.get("X-Amz-Date");
    Instant requestTime;
    try {
      requestTime = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    }
    if (!scope.date().equals(amzDate.substring(0, 8))) {
      throw queryError(
          "Error parsing the X-Amz-Credential parameter; Invalid credential date. Date is not the"
              + " same as X-Amz-Date.");
    }
    long expires;
    try {
      expires = Long.parseLong(params.get("X-Amz-Expires"));
    } catch (NumberFormatException e) {
      throw queryError("X-Amz-Expires should be a number");
    }
    if (expires < 1) {
      throw queryError("X-Amz-Expires must be positive");
    }
    if (expires > MAX_EXPIRES_SECONDS) {
      throw queryError("X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }
    Instant now = clock.instant();
    if (requestTime.isAfter(now.plus(MAX_SKEW))) {
      throw new S3Exception(S3ErrorCode.AccessDenied, "Request is not valid yet")
          .detail("X-Amz-Date", amzDate)
          .detail("ServerTime", ISO.format(now));
    }
    Instant expiry = requestTime.plusSeconds(expires);
    if (now.isAfter(expiry)) {
      throw new S3Exception(S3ErrorCode.AccessDenied, "Request has expired")
          .detail("X-Amz-Expires", Long.toString(expires))
          .detail("Expires", ISO.format(expiry))
          .detail("ServerTime", ISO.format(now));
    }
    List<String> signedHeaders =
        signedHeaders(params.get("X-Amz-SignedHeaders"), SigV4Authenticator::queryError);
    String payloadHash = params.getOrDefault("X-Amz-Content-Sha256", PayloadMode.UNSIGNED_PAYLOAD);
    PayloadMode mode = payloadMode(payloadHash);
    if (mode.chunked()) {
      throw new S3Exception(
          S3ErrorCode.InvalidRequest, "aws-chunked bodies are not supported with presigned URLs.");
    }

    Credential credential = lookup(scope.accessKeyId());
    byte[] signingKey =
        signingKeys.signingKey(credential.secretKey(), scope.date(), scope.region());
    List<Canonical.QueryParam> signedQuery = new ArrayList<>(query.size());
    for (Canonical.QueryParam p : query) {
      if (!p.name().equals("X-Amz-Signature")) {
        signedQuery.add(p);
      }
    }
    String canonicalRequest =
        Canonical.request(
            request.method(), request.rawPath(), signedQuery, signedHeaders, request, payloadHash);
    String stringToSign = stringToSign(amzDate, scope, canonicalRequest);
    String signature = params.get("X-Amz-Signature");
    verifySignature(scope, signingKey, stringToSign, canonicalRequest, signature);
    return new Authentication(
        credential,
        mode,
        payloadHash,
        true,
        scope.region(),
        requestTime,
        amzDate,
        scope.toString(),
        signature.toLowerCase(Locale.ROOT),
        signedHeaders,
        signingKey,
        -1);
  }

  private void checkScope(Scope scope, Function<String, S3Exception> error) {
    if (!regions.contains(scope.region())) {
      throw error
          .apply("the region '" + scope.region() + "' is wrong; expecting '" + primaryRegion + "'")
          .detail("Region", primaryRegion);
    }
    if (!"s3".equals(scope.service())) {
      throw error.apply(
          "incorrect service '" + scope.service() + "'. This endpoint belongs to 's3'.");
    }
    if (!"aws4_request".equals(scope.terminal())) {
      throw error.apply(
          "incorrect terminal '" + scope.terminal() + "'. This endpoint uses 'aws4_request'.");
    }
  }

  private Credential lookup(String accessKeyId) {
    return credentials
        .find(accessKeyId)
        .orElseThrow(
            () ->
                new S3Exception(S3ErrorCode.InvalidAccessKeyId)
                    .detail("AWSAccessKeyId", accessKeyId));
  }

  private static void verifySignature(
      Scope scope,
      byte[] signingKey,
      String stringToSign,
      String canonicalRequest,
      String provided) {
    String expected = Crypto.signHex(signingKey, stringToSign);
    if (!Crypto.sameSignature(expected, provided.toLowerCase(Locale.ROOT))) {
      throw new S3Exception(S3ErrorCode.SignatureDoesNotMatch)
          .detail("AWSAccessKeyId", scope.accessKeyId())
          .detail("StringToSign", stringToSign)
          .detail("SignatureProvided", provided)
          .detail("CanonicalRequest", canonicalRequest);
    }
  }

  static String stringToSign(String amzDate, Scope scope, String canonicalRequest) {
    return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + Crypto.sha256Hex(canonicalRequest);
  }

  private static Instant parseRequestTime(String amzDate, String date) {
    try {
      if (amzDate != null) {
        return Instant.from(AMZ_DATE.parse(amzDate.strip()));
      }
      if (date != null) {
        return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.strip()));
      }
    } catch (DateTimeParseException e) {
      // S3 answers an unparseable date like a missing one
    }
    throw new S3Exception(
        S3ErrorCode.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
  }

  private static List<String> signedHeaders(String value, Function<String, S3Exception> error) {
    List<String> names = new ArrayList<>();
    for (String name : value.split(";")) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        throw error.apply("SignedHeaders has an empty header name.");
      }
      names.add(n);
    }
    if (!names.contains("host")) {
      throw error.apply("the host header must be signed (SignedHeaders: " + value + ").");
    }
    return names;
  }

  /**
   * S3 refuses x-amz-* headers that the signature does not cover, so a captured request cannot be
   * replayed with, say, a different x-amz-acl. Date and payload hash are covered anyway.
   */
  private static void checkAllAmzHeadersSigned(RequestView request, List<String> signedHeaders) {
    Set<String> unsigned = new TreeSet<>();
    for (String name : request.headerNames()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-amz-")
          && !lower.equals("x-amz-date")
          && !lower.equals("x-amz-content-sha256")
          && !signedHeaders.contains(lower)) {
        unsigned.add(lower);
      }
    }
    if (!unsigned.isEmpty()) {
      throw new S3Exception(
              S3ErrorCode.AccessDenied,
              "There were headers present in the request which were not signed")
          .detail("HeadersNotSigned", String.join(", ", unsigned));
    }
  }

  private static PayloadMode payloadMode(String payloadHash) {
    return switch (payloadHash) {
      case PayloadMode.UNSIGNED_PAYLOAD -> PayloadMode.UNSIGNED;
      case PayloadMode.STREAMING_PAYLOAD -> PayloadMode.STREAMING_SIGNED;
      case PayloadMode.STREAMING_PAYLOAD_TRAILER -> PayloadMode.STREAMING_SIGNED_TRAILER;
      case PayloadMode.STREAMING_UNSIGNED_TRAILER_VALUE -> PayloadMode.STREAMING_UNSIGNED_TRAILER;
      default -> {
        if (payloadHash.startsWith("STREAMING-AWS4-ECDSA-P256-SHA256")) {
          throw new S3Exception(
              S3ErrorCode.NotImplemented, "Signature Version 4A (ECDSA) is not supported.");
        }
        if (!Crypto.isLowerHex64(payloadHash)) {
          throw new S3Exception(
                  S3ErrorCode.InvalidArgument,
                  "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING-* value, or a valid"
                      + " sha256 value.")
              .detail("ArgumentName", "x-amz-content-sha256")
              .detail("ArgumentValue", payloadHash);
        }
        yield PayloadMode.SIGNED;
      }
    };
  }

  private static long decodedContentLength(RequestView request) {
    String value = request.header("x-amz-decoded-content-length");
    if (value == null) {
      throw new S3Exception(
          S3ErrorCode.MissingContentLength,
          "You must provide the x-amz-decoded-content-length header with an aws-chunked body.");
    }
    try {
      long length = Long.parseLong(value.strip());
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // falls through to the S3 error below
    }
    throw new S3Exception(S3ErrorCode.InvalidArgument, "Invalid x-amz-decoded-content-length")
        .detail("ArgumentName", "x-amz-decoded-content-length")
        .detail("ArgumentValue", value);
  }

  private static Map<String, String> firstValues(List<Canonical.QueryParam> query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Canonical.QueryParam p : query) {
      params.putIfAbsent(p.name(), p.value());
    }
    return params;
  }

  private static S3Exception sigV2() {
    return new S3Exception(
        S3ErrorCode.InvalidRequest,
        "The authorization mechanism you have provided is not supported. Please use"
            + " AWS4-HMAC-SHA256.");
  }

  private static S3Exception headerMalformed(String message) {
    return new S3Exception(
        S3ErrorCode.AuthorizationHeaderMalformed,
        "The authorization header is malformed; " + message);
  }

  private static S3Exception queryError(String message) {
    return new S3Exception(S3ErrorCode.AuthorizationQueryParametersError, message);
  }

  /** {@code AKID/yyyyMMdd/region/s3/aws4_request}; prints as the scope without the key id. */
  record Scope(String accessKeyId, String date, String region, String service, String terminal) {

    static Scope parse(String credential, Function<String, S3Exception> error) {
      String[] parts = credential.split("/", -1);
      if (parts.length != 5 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
        throw error.apply(
            "the Credential is mal-formed; expecting"
                + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
      }
      if (!parts[1].matches("\\d{8}")) {
        throw error.apply(
            "incorrect date format \"" + parts[1] + "\". This date should be YYYYMMDD.");
      }
      return new Scope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    @Override
    public String toString() {
      return date + '/' + region + '/' + service + '/' + terminal;
    }
  }

  /** Number of cached signing keys; for tests. */
  int cachedSigningKeys() {
    return signingKeys.size();
  }
}
