package io.clavis.cli.bench;

/** What a benchmark runs against: a protocol, an operation and what it needs (key, payload). */
public interface BenchTarget extends AutoCloseable {
  /** {@code rest} or {@code kmip}. */
  String protocol();

  /**
   * Prepares worker {@code index}'s call before the clock starts (a connection, a ciphertext to
   * decrypt); called on the worker's thread.
   */
  BenchCall prepare(int index) throws Exception;

  /** A stable code for a failure, for the error counts: the API's code, a KMIP reason... */
  String errorCode(Exception failure);

  @Override
  void close();
}
