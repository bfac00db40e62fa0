package io.clavis.cli;

/** How results are printed. */
public enum OutputFormat {
  /** Aligned, readable tables. */
  table,
  /** The API's JSON, pretty-printed, for scripts and jq. */
  json
}
