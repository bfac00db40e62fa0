package io.clavis.cli;

import io.clavis.cli.bench.BenchOperation;
import io.clavis.cli.bench.BenchReport;
import io.clavis.cli.bench.BenchTarget;
import io.clavis.cli.bench.KmipTarget;
import io.clavis.cli.bench.LoadGenerator;
import io.clavis.cli.bench.ProgressPrinter;
import io.clavis.cli.bench.RestTarget;
import io.clavis.client.ClavisClient;
import io.clavis.kmip.client.KmipClient;
import io.clavis.kmip.client.KmipTls;
import io.clavis.kmip.spec.KmipVersion;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code clavis bench}: a load generator. Repeats one operation from many workers for a while and
 * reports throughput, latency percentiles and which nodes answered, over REST (through the SDK) or
 * KMIP.
 */
@Command(
    name = "bench",
    sortOptions = false,
    sortSynopsis = false,
    description = {
      "Load generator: repeat one operation from N workers for a while, then print ops, errors,"
          + " ops/s, latency percentiles (of successful operations) and answers per node.",
      "",
      "REST (https:// servers, through the SDK): encrypt, decrypt (each worker first encrypts"
          + " one payload), generate-data-key, sign (an RSA or EC key), get (key metadata) with"
          + " --key; create-key (AES_256 keys) with --vault. Nodes are named by the Clavis-Node"
          + " header of each answer.",
      "KMIP (--server kmip://HOST:PORT, mutual TLS with --client-cert/--client-key): get,"
          + " encrypt, decrypt (AES-GCM, the key must be Active) with --key, or without it on an"
          + " AES-256 key bench creates, activates and at the end revokes and destroys;"
          + " create-key (AES-256). One connection per worker; the node is HOST:PORT.",
      "",
      "The warm-up is not measured. Progress goes to standard error once a second when it is a"
          + " terminal (or with --progress); the report goes to standard output. Exit code 1 when"
          + " the first call fails or every call failed.",
      ""
    })
final class BenchCommand implements Callable<Integer> {
  static final int MAX_SIZE = 1 << 20;
  static final int MAX_CONCURRENCY = 1024;
  static final int MAX_DURATION = 3600;
  static final int MAX_WARMUP = 600;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  @Option(
      names = "--op",
      required = true,
      paramLabel = "OP",
      description = "What to repeat: encrypt, decrypt, generate-data-key, sign, create-key, get.")
  String op;

  @Option(
      names = "--key",
      paramLabel = "ID",
      description = "The key of every op but create-key (KMIP: optional, see above).")
  String keyId;

  @Option(
      names = "--vault",
      paramLabel = "ID",
      description = "The vault create-key makes keys in (REST only).")
  String vaultId;

