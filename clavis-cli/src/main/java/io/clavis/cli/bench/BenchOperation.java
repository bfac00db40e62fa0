package io.clavis.cli.bench;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The operations {@code clavis bench --op} repeats, with what each needs. */
public enum BenchOperation {
  ENCRYPT("encrypt", true, true),
  DECRYPT("decrypt", true, true),
  GENERATE_DATA_KEY("generate-data-key", true, false),
  SIGN("sign", true, false),
  CREATE_KEY("create-key", false, true),
  GET("get", true, true);

  private final String cliName;
  private final boolean needsKey;
  private final boolean overKmip;

  BenchOperation(String cliName, boolean needsKey, boolean overKmip) {
    this.cliName = cliName;
    this.needsKey = needsKey;
    this.overKmip = overKmip;
  }

  /** The name on the command line and in the report. */
  public String cliName() {
    return cliName;
  }

  /** Whether it works on an existing key ({@code --key}); create-key makes new ones instead. */
  public boolean needsKey() {
    return needsKey;
  }

  /** Whether the KMIP target offers it. */
  public boolean overKmip() {
    return overKmip;
  }

  /** The operation called {@code name} on the command line. */
  public static Optional<BenchOperation> byName(String name) {
    return Arrays.stream(values()).filter(o -> o.cliName.equals(name)).findFirst();
  }

  /** {@code encrypt|decrypt|...}, for help and errors. */
  public static String names() {
    return Arrays.stream(values()).map(BenchOperation::cliName).collect(Collectors.joining("|"));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
