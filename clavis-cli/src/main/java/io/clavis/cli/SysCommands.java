package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.ClavisException;
import io.clavis.client.HealthStatus;
import io.clavis.client.InitRequest;
import io.clavis.client.InitResult;
import io.clavis.client.SealStatus;
import io.clavis.client.UnsealProgress;
import io.clavis.client.UnsealRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code init}, {@code unseal}, {@code status}, {@code seal} and {@code random}. */
final class SysCommands {
  private SysCommands() {}

  enum SealType {
    passphrase,
    shamir
  }

  @Command(
      name = "init",
      description = {
        "Initialise a new cluster and print its root token (and, for shamir, the unseal shares).",
        "They are shown only once: store them somewhere safe.",
        "Without --passphrase-file, the passphrase is asked on the terminal (twice, without echo)."
      })
  static final class Init extends ClientCommand.Standalone {
    @Option(
        names = "--type",
        paramLabel = "passphrase|shamir",
        defaultValue = "passphrase",
        description = "How the root key is protected (default: passphrase).")
    SealType type;

    @Option(
        names = "--passphrase-file",
        paramLabel = "PATH",
        description = "Read the passphrase from this file (first line; - for standard input).")
    String passphraseFile;

    @Option(names = "--shares", paramLabel = "N", description = "shamir: number of shares.")
    Integer shares;

    @Option(
        names = "--threshold",
        paramLabel = "K",
        description = "shamir: number of shares needed to unseal.")
    Integer threshold;

    private InitRequest request;

    @Override
    void validate(CliContext ctx) throws Exception {
      if (type == SealType.shamir) {
        if (passphraseFile != null) {
          throw usage("--passphrase-file is only for --type passphrase");
        }
        if (shares == null || threshold == null) {
          throw usage("--type shamir needs --shares and --threshold");
        }
        request = InitRequest.shamir(shares, threshold);
      } else {
        if (shares != null || threshold != null) {
          throw usage("--shares and --threshold are only for --type shamir");
        }
        String passphrase =
            passphraseFile != null
                ? Inputs.readSecretFile(passphraseFile, ctx)
                : promptNewPassphrase(ctx);
        request = InitRequest.passphrase(passphrase);
      }
    }

    private String promptNewPassphrase(CliContext ctx) {
      char[] first = ctx.prompter().readSecret("Passphrase: ");
      if (first == null) {
        throw usage("no terminal to ask for the passphrase: use --passphrase-file");
      }
      char[] second = ctx.prompter().readSecret("Passphrase again: ");
      try {
        if (first.length == 0) {
          throw new CliException("the passphrase is empty");
        }
        if (second == null || !Arrays.equals(first, second)) {
          throw new CliException("the passphrases do not match");
        }
        return new String(first);
      } finally {
        Arrays.fill(first, '\0');
        if (second != null) {
          Arrays.fill(second, '\0');
        }
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      InitResult result = client.init(request);
      if (out.isJson()) {
        out.json(result);
        return 0;
      }
      List<String> shareList = result.shares() == null ? List.of() : result.shares();
      out.line(
          "WARNING: store the root token"
              + (shareList.isEmpty() ? "" : " and the unseal shares")
              + " now, somewhere safe: they are shown only once and cannot be recovered.");
      out.line("");
      Table t = Table.fieldValue().row("ROOT TOKEN", result.rootToken());
      for (int i = 0; i < shareList.size(); i++) {
        t.row("SHARE " + (i + 1), shareList.get(i));
      }
      out.table(t);
      return 0;
    }
  }

  @Command(
      name = "unseal",
      description = {
        "Give a sealed node its passphrase, or one Shamir share (repeat until the threshold).",
        "Without an option, asks on the terminal (without echo) for what the node needs."
      })
  static final class Unseal extends ClientCommand.Standalone {
    static final class Secret {
      @Option(
          names = "--passphrase-file",
          paramLabel = "PATH",
          description = "Read the passphrase from this file (first line; - for standard input).")
      String passphraseFile;

      @Option(
          names = "--share",
          paramLabel = "SHARE",
          description = "One unseal share, as printed by init.")
      String share;

