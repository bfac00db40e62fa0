package io.clavis.cli;

import io.clavis.client.ClavisClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options of every client command: where the servers are, how to authenticate and how to print.
 * A mixin with inherited scope: {@code clavis key --output json list} and {@code clavis key list
 * --output json} mean the same. Values not given fall back to environment variables, read through
 * the injectable {@link EnvLookup}.
 */
public final class ClientOptions {
  /** The name under which commands mix these options in. */
  static final String MIXIN_NAME = "client";

  static final String DEFAULT_SERVER = "https://127.0.0.1:8443";
  static final String ENV_SERVER = "CLAVIS_SERVER";
  static final String ENV_TOKEN = "CLAVIS_TOKEN";
  static final String ENV_CACERT = "CLAVIS_CACERT";
  static final String ENV_MAPPING = "CLAVIS_MAPPING";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  @Option(
      names = "--server",
      paramLabel = "URL[,URL...]",
      scope = ScopeType.INHERIT,
      description =
          "Server URL(s), tried in order (env CLAVIS_SERVER; default https://127.0.0.1:8443).")
  String server;

  @Option(
      names = "--mapping",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description =
          "Use the nodes of this server-side mapping, in its order (env CLAVIS_MAPPING); --server"
              + " then only serves to fetch it.")
  String mapping;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      scope = ScopeType.INHERIT,
      description = "Bearer token (env CLAVIS_TOKEN, preferred: options show up in ps).")
  String token;

  @Option(
      names = "--ca-cert",
      paramLabel = "PEM",
      scope = ScopeType.INHERIT,
      description = "Trust only this CA to sign server certificates (env CLAVIS_CACERT).")
  Path caCert;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      scope = ScopeType.INHERIT,
      defaultValue = "table",
      description = "Output format: table (default) or json.")
  OutputFormat output = OutputFormat.table;

  /** The options in effect for a command: its own mixin, or that of the nearest parent. */
  static ClientOptions of(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      CommandSpec mixin = s.mixins().get(MIXIN_NAME);
      if (mixin != null) {
        return (ClientOptions) mixin.userObject();
      }
    }
    throw new IllegalStateException("command " + spec.qualifiedName() + " has no client options");
  }

  OutputFormat output() {
    return output == null ? OutputFormat.table : output;
  }

  /** The servers from {@code --server}, else {@code CLAVIS_SERVER}, else the default. */
  List<URI> servers(EnvLookup env) {
    String value = firstNonBlank(server, env.get(ENV_SERVER), DEFAULT_SERVER);
    List<URI> uris = new ArrayList<>();
    for (String part : value.split(",")) {
      String s = part.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (!s.contains("://")) {
        s = "https://" + s;
      }
      try {
        uris.add(URI.create(s));
      } catch (IllegalArgumentException e) {
        throw new CliException("invalid server URL '" + part.strip() + "'");
      }
    }
    if (uris.isEmpty()) {
      throw new CliException("no server URL given");
    }
    return uris;
  }

  /** The token from {@code --token}, else {@code CLAVIS_TOKEN}, else null. */
  String token(EnvLookup env) {
    return firstNonBlank(token, env.get(ENV_TOKEN), null);
  }

  /** The CA file from {@code --ca-cert}, else {@code CLAVIS_CACERT}, else null (JDK trust). */
  Path caCert(EnvLookup env) {
    if (caCert != null) {
      return caCert;
    }
    String fromEnv = env.get(ENV_CACERT);
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv.strip());
  }

  ClavisClient newClient(EnvLookup env) {
    return ClavisClient.builder()
        .servers(servers(env))
        .token(token(env))
        .caCertificate(caCert(env))
        .mapping(firstNonBlank(mapping, env.get(ENV_MAPPING), null))
        // One command, then exit: no background heartbeat.
        .heartbeatInterval(Duration.ZERO)
        .connectTimeout(CONNECT_TIMEOUT)
        .requestTimeout(REQUEST_TIMEOUT)
        .userAgent("clavis-cli/" + ClavisCommand.version())
        .build();
  }

  private static String firstNonBlank(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a.strip();
    }
    if (b != null && !b.isBlank()) {
      return b.strip();
    }
    return fallback;
  }
}
