package io.clavis.server.cluster;

/**
 * The cluster CA as replicated: its certificate, and its private key wrapped under the root key, so
 * that any unsealed node can admit a new one.
 */
public record ClusterCaRecord(String certificatePem, String wrappedKey) {
  public static final String KEY = "sys/cluster-ca";
}
