package io.clavis.server.http;

/** A status and a body (serialised to JSON; null means no body). */
public record ApiResponse(int status, Object body) {
  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}
