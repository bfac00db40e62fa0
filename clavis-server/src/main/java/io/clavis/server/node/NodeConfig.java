package io.clavis.server.node;

import io.clavis.core.crypto.Argon2idKdf;
import io.clavis.server.kmip.KmipLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a node. Ports left null come from the node's saved identity, or the defaults on first
 * start; a port of 0 means "any free port".
 */
public record NodeConfig(
    Path dataDir,
    String host,
    Integer apiPort,
    Integer clusterPort,
    Integer kmipPort,
    String nodeName,
    long maxPlaintextBytes,
    Duration maintenanceInterval,
    Argon2idKdf.Params kdfParams,
    long snapshotThreshold,
    long maxClockSkewMs,
    boolean auditFailClosed,
    Duration auditHeadInterval,
    KmipLimits kmipLimits,
    boolean metricsUnauthenticated) {
  public static final int DEFAULT_API_PORT = 8443;
  public static final int DEFAULT_CLUSTER_PORT = 8444;
  public static final int DEFAULT_KMIP_PORT = 5696;
  public static final long DEFAULT_MAX_PLAINTEXT = 1024 * 1024;

  /** The audit log's settings for this node. */
  public io.clavis.server.audit.AuditLog.Settings auditSettings() {
    io.clavis.server.audit.AuditLog.Settings d =
        io.clavis.server.audit.AuditLog.Settings.defaults();
    return new io.clavis.server.audit.AuditLog.Settings(
        d.segmentBytes(), d.queueCapacity(), auditFailClosed, d.fsyncInterval());
  }

  public static NodeConfig defaults(Path dataDir) {
    return new Builder(dataDir).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public NodeConfig withPorts(Integer api, Integer cluster, Integer kmip) {
    return toBuilder().apiPort(api).clusterPort(cluster).kmipPort(kmip).build();
  }

  public NodeConfig withHost(String newHost) {
    return toBuilder().host(newHost).build();
  }

  public NodeConfig withNodeName(String name) {
    return toBuilder().nodeName(name).build();
  }

  public NodeConfig withMaxPlaintextBytes(long max) {
    return toBuilder().maxPlaintextBytes(max).build();
  }

  public NodeConfig withMaintenanceInterval(Duration interval) {
    return toBuilder().maintenanceInterval(interval).build();
  }

  public NodeConfig withSnapshotThreshold(long threshold) {
    return toBuilder().snapshotThreshold(threshold).build();
  }

  public NodeConfig withKdfParams(Argon2idKdf.Params params) {
    return toBuilder().kdfParams(params).build();
  }

  public NodeConfig withKmipLimits(KmipLimits limits) {
    return toBuilder().kmipLimits(limits).build();
  }

  /** Builds a {@link NodeConfig}; starts from production defaults. */
  public static final class Builder {
    private final Path dataDir;
    private String host = "127.0.0.1";
    private Integer apiPort;
    private Integer clusterPort;
    private Integer kmipPort;
    private String nodeName;
    private long maxPlaintextBytes = DEFAULT_MAX_PLAINTEXT;
    private Duration maintenanceInterval = Duration.ofSeconds(30);
    private Argon2idKdf.Params kdfParams = Argon2idKdf.Params.recommended();
    private long snapshotThreshold = 10_000;
    private long maxClockSkewMs = 2_000;
    private boolean auditFailClosed = true;
    private Duration auditHeadInterval = Duration.ofSeconds(30);
    private KmipLimits kmipLimits = KmipLimits.DEFAULT;
    private boolean metricsUnauthenticated;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    private Builder(NodeConfig c) {
      this.dataDir = c.dataDir;
      this.host = c.host;
      this.apiPort = c.apiPort;
      this.clusterPort = c.clusterPort;
      this.kmipPort = c.kmipPort;
      this.nodeName = c.nodeName;
      this.maxPlaintextBytes = c.maxPlaintextBytes;
      this.maintenanceInterval = c.maintenanceInterval;
      this.kdfParams = c.kdfParams;
      this.snapshotThreshold = c.snapshotThreshold;
      this.maxClockSkewMs = c.maxClockSkewMs;
      this.auditFailClosed = c.auditFailClosed;
      this.auditHeadInterval = c.auditHeadInterval;
      this.kmipLimits = c.kmipLimits;
      this.metricsUnauthenticated = c.metricsUnauthenticated;
    }

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder apiPort(Integer v) {
      apiPort = v;
      return this;
    }

    public Builder clusterPort(Integer v) {
      clusterPort = v;
      return this;
    }

    public Builder kmipPort(Integer v) {
      kmipPort = v;
      return this;
    }

    public Builder nodeName(String v) {
      nodeName = v;
      return this;
    }

    public Builder maxPlaintextBytes(long v) {
      maxPlaintextBytes = v;
      return this;
    }

    public Builder maintenanceInterval(Duration v) {
      maintenanceInterval = v;
      return this;
    }

    public Builder kdfParams(Argon2idKdf.Params v) {
      kdfParams = v;
      return this;
    }

    public Builder snapshotThreshold(long v) {
      snapshotThreshold = v;
      return this;
    }

    /** How far a joining node's clock may be from this node's. */
    public Builder maxClockSkewMs(long v) {
      maxClockSkewMs = v;
      return this;
    }

    /**
     * Whether a request whose audit record cannot be written is refused (true, the default) or
     * answered anyway.
     */
    public Builder auditFailClosed(boolean v) {
      auditFailClosed = v;
      return this;
    }

    /** How often this node commits its audit chain head through Raft. */
    public Builder auditHeadInterval(Duration v) {
      auditHeadInterval = v;
      return this;
    }

    /** What one KMIP client may cost: connections, timeouts, message size. */
    public Builder kmipLimits(KmipLimits v) {
      kmipLimits = v;
      return this;
    }

    /**
     * Whether {@code GET /metrics} answers anyone, sealed or not (for scrapers on a trusted
     * network); otherwise it needs a token allowed to inspect the cluster.
     */
    public Builder metricsUnauthenticated(boolean v) {
      metricsUnauthenticated = v;
      return this;
    }

    public NodeConfig build() {
      return new NodeConfig(
          dataDir,
          host,
          apiPort,
          clusterPort,
          kmipPort,
          nodeName,
          maxPlaintextBytes,
          maintenanceInterval,
          kdfParams,
          snapshotThreshold,
          maxClockSkewMs,
          auditFailClosed,
          auditHeadInterval,
          kmipLimits,
          metricsUnauthenticated);
    }
  }
}