  @Option(
      names = "--size",
      paramLabel = "BYTES",
      defaultValue = "1024",
      description = "Payload bytes (plaintext, message) per operation: 1..1048576 (default 1024).")
  int size;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "16",
      description = "Workers, each one call at a time: 1..1024 (default 16).")
  int concurrency;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Measured time, after the warm-up: 1..3600 (default 10).")
  int duration;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "Unmeasured time before it: 0..600 (default 2).")
  int warmup;

  @Option(
      names = "--protocol",
      paramLabel = "rest|kmip",
      description = "Defaults to kmip for a kmip:// server, rest otherwise.")
  String protocol;

  @Option(
      names = "--client-cert",
      paramLabel = "PEM",
      description = "KMIP: the client certificate (chain).")
  Path clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "PEM",
      description = "KMIP: the client's unencrypted PKCS#8 private key.")
  Path clientKey;

  @Option(
      names = "--kmip-version",
      paramLabel = "1.4|2.0",
      defaultValue = "1.4",
      description = "KMIP: the protocol version of the requests (default 1.4).")
  String kmipVersion;

  @Option(
      names = "--spread",
      description =
          "REST: workers prefer each --server node in turn, as clients behind a load balancer"
              + " (default: every worker prefers the first; the others are failover).")
  boolean spread;

  @Option(
      names = "--progress",
      description = "Print progress on standard error even when it is not a terminal.")
  boolean progress;

  /** What the options ask for, checked. */
  record Plan(BenchOperation op, boolean kmip, List<URI> servers, KmipVersion kmipVersion) {}

  @Override
  public Integer call() throws Exception {
    CliContext ctx = CliContext.of(spec);
    ClientOptions options = ClientOptions.of(spec);
    Plan plan = plan(options, ctx.env());
    Output out = new Output(spec.commandLine().getOut(), options.output());
    LoadGenerator.ProgressListener listener =
        progress || Terminal.stderrIsTerminal()
            ? new ProgressPrinter(spec.commandLine().getErr())
            : LoadGenerator.ProgressListener.NONE;
    BenchReport report;
    try (BenchTarget target = target(plan, options, ctx.env())) {
      report =
          new LoadGenerator(
                  new LoadGenerator.Settings(
                      concurrency, Duration.ofSeconds(warmup), Duration.ofSeconds(duration), size))
              .run(target, plan.op().cliName(), listener);
    } catch (LoadGenerator.SetupException e) {
      throw new CliException(e.getMessage());
    }
    out.print(report, () -> table(report));
    if (report.ops() == 0 && report.errors() > 0) {
      throw new CliException("every " + plan.op() + " failed, e.g. " + report.firstError());
    }
    return 0;
  }

  /** Checks the options; every problem is a usage error (exit code 2). */
  Plan plan(ClientOptions options, EnvLookup env) {
    BenchOperation operation =
        BenchOperation.byName(op.strip().toLowerCase(Locale.ROOT))
            .orElseThrow(
                () -> usage("unknown --op '" + op + "': expected " + BenchOperation.names()));
    range("--size", size, 1, MAX_SIZE);
    range("--concurrency", concurrency, 1, MAX_CONCURRENCY);
    range("--duration", duration, 1, MAX_DURATION);
    range("--warmup", warmup, 0, MAX_WARMUP);
    List<URI> servers;
    try {
      servers = options.servers(env);
    } catch (CliException e) {
      throw usage(e.getMessage());
    }
    long kmipServers = servers.stream().filter(BenchCommand::isKmip).count();
    if (kmipServers > 0 && (kmipServers != 1 || servers.size() != 1)) {
      throw usage("KMIP benchmarks take one server: --server kmip://HOST:PORT");
    }
    boolean kmip = kmipServers == 1;
    if (protocol != null) {
      String p = protocol.strip().toLowerCase(Locale.ROOT);
      if (!p.equals("rest") && !p.equals("kmip")) {
        throw usage("unknown --protocol '" + protocol + "': expected rest or kmip");
      }
      if (p.equals("kmip") != kmip) {
        throw usage(
            "--protocol "
                + p
                + " needs "
                + (p.equals("kmip") ? "--server kmip://HOST:PORT" : "https:// server URLs"));
      }
    }
    if (operation.needsKey() && blank(keyId) && !kmip) {
      throw usage("--op " + operation + " needs --key");
    }
    if (!operation.needsKey() && !blank(keyId)) {
      throw usage(
          "--op "
              + operation
              + " makes new keys: "
              + (kmip ? "drop --key" : "give --vault, not --key"));
    }
    if (!blank(vaultId) && (operation != BenchOperation.CREATE_KEY || kmip)) {
      throw usage("--vault is only for --op create-key over REST");
    }
    KmipVersion version = null;
    if (kmip) {
      if (!operation.overKmip()) {
        throw usage(
            "--op "
                + operation
                + " is not offered over KMIP (get, encrypt, decrypt,"
                + " create-key are)");
      }
      if (clientCert == null || clientKey == null) {
        throw usage("KMIP needs --client-cert and --client-key");
      }
      if (spread) {
        throw usage("--spread is for REST: KMIP benchmarks take one server");
      }
      if (options.caCert(env) == null) {
        throw usage("KMIP needs --ca-cert (or CLAVIS_CACERT)");
      }
      version = kmipVersion(kmipVersion);
    } else {
      if (clientCert != null || clientKey != null) {
        throw usage("--client-cert and --client-key are for KMIP (--server kmip://HOST:PORT)");
      }
      if (operation == BenchOperation.CREATE_KEY && blank(vaultId)) {
        throw usage("--op create-key needs --vault");
      }
    }
    return new Plan(operation, kmip, servers, version);
  }

  private BenchTarget target(Plan plan, ClientOptions options, EnvLookup env) {
    byte[] payload = new byte[size];
    new SecureRandom().nextBytes(payload);
    if (plan.kmip()) {
      URI server = plan.servers().get(0);
      return new KmipTarget(
          server.getHost(),
          server.getPort() < 0 ? KmipClient.DEFAULT_PORT : server.getPort(),
          KmipTls.mutual(options.caCert(env), clientCert, clientKey),
          plan.kmipVersion(),
          plan.op(),
          blank(keyId) ? null : keyId.strip(),
          payload);
    }
    ClavisClient.Builder client =
        ClavisClient.builder()
            .token(options.token(env))
            .caCertificate(options.caCert(env))
            .connectTimeout(CONNECT_TIMEOUT)
            .requestTimeout(REQUEST_TIMEOUT)
            .userAgent("clavis-bench/" + ClavisCommand.version());
    return new RestTarget(client, plan.servers(), spread, plan.op(), keyId, vaultId, payload);
  }

  static Table table(BenchReport r) {
    Table t =
        Table.fieldValue()
            .row("OPERATION", r.op())
            .row("PROTOCOL", r.protocol())
            .row("CONCURRENCY", r.concurrency())
            .row("PAYLOAD", r.size() + " bytes")
            .row(
                "DURATION",
                String.format(
                    Locale.ROOT,
                    "%.1f s (after %.0f s warm-up)",
                    r.durationSeconds(),
                    r.warmupSeconds()))
            .row("OPS", r.ops())
            .row("ERRORS", r.errors())
            .row("OPS/S", String.format(Locale.ROOT, "%.1f", r.opsPerSec()))
            .row("P50", ms(r.p50Ms()))
            .row("P99", ms(r.p99Ms()))
            .row("P99.9", ms(r.p999Ms()))
            .row("MAX", ms(r.maxMs()));
    for (Map.Entry<String, Long> n : r.byNode().entrySet()) {
      t.row("NODE " + n.getKey(), n.getValue());
    }
    for (Map.Entry<String, Long> e : r.errorsByCode().entrySet()) {
      t.row("ERROR " + e.getKey(), e.getValue());
    }
    if (r.firstError() != null) {
      t.row("FIRST ERROR", r.firstError());
    }
    return t;
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.3f ms", millis);
  }

  private static boolean isKmip(URI server) {
    return "kmip".equalsIgnoreCase(server.getScheme());
  }

  private KmipVersion kmipVersion(String text) {
    String[] parts = text.strip().split("\\.");
    try {
      if (parts.length == 2) {
        KmipVersion v = new KmipVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        if (v.compareTo(KmipVersion.V1_0) >= 0 && v.compareTo(KmipVersion.V2_1) <= 0) {
          return v;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw usage("invalid --kmip-version '" + text + "': expected 1.0 to 2.1, e.g. 1.4 or 2.0");
  }

  private void range(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw usage(option + " must be " + min + ".." + max + ", got " + value);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
