package io.clavis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns HTTP error answers and I/O failures into {@link ClavisException}s. */
final class Errors {
  private static final int MAX_MESSAGE_LENGTH = 500;

  private Errors() {}

  /**
   * Builds the exception for a non-2xx answer. The body is expected to be {@code {code, message,
   * requestId}}; anything else (a proxy's HTML page, an empty body) gives a generic message derived
   * from the status, never the body itself.
   */
  static ClavisException fromResponse(
      ObjectMapper mapper, int status, byte[] body, String requestIdHeader) {
    String code = null;
    String message = null;
    String requestId = requestIdHeader;
    if (body != null && body.length > 0) {
      try {
        JsonNode node = mapper.readTree(body);
        if (node != null && node.isObject()) {
          code = text(node, "code");
          message = text(node, "message");
          String rid = text(node, "requestId");
          if (rid != null) {
            requestId = rid;
          }
        }
      } catch (IOException | RuntimeException notJson) {
        // fall through to the generic message
      }
    }
    if (code == null) {
      code = defaultCode(status);
    }
    if (message == null) {
      message = "HTTP " + status + " " + reason(status);
    }
    return new ClavisException(status, code, oneLine(message), requestId);
  }

  /** The code used when an error answer carries none. */
  static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "PAYLOAD_TOO_LARGE";
      case 500 -> "INTERNAL";
      case 502, 503, 504 -> ClavisException.UNAVAILABLE;
      default -> "HTTP_" + status;
    };
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Payload Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "error";
    };
  }

  /** A short, secret-free description of why a server could not be reached. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof HttpTimeoutException) {
        return "request timed out";
      }
      if (t instanceof ConnectException) {
        String m = t.getMessage();
        if (m != null && m.toLowerCase(Locale.ROOT).contains("timed out")) {
          return "connection timed out";
        }
        return "connection refused";
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof SSLHandshakeException || t instanceof SSLException) {
        return "TLS failure: " + rootMessage(t);
      }
    }
    String m = rootMessage(failure);
    return m.isEmpty() ? "I/O error" : m;
  }

  /** The exception thrown when no server answered; one entry per server tried, in order. */
  static ClavisException unreachable(List<URI> servers, List<String> reasons, Throwable last) {
    StringBuilder sb = new StringBuilder();
    if (servers.size() == 1) {
      sb.append("cannot reach ").append(servers.get(0)).append(": ").append(reasons.get(0));
    } else {
      sb.append("cannot reach any server: ");
      for (int i = 0; i < servers.size(); i++) {
        if (i > 0) {
          sb.append("; ");
        }
        sb.append(servers.get(i)).append(": ").append(reasons.get(i));
      }
    }
    return new ClavisException(0, ClavisException.UNAVAILABLE, sb.toString(), null, last);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getMessage();
    }
    if (m == null || m.isBlank()) {
      return root.getClass().getSimpleName();
    }
    return oneLine(m);
  }

  /** Collapses whitespace runs (newlines included) and bounds the length. */
  static String oneLine(String s) {
    String flat = s.strip().replaceAll("\\s+", " ");
    return flat.length() > MAX_MESSAGE_LENGTH
        ? flat.substring(0, MAX_MESSAGE_LENGTH) + "..."
        : flat;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }
}
