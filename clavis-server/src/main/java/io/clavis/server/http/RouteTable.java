package io.clavis.server.http;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds the route for a method and path by walking path segments: literal segments through a map at
 * each level, a {@code {name}} segment matching any one non-empty segment. A literal segment is
 * preferred over a parameter, and a path that matches only routes of other methods is told apart
 * (405) from one that matches nothing (404). Every request passes here, so it does not try regular
 * expressions route after route.
 *
 * @param <R> what a route carries
 */
final class RouteTable<R> {
  /** The outcome of a lookup: a route with its path parameters, 405 or 404. */
  sealed interface Lookup<R> {}

  record Found<R>(R route, Map<String, String> params) implements Lookup<R> {}

  record MethodNotAllowed<R>() implements Lookup<R> {}

  record NotFound<R>() implements Lookup<R> {}

  private static final class Node<R> {
    final Map<String, Node<R>> literals = new HashMap<>();
    Node<R> parameter;
    String parameterName;
    final Map<Method, R> routes = new LinkedHashMap<>();
  }

  private final Node<R> root = new Node<>();

  /**
   * Adds a route; {@code pattern} is an absolute path whose segments are literals or {@code
   * {name}}.
   *
   * @throws IllegalArgumentException for a malformed pattern, or a method and path already taken
   */
  void add(Method method, String pattern, R route) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("a route's path starts with /: " + pattern);
    }
    Node<R> node = root;
    for (String segment : segments(pattern)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("empty segment in " + pattern);
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String name = segment.substring(1, segment.length() - 1);
        if (node.parameter == null) {
          node.parameter = new Node<>();
          node.parameterName = name;
        } else if (!node.parameterName.equals(name)) {
          throw new IllegalArgumentException(
              "{" + name + "} and {" + node.parameterName + "} at the same place: " + pattern);
        }
        node = node.parameter;
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node<>());
      }
    }
    if (node.routes.putIfAbsent(method, route) != null) {
      throw new IllegalArgumentException("two routes for " + method.text() + " " + pattern);
    }
  }

  /** The route for a request's method and (decoded) path. */
  Lookup<R> find(Method method, String path) {
    if (!path.startsWith("/")) {
      return new NotFound<>();
    }
    String[] segments = segments(path);
    String[] values = new String[segments.length];
    Node<R>[] onPath = newPath(segments.length);
    Node<R> matched = match(root, segments, 0, method, values, onPath);
    if (matched != null) {
      R route = matched.routes.get(method);
      if (route != null) {
        return new Found<>(route, params(segments, values, onPath));
      }
      return new MethodNotAllowed<>();
    }
    return new NotFound<>();
  }

  /**
   * The node the segments lead to, preferring one with a route for {@code method}; failing that,
   * any node with routes (for a 405); null when none. Fills {@code values} and {@code onPath} for
   * the parameters of the path it returns.
   */
  private Node<R> match(
      Node<R> node, String[] segments, int i, Method method, String[] values, Node<R>[] onPath) {
    if (i == segments.length) {
      return node.routes.isEmpty() ? null : node;
    }
    String segment = segments[i];
    Node<R> fallback = null;
    Node<R> literal = node.literals.get(segment);
    if (literal != null) {
      onPath[i] = null;
      Node<R> found = match(literal, segments, i + 1, method, values, onPath);
      if (found != null && found.routes.containsKey(method)) {
        return found;
      }
      fallback = found;
    }
    if (node.parameter != null && !segment.isEmpty()) {
      String[] savedValues = values.clone();
      Node<R>[] savedPath = onPath.clone();
      onPath[i] = node;
      values[i] = segment;
      Node<R> found = match(node.parameter, segments, i + 1, method, values, onPath);
      if (found != null && (found.routes.containsKey(method) || fallback == null)) {
        return found;
      }
      System.arraycopy(savedValues, 0, values, 0, values.length);
      System.arraycopy(savedPath, 0, onPath, 0, onPath.length);
    }
    return fallback;
  }

  private Map<String, String> params(String[] segments, String[] values, Node<R>[] onPath) {
    Map<String, String> params = null;
    for (int i = 0; i < segments.length; i++) {
      if (onPath[i] != null) {
        if (params == null) {
          params = new HashMap<>(4);
        }
        params.put(onPath[i].parameterName, values[i]);
      }
    }
    return params == null ? Map.of() : params;
  }

  @SuppressWarnings("unchecked")
  private static <R> Node<R>[] newPath(int n) {
    return (Node<R>[]) new Node<?>[n];
  }

  /** "/a/b" -> [a, b]; "/" -> []; "/a/" -> [a, ""] (a trailing slash is its own, empty segment). */
  private static String[] segments(String path) {
    if (path.length() == 1) {
      return new String[0];
    }
    return path.substring(1).split("/", -1);
  }
}
