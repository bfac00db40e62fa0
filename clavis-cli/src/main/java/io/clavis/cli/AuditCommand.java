package io.clavis.cli;

import io.clavis.client.AuditEvent;
import io.clavis.client.AuditExport;
import io.clavis.client.AuditPage;
import io.clavis.client.AuditQuery;
import io.clavis.client.ClavisClient;
import io.clavis.client.TtlFormat;
import io.clavis.server.audit.AuditHeadCommand;
import io.clavis.server.audit.AuditLog;
import io.clavis.server.audit.AuditVerifier;
import io.clavis.server.audit.VerifyResult;
import io.clavis.server.node.NodeIdentity;
import io.clavis.server.state.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code audit list|export|verify}. {@code list} and {@code export} read the trail of every node
 * through a server; {@code verify} runs offline on a node's data directory.
 */
@Command(
    name = "audit",
    description = {
      "List, export and verify the audit trail.",
      "Every request, allowed, denied or failed, is recorded by the node that served it in a hash"
          + " chain whose heads are committed through Raft.",
      "Reading it needs 'read audit-events' (the built-in group audit-managers has it)."
    },
    subcommands = {
      AuditCommand.ListCommand.class,
      AuditCommand.Export.class,
      AuditCommand.Verify.class
    })
final class AuditCommand {
  /** The most records the server returns per request. */
  static final int MAX_PAGE = 1000;

  private AuditCommand() {}

  /** The results a record can have. */
  enum Result {
    allowed,
    denied,
    failed
  }

  /** The text formats of {@code audit export}. */
  enum ExportFormat {
    jsonl(AuditExport.Format.JSONL),
    syslog(AuditExport.Format.SYSLOG);

    final AuditExport.Format format;

    ExportFormat(AuditExport.Format format) {
      this.format = format;
    }
  }

