package io.clavis.server.http;

/** The HTTP methods the API has routes for. */
public enum Method {
  GET,
  POST,
  PUT,
  PATCH,
  DELETE;

  /** The method's name on the wire. */
  public String text() {
    return name();
  }

  /** The method named {@code text} (case-sensitive, as HTTP says), or null for any other. */
  static Method of(String text) {
    return switch (text) {
      case "GET" -> GET;
      case "POST" -> POST;
      case "PUT" -> PUT;
      case "PATCH" -> PATCH;
      case "DELETE" -> DELETE;
      default -> null;
    };
  }
}
