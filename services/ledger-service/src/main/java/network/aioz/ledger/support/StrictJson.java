package network.aioz.ledger.support;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import network.aioz.shared.web.ApiProblem;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies that were signed as bytes (so they must be parsed after the signature check)
 * strictly: unknown fields are refused, and the result is validated.
 */
@Component
public class StrictJson {

  private final JsonMapper mapper;
  private final Validator validator;

  public StrictJson(Validator validator) {
    this.mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    this.validator = validator;
  }

  public <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiProblem.badRequest("a JSON body is required");
    }
    T value;
    try {
      value = mapper.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ApiProblem(
          org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
          "unknown-field",
          "Unknown field",
          "unknown field '" + e.getPropertyName() + "'",
          java.util.Map.of("field", e.getPropertyName()));
    } catch (JacksonException e) {
      throw ApiProblem.badRequest(
          "the body is not valid JSON for this request: " + e.getOriginalMessage());
    }
    if (value == null) {
      throw ApiProblem.badRequest("a JSON body is required");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw ApiProblem.badRequest(
          violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(v -> v.getPropertyPath() + " " + v.getMessage())
              .collect(Collectors.joining("; ")));
    }
    return value;
  }

  public String writeString(Object value) {
    return mapper.writeValueAsString(value);
  }

  public <T> T readString(String json, Class<T> type) {
    return mapper.readValue(json, type);
  }
}
