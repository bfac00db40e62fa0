package io.clavis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode.Response;
import java.util.ArrayList;
import java.util.List;

/** Assertions shared by the REST tests. */
final class ApiAssertions {
  private ApiAssertions() {}

  /**
   * Asserts a uniform error answer: the status (never 500), a JSON body with exactly {@code code},
   * {@code message} and {@code requestId}, the expected code, a message, and a request id equal to
   * the {@code Clavis-Request-Id} header.
   *
   * @return the error message
   */
  static String assertError(Response r, int status, String code) {
    assertThat(r.status()).as("status of %s", r).isNotEqualTo(500).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .as("content type of %s", r)
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = r.json();
    assertThat(body).as("JSON error body of %s", r).isNotNull();
    assertThat(body.isObject()).as("error body of %s is an object", r).isTrue();
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .as("error fields of %s", r)
        .containsExactlyInAnyOrder("code", "message", "requestId");
    for (String f : fields) {
      assertThat(body.get(f).isTextual()).as("%s of %s is a string", f, r).isTrue();
    }
    assertThat(body.get("code").asText()).as("code of %s", r).isEqualTo(code);
    assertThat(body.get("message").asText()).as("message of %s", r).isNotBlank();
    String requestId = body.get("requestId").asText();
    assertThat(requestId).as("requestId of %s", r).isNotBlank();
    assertThat(r.headers().firstValue("Clavis-Request-Id"))
        .as("Clavis-Request-Id header of %s", r)
        .contains(requestId);
    return body.get("message").asText();
  }

  /** Asserts a successful answer with this status and returns its JSON body (null if none). */
  static JsonNode assertOk(Response r, int status) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertThat(r.headers().firstValue("Clavis-Request-Id"))
        .as("Clavis-Request-Id header of %s", r)
        .hasValueSatisfying(v -> assertThat(v).isNotBlank());
    return r.json();
  }

  static JsonNode assertOk(Response r) {
    return assertOk(r, 200);
  }
}