  /**
   * A point in time: RFC 3339 ({@code 2026-11-23T07:00:00Z}, offsets allowed), a date (midnight
   * UTC), or a duration ago ({@code 30m}, {@code 12h}, {@code 7d}).
   */
  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return parseTime(value, Instant.now());
    }
  }

  static Instant parseTime(String value, Instant now) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException notATime) {
      // next form
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      // next form
    }
    try {
      return now.minus(TtlFormat.parse(v));
    } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
      throw new TypeConversionException(
          "invalid time '"
              + value
              + "' (expected e.g. 2026-11-23T07:00:00Z, 2026-11-23, or 12h for 12 hours ago)");
    }
  }

  /** The filters of {@code list} and {@code export}. */
  static final class Filters {
    @Option(names = "--key", paramLabel = "KEY_ID", description = "Only records about this key.")
    String keyId;

    @Option(
        names = "--principal",
        paramLabel = "NAME",
        description = "Only records of this user or service (name or id), or 'root'.")
    String principal;

    @Option(
        names = "--operation",
        paramLabel = "OPERATION",
        description =
            "Only this operation, such as key.encrypt, or a prefix ending with * (key.*).")
    String operation;

    @Option(
        names = "--result",
        paramLabel = "allowed|denied|failed",
        description = "Only records with this result.")
    Result result;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        converter = TimeConverter.class,
        description =
            "Only records at or after TIME: 2026-11-23T07:00:00Z, a date (UTC), or 12h, 7d... ago.")
    Instant from;

    @Option(
        names = "--to",
        paramLabel = "TIME",
        converter = TimeConverter.class,
        description = "Only records before TIME (same forms as --from).")
    Instant to;

    AuditQuery query() {
      return new AuditQuery(
          keyId, principal, operation, result == null ? null : result.name(), from, to);
    }

    void check(CommandSpec spec) {
      if (from != null && to != null && !from.isBefore(to)) {
        throw new ParameterException(
            spec.commandLine(), "--from (" + from + ") must be before --to (" + to + ")");
      }
    }
  }

  static void checkLimit(CommandSpec spec, Integer limit) {
    if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
      throw new ParameterException(
          spec.commandLine(), "--limit must be 1.." + MAX_PAGE + ", not " + limit);
    }
  }

  static Table table(List<AuditEvent> events) {
    Table t = new Table("TIME", "NODE", "PRINCIPAL", "OPERATION", "RESULT", "CODE", "RESOURCES");
    for (AuditEvent e : events) {
      t.row(
          Output.time(e.time()),
          e.node(),
          e.principal(),
          e.operation(),
          e.result(),
          e.code(),
          Output.tags(e.resources()));
    }
    return t;
  }

  /** What is missing when some nodes did not answer. */
  static String unreachable(Set<String> nodes) {
    boolean one = nodes.size() == 1;
    return (one ? "node " : "nodes ")
        + String.join(", ", nodes)
        + " did not answer: "
        + (one ? "its" : "their")
        + " records are missing";
  }

  @Command(
      name = "list",
      description = {
        "List the audit records of every node, oldest first, one page at a time.",
        "Operations are named like key.encrypt, user.create, auth.login."
      })
  static final class ListCommand extends ClientCommand.Standalone {
    @Mixin Filters filters;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Page size, 1..1000 (default: the server's, 100).")
    Integer limit;

    @Option(
        names = "--page",
        paramLabel = "TOKEN",
        description = "Start at this page (the next-page token of a previous listing).")
    String page;

    @Override
    void validate(CliContext ctx) {
      checkLimit(spec, limit);
      filters.check(spec);
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      AuditPage p = client.listAuditEvents(filters.query(), limit, page);
      out.print(p, () -> table(p.items()));
      if (!out.isJson() && p.hasNext()) {
        out.line("");
        out.line("more: --page " + p.nextPage());
      }
      if (!p.unreachableNodes().isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("warning: " + unreachable(new TreeSet<>(p.unreachableNodes())));
        err.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "export",
      description = {
        "Export every matching audit record as JSON lines or syslog lines.",
        "Follows the pages to the end over every node. jsonl gives the stored lines, chain hashes"
            + " included; syslog gives RFC 5424 lines with the fields as structured data.",
        "Writes to standard output, or to FILE, which is replaced only once every page has been"
            + " read. Shows progress on standard error when it is a terminal or --out is given,"
            + " and ends with the number of records. If a node does not answer, its records are"
            + " missing: the export is kept but the command fails (exit code 1)."
      })
  static final class Export extends ClientCommand.Standalone {
    @Mixin Filters filters;

    @Option(
        names = "--format",
        required = true,
        paramLabel = "jsonl|syslog",
        description = "jsonl: one stored JSON record per line; syslog: RFC 5424 lines.")
    ExportFormat format;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write to this file (replaced) instead of standard output.")
    Path outFile;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Records per request, 1..1000 (default: 1000).")
    Integer limit;

    @Override
    void validate(CliContext ctx) {
      checkLimit(spec, limit);
      filters.check(spec);
      if (outFile != null) {
        OutputFile.check(outFile);
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      Progress progress =
          Progress.forResults(err, outFile != null, "exported", "record", "records");
      Written written;
      if (outFile == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        written = export(client, stdout, progress);
        stdout.flush();
        progress.done();
        err.println("exported " + progress.count(written.records));
        err.flush();
      } else {
        written = exportToFile(client, progress);
        progress.done();
        if (out.isJson()) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("records", written.records);
          json.put("format", format.name());
          json.put("out", outFile.toString());
          out.json(json);
        } else {
          out.line("exported " + progress.count(written.records) + " to " + outFile);
        }
      }
      if (!written.unreachable.isEmpty()) {
        throw new CliException("the export is incomplete: " + unreachable(written.unreachable));
      }
      return 0;
    }

    private record Written(long records, Set<String> unreachable) {}

    private Written exportToFile(ClavisClient client, Progress progress) throws IOException {
      return OutputFile.write(outFile, w -> export(client, w, progress));
    }

    private Written export(ClavisClient client, Writer w, Progress progress) throws IOException {
      AuditQuery query = filters.query();
      int pageSize = limit == null ? MAX_PAGE : limit;
      Set<String> unreachable = new TreeSet<>();
      long records = 0;
      String page = null;
      do {
        AuditExport e = client.exportAuditEvents(query, format.format, pageSize, page);
        w.write(e.text());
        records += e.records();
        unreachable.addAll(e.unreachableNodes());
        if (e.hasNext() && e.nextPage().equals(page)) {
          throw new CliException(
              "the server answered the same page twice; stopped after " + progress.count(records));
        }
        page = e.hasNext() ? e.nextPage() : null;
        if (page != null) {
          progress.update(records);
        }
      } while (page != null);
      w.flush();
      return new Written(records, unreachable);
    }
  }

  @Command(
      name = "verify",
      description = {
        "Check a node's audit trail offline, on its data directory.",
        "Checks DIR/audit: every line intact, every record linked to the one before, seq without"
            + " gaps, and the chain heads committed through Raft (read from DIR's replicated"
            + " state) still in the chain, so that a rewritten or truncated trail is detected.",
        "The node may be running. Prints 'audit trail intact: ...' or 'audit trail BROKEN at"
            + " <segment> line <n> (seq <s>): <reason>'. When the replicated state cannot be read,"
            + " a warning says so and the chain is checked without the committed heads."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the trail is intact",
        "1:the trail is broken, or an error",
        "2:usage error, or DIR has no audit trail"
      })
  static final class Verify extends OfflineCommand {
    static final int EXIT_NO_TRAIL = 2;

    @Option(
        names = "--data",
        required = true,
        paramLabel = "DIR",
        description = "The node's data directory (the one given to 'clavis server --data').")
    Path data;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Path auditDir = data.resolve("audit");
      if (!Files.isDirectory(auditDir)) {
        err.println(
            "error: no audit trail in "
                + data
                + ": "
                + auditDir
                + " is not a directory (is --data a node's data directory?)");
        err.flush();
        return EXIT_NO_TRAIL;
      }
      Optional<NodeIdentity> identity = Optional.empty();
      List<AuditLog.Head> heads = List.of();
      String warning = null;
      try {
        identity = NodeIdentity.load(data);
        if (identity.isEmpty()) {
          warning =
              "no " + data.resolve("node.json") + ": the node and its committed heads are unknown";
        }
      } catch (IOException | RuntimeException e) {
        warning = "cannot read " + data.resolve("node.json") + ": " + ErrorFormat.message(e);
      }
      if (identity.isPresent()) {
        try {
          heads = committedHeads(data, identity.get());
        } catch (IOException | RuntimeException | LinkageError e) {
          warning =
              "cannot read the committed audit heads from the node's replicated state ("
                  + ErrorFormat.message(e)
                  + ")";
        }
      }
      if (warning != null) {
        err.println("warning: " + warning + "; checking the chain without them");
        err.flush();
      }
      VerifyResult r = AuditVerifier.verify(auditDir, heads);
      String node = r.node() != null ? r.node() : identity.map(NodeIdentity::name).orElse(null);
      Output out = out();
      if (out.isJson()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("intact", r.intact());
        json.put("records", r.records());
        json.put("node", node);
        json.put("headsChecked", heads.size());
        if (r.firstBroken() != null) {
          VerifyResult.Broken b = r.firstBroken();
          Map<String, Object> broken = new LinkedHashMap<>();
          broken.put("segment", b.segment().toString());
          broken.put("line", b.line());
          broken.put("seq", b.seq());
          broken.put("reason", b.reason());
          json.put("broken", broken);
        }
        if (warning != null) {
          json.put("warning", warning);
        }
        out.json(json);
      } else {
        out.line(line(r, node, heads.size()));
      }
      return r.intact() ? 0 : 1;
    }

    /** The one-line verdict. */
    static String line(VerifyResult r, String node, int headsChecked) {
      if (r.intact()) {
        return "audit trail intact: "
            + r.records()
            + " records on node "
            + (node == null ? "-" : node)
            + " ("
            + headsChecked
            + " committed heads checked)";
      }
      VerifyResult.Broken b = r.firstBroken();
      StringBuilder sb = new StringBuilder("audit trail BROKEN at ").append(b.segment());
      if (b.line() > 0) {
        sb.append(" line ").append(b.line());
      }
      if (b.seq() != null) {
        sb.append(" (seq ").append(b.seq()).append(')');
      }
      return sb.append(": ").append(oneLine(b.reason())).toString();
    }

    private static String oneLine(String s) {
      return s == null ? "-" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The heads committed for this node, from a read-only view of its replicated state. */
    static List<AuditLog.Head> committedHeads(Path data, NodeIdentity identity) throws IOException {
      try (StateStore store = StateStore.openReadOnly(stateDatabase(data, identity))) {
        return AuditHeadCommand.committed(store, identity.name());
      }
    }

    /**
     * Where the Raft state machine keeps its database: {@code DIR/raft/<group id>/sm/db} (the Ratis
     * storage layout), else the only {@code DIR/raft/* /sm/db} there is.
     */
    static Path stateDatabase(Path data, NodeIdentity identity) throws IOException {
      Path raft = data.resolve("raft");
      if (identity.groupId() != null) {
        Path db = raft.resolve(identity.groupId().toString()).resolve("sm").resolve("db");
        if (Files.isDirectory(db)) {
          return db;
        }
      }
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(raft)) {
        try (Stream<Path> groups = Files.list(raft)) {
          groups
              .map(g -> g.resolve("sm").resolve("db"))
              .filter(Files::isDirectory)
              .forEach(found::add);
        }
      }
      if (found.size() != 1) {
        throw new IOException(
            found.isEmpty()
                ? "no state database under " + raft
                : "several state databases under " + raft);
      }
      return found.get(0);
    }
  }
}
