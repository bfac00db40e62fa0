package io.clavis.cli.bench;

/**
 * One worker's operation, ready to repeat: its connection, its ciphertext to decrypt... Used by one
 * thread at a time, so it needs no locking.
 */
public interface BenchCall {
  /** Does the operation once; any exception counts as an error. */
  void run() throws Exception;

  /** The node that answered the last {@link #run()}, or null when none did. */
  String servedBy();
}
