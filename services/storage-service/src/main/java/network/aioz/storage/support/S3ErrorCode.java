package network.aioz.storage.support;

/**
 * S3 error codes with the HTTP status S3 answers them with (the "Error responses" page of the
 * Amazon S3 API reference). The name is written as-is into the {@code <Code>} element.
 */
public enum S3ErrorCode {
  AccessDenied(403, "Access Denied"),
  AuthorizationHeaderMalformed(400, "The authorization header is malformed."),
  AuthorizationQueryParametersError(
      400, "The query-string authentication parameters are malformed."),
  BadDigest(400, "The Content-MD5 or checksum you specified did not match what we received."),
  BucketAlreadyExists(409, "The requested bucket name is not available."),
  BucketAlreadyOwnedByYou(
      409, "Your previous request to create the named bucket succeeded and you already own it."),
  BucketNotEmpty(409, "The bucket you tried to delete is not empty."),
  ConditionalRequestConflict(
      409, "A conflicting conditional operation is currently in progress against this resource."),
  EntityTooLarge(400, "Your proposed upload exceeds the maximum allowed size."),
  EntityTooSmall(400, "Your proposed upload is smaller than the minimum allowed object size."),
  IllegalVersioningConfigurationException(
      400, "The versioning configuration specified in the request is invalid."),
  IncompleteBody(
      400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
  InternalError(500, "We encountered an internal error. Please try again."),
  InvalidAccessKeyId(403, "The AWS access key ID you provided does not exist in our records."),
  InvalidArgument(400, "Invalid Argument"),
  InvalidBucketName(400, "The specified bucket is not valid."),
  InvalidBucketState(409, "The request is not valid with the current state of the bucket."),
  InvalidDigest(400, "The Content-MD5 you specified is not valid."),
  InvalidEncryptionAlgorithmError(400, "The encryption request you specified is not valid."),
  InvalidObjectState(403, "The operation is not valid for the current state of the object."),
  InvalidPart(
      400,
      "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag."),
  InvalidPartOrder(
      400, "The list of parts was not in ascending order. Parts must be ordered by part number."),
  InvalidRange(416, "The requested range is not satisfiable."),
  InvalidRequest(400, "Invalid Request"),
  InvalidTag(400, "The tag provided was not a valid tag."),
  InvalidURI(400, "Could not parse the specified URI."),
  KeyTooLongError(400, "Your key is too long."),
  MalformedXML(
      400,
      "The XML you provided was not well-formed or did not validate against our published schema."),
  MaxMessageLengthExceeded(400, "Your request was too big."),
  MetadataTooLarge(400, "Your metadata headers exceed the maximum allowed metadata size."),
  MethodNotAllowed(405, "The specified method is not allowed against this resource."),
  MissingContentLength(411, "You must provide the Content-Length HTTP header."),
  MissingRequestBodyError(400, "Request Body is empty."),
  MissingSecurityHeader(400, "Your request is missing a required header."),
  NoSuchBucket(404, "The specified bucket does not exist."),
  NoSuchCORSConfiguration(404, "The CORS configuration does not exist."),
  NoSuchKey(404, "The specified key does not exist."),
  NoSuchTagSet(404, "The TagSet does not exist."),
  NoSuchUpload(
      404,
      "The specified upload does not exist. The upload ID might be invalid, or the multipart upload might have been aborted or completed."),
  NoSuchVersion(404, "The specified version does not exist."),
  NotImplemented(
      501, "A header or query you provided implies functionality that is not implemented."),
  NotModified(304, "Not Modified"),
  /** Not an Amazon S3 code: the tenant's prepaid balance cannot cover new work. */
  PaymentRequired(402, "Your balance cannot cover new work."),
  PreconditionFailed(412, "At least one of the preconditions you specified did not hold."),
  RequestHeaderSectionTooLarge(
      400, "Your request header section exceeds the maximum allowed size."),
  RequestTimeTooSkewed(
      403, "The difference between the request time and the server's time is too large."),
  RequestTimeout(
      400,
      "Your socket connection to the server was not read from or written to within the timeout period."),
  ServiceUnavailable(503, "Please reduce your request rate."),
  SignatureDoesNotMatch(
      403,
      "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
  SlowDown(503, "Please reduce your request rate."),
  XAmzContentSHA256Mismatch(
      400, "The provided 'x-amz-content-sha256' header does not match what was computed.");

  private final int status;
  private final String defaultMessage;

  S3ErrorCode(int status, String defaultMessage) {
    this.status = status;
    this.defaultMessage = defaultMessage;
  }

  public int status() {
    return status;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
