package io.clavis.server.http;

import java.util.Map;

/**
 * A status and a body (serialised to JSON; null means no body), or a text body of another type with
 * extra headers (exports).
 */
public record ApiResponse(
    int status, Object body, String contentType, Map<String, String> headers) {
  public ApiResponse(int status, Object body) {
    this(status, body, null, Map.of());
  }

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  /** A 200 with a text body of the given media type. */
  public static ApiResponse text(String contentType, String text, Map<String, String> headers) {
    return new ApiResponse(
        200, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType, headers);
  }
}
