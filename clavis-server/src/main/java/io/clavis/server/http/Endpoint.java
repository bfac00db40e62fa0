package io.clavis.server.http;

/** One REST operation: reads the request, calls the service layer, returns what to send. */
@FunctionalInterface
public interface Endpoint {
  ApiResponse handle(ApiRequest request);
}