      @Option(names = "--reset", description = "Forget the shares submitted so far.")
      boolean reset;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Secret secret;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws Exception {
      UnsealRequest request;
      if (secret == null) {
        SealStatus status = client.sealStatus();
        if (!status.sealed()) {
          print(out, new UnsealProgress(false, 0, nz(status.threshold())));
          return 0;
        }
        request = prompt(ctx, status);
      } else if (secret.reset) {
        request = UnsealRequest.resetShares();
      } else if (secret.share != null) {
        request = UnsealRequest.share(secret.share.strip());
      } else {
        request = UnsealRequest.passphrase(Inputs.readSecretFile(secret.passphraseFile, ctx));
      }
      print(out, client.unseal(request));
      return 0;
    }

    private UnsealRequest prompt(CliContext ctx, SealStatus status) {
      boolean shamir = InitRequest.SHAMIR.equalsIgnoreCase(status.type());
      String prompt =
          shamir
              ? "Unseal share ("
                  + (nz(status.progress()) + 1)
                  + " of "
                  + nz(status.threshold())
                  + "): "
              : "Passphrase: ";
      char[] typed = ctx.prompter().readSecret(prompt);
      if (typed == null) {
        throw usage(
            "no terminal to ask for the "
                + (shamir ? "share: use --share" : "passphrase: use --passphrase-file"));
      }
      try {
        String value = new String(typed).strip();
        if (value.isEmpty()) {
          throw new CliException("nothing entered");
        }
        return shamir ? UnsealRequest.share(value) : UnsealRequest.passphrase(value);
      } finally {
        Arrays.fill(typed, '\0');
      }
    }

    private static void print(Output out, UnsealProgress p) {
      out.print(
          p,
          () ->
              Table.fieldValue()
                  .row("SEALED", p.sealed())
                  .row("PROGRESS", p.sealed() ? p.progress() + "/" + p.threshold() : null));
    }
  }

  @Command(name = "status", description = "Show the health and seal status of the server.")
  static final class Status extends ClientCommand.Standalone {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      HealthStatus health = null;
      ClavisException healthError = null;
      try {
        health = client.health();
      } catch (ClavisException e) {
        if (e.isConnectionFailure()) {
          throw e;
        }
        healthError = e;
      }
      SealStatus seal = client.sealStatus();
      if (out.isJson()) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (health != null) {
          json.put("health", health);
        } else {
          json.put(
              "health",
              Map.of(
                  "code", healthError.code(), "message", String.valueOf(healthError.getMessage())));
        }
        json.put("sealStatus", seal);
        out.json(json);
        return 0;
      }
      Table t = Table.fieldValue();
      if (health != null) {
        t.row("MODE", health.mode())
            .row("STATUS", health.status())
            .row("NODE", health.node())
            .row("VERSION", health.version())
            .row("WRITABLE", health.writable());
      } else {
        t.row("HEALTH", healthError.getMessage() + " (" + healthError.code() + ")");
      }
      t.row("INITIALIZED", seal.initialized())
          .row("SEALED", seal.sealed())
          .row("SEAL TYPE", seal.type());
      if (InitRequest.SHAMIR.equalsIgnoreCase(seal.type())) {
        t.row("SHARES", seal.shares()).row("THRESHOLD", seal.threshold());
        if (seal.sealed()) {
          t.row("UNSEAL PROGRESS", nz(seal.progress()) + "/" + nz(seal.threshold()));
        }
      }
      out.table(t);
      return 0;
    }
  }

  @Command(
      name = "seal",
      description = "Seal the node: it forgets its root key and cached keys until unsealed.")
  static final class Seal extends ClientCommand.Standalone {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.seal();
      if (out.isJson()) {
        out.json(Map.of("sealed", true));
      } else {
        out.line("sealed");
      }
      return 0;
    }
  }

  @Command(name = "random", description = "Print random bytes from the server, base64-encoded.")
  static final class Random extends ClientCommand.Standalone {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "BYTES",
        defaultValue = "32",
        description = "How many bytes, 1..4096 (default: 32).")
    int bytes;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      String random = Inputs.base64(client.random(bytes));
      out.print(Map.of("random", random), () -> Table.fieldValue().row("RANDOM", random));
      return 0;
    }
  }

  static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
