package io.clavis.server.node;

import io.clavis.server.access.AccessController;
import io.clavis.server.access.Guard;
import io.clavis.server.audit.AuditEndpoints;
import io.clavis.server.audit.AuditLog;
import io.clavis.server.audit.AuditTrail;
import io.clavis.server.cluster.ClusterAuthority;
import io.clavis.server.cluster.ClusterEndpoints;
import io.clavis.server.cluster.ClusterMember;
import io.clavis.server.cluster.ClusterService;
import io.clavis.server.cluster.ClusterStatus;
import io.clavis.server.error.ClavisException;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer;
import io.clavis.server.identity.IdentityCommands;
import io.clavis.server.identity.IdentityEndpoints;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.TokenEndpoints;
import io.clavis.server.identity.TokenService;
import io.clavis.server.key.CryptoEndpoints;
import io.clavis.server.key.CryptoService;
import io.clavis.server.key.KeyEndpoints;
import io.clavis.server.key.KeyMaterials;
import io.clavis.server.key.KeyService;
import io.clavis.server.kmip.KmipDispatcher;
import io.clavis.server.kmip.KmipListener;
import io.clavis.server.kmip.KmipServerInfo;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.operations.KmipOperations;
import io.clavis.server.mapping.MappingEndpoints;
import io.clavis.server.mapping.MappingService;
import io.clavis.server.metrics.MetricsRegistry;
import io.clavis.server.policy.Authorizer;
import io.clavis.server.policy.PolicyCommands;
import io.clavis.server.policy.PolicyEndpoints;
import io.clavis.server.policy.PolicyService;
import io.clavis.server.raft.ClavisStateMachine;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.seal.InitializeCommand;
import io.clavis.server.seal.Seal;
import io.clavis.server.seal.SealEndpoints;
import io.clavis.server.state.RocksDbLibrary;
import io.clavis.server.state.StateStore;
import io.clavis.server.tls.ClusterTls;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.vault.CreateCompartmentCommand;
import io.clavis.server.vault.DeleteCompartmentCommand;
import io.clavis.server.vault.VaultEndpoints;
import io.clavis.server.vault.VaultService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Clavis node: wires the Raft member, the state, the seal, the services and the REST and KMIP
 * listeners, and runs the leader's maintenance.
 */
public final class ClavisNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClavisNode.class);
  public static final String VERSION = versionFromManifest();

  private final NodeConfig config;
  private volatile NodeIdentity identity;
  private final RaftNode raft;
  private final Seal seal;
  private final KeyService keys;
  private final KeyMaterials materials;
  private final RestServer rest;
  private final KmipDispatcher kmipDispatcher;
  private volatile KmipListener kmip;
  private final IdentityService identities;
  private final AuditTrail audit;
  private final NodeTls tls;
  private final Activation activation;
  private final ScheduledExecutorService maintenance;

  private ClavisNode(NodeConfig config) throws IOException {
    this.config = config;
    Path data = config.dataDir().toAbsolutePath();
    Files.createDirectories(data);
    RocksDbLibrary.load(data.resolve("native"));
    NodeIdentity saved = NodeIdentity.load(data).orElse(null);
    String name =
        config.nodeName() != null ? config.nodeName() : saved != null ? saved.name() : "node1";
    String host =
        config.host() != null ? config.host() : saved != null ? saved.host() : "127.0.0.1";
    int clusterPort =
        resolvePort(
            config.clusterPort(),
            saved == null ? null : saved.clusterPort(),
            NodeConfig.DEFAULT_CLUSTER_PORT,
            host);
    int kmipPort =
        config.kmipPort() != null
            ? config.kmipPort()
            : saved != null ? saved.kmipPort() : NodeConfig.DEFAULT_KMIP_PORT;
    UUID groupId = saved != null ? saved.groupId() : UUID.randomUUID();

    tls = NodeTls.loadOrCreate(data.resolve("tls"), name, NodeTls.defaultHostNames(host));
    X509Certificate caCert = NodeTls.readCertificates(tls.caCertPath()).get(0);
    X509Certificate nodeCert = tls.serverChain().get(0);
    List<NodeIdentity.Peer> initialPeers = saved == null ? List.of() : saved.initialPeers();

    ClavisStateMachine sm = new ClavisStateMachine();
    raft =
        new RaftNode(
            name,
            host,
            clusterPort,
            groupId,
            data.resolve("raft"),
            sm,
            new RaftNode.Settings(
                config.snapshotThreshold(),
                saved != null && saved.activateVia() != null,
                initialPeers.stream()
                    .map(p -> RaftNode.peer(p.name(), p.clusterAddress(), p.listener()))
                    .toList(),
                ClusterTls.grpcTlsConfig(tls.serverKey(), nodeCert, caCert)));
    raft.start();
    if (raft.members().size() == 1) {
      // A one-member group elects itself at once; waiting makes a fresh start deterministic.
      try {
        raft.awaitLeader(java.time.Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while starting", e);
      }
    }
    StateStore store = sm.store();

    seal = new Seal(store, config.kdfParams());
    Path caKeyFile = data.resolve("tls").resolve(NodeTls.CA_KEY);
    seal.setClusterBootstrap(
        root -> {
          NodeIdentity me = identity;
          ClusterMember founder =
              new ClusterMember(
                  name, me.apiAddress(), me.clusterAddress(), VERSION, java.time.Instant.now());
          return new Seal.Founding(
              founder,
              Files.exists(caKeyFile)
                  ? ClusterAuthority.record(caCert, readKey(caKeyFile), root)
                  : null);
        });
    TokenService tokens = new TokenService(raft, store);
    identities = new IdentityService(raft, store, tokens);
    Authorizer authorizer = new Authorizer(store);
    PolicyService policies = new PolicyService(raft, store, authorizer, identities);
    VaultService vaults = new VaultService(raft, store);
    materials = new KeyMaterials(store, seal, 100_000);
    keys = new KeyService(raft, store, vaults, materials);
    keys.addMaintenanceTask(identities::purgeExpiredTokens);
    keys.addMaintenanceTask(raft::purgeIdempotentAnswers);
    CryptoService crypto = new CryptoService(keys, materials, config.maxPlaintextBytes());
    // Followers learn of changes only through the log: drop their caches. Key records and material
    // follow the store's own changes (KeyService, KeyMaterials).
    sm.addListener(
        command -> {
          if (command instanceof IdentityCommands.Change) {
            identities.invalidate();
          } else if (command instanceof PolicyCommands.Change
              || command instanceof CreateCompartmentCommand
              || command instanceof DeleteCompartmentCommand
              || command instanceof InitializeCommand) {
            authorizer.invalidate();
          }
        });
    // A snapshot installed from the leader replaces everything at once.
    sm.addResetListener(
        () -> {
          identities.invalidate();
          authorizer.invalidate();
        });
    AccessController access = new AccessController(identities, authorizer, vaults, keys, policies);
    audit =
        new AuditTrail(
            AuditLog.open(data.resolve("audit"), name, config.auditSettings()),
            raft,
            config.auditHeadInterval());

    ClusterService cluster =
        new ClusterService(
            raft, store, seal, new ClusterAuthority(store, seal), VERSION, config.maxClockSkewMs());
    SSLContext nodeTls = ClusterTls.mutualContext(tls.serverKey(), nodeCert, caCert);
    HealthEndpoints health = new HealthEndpoints(seal, raft, name, VERSION);
    MetricsRegistry metrics = new MetricsRegistry();
    NodeMetrics.register(metrics, raft, seal, keys, materials, audit, () -> kmip);

    RestServer.Routes routes = new RestServer.Routes();
    health.register(routes);
    new MetricsEndpoints(metrics, config.metricsUnauthenticated()).register(routes);
    new ClusterEndpoints(cluster, new ClusterStatus(raft, cluster, () -> nodeTls, health::health))
        .register(routes);
    new SealEndpoints(seal, raft).register(routes);
    new TokenEndpoints(tokens).register(routes);
    new IdentityEndpoints(identities, authorizer::policiesNaming).register(routes);
    new PolicyEndpoints(policies, identities, access, routes::guards).register(routes);
    new AuditEndpoints(data.resolve("audit"), name, cluster, () -> nodeTls).register(routes);
    new MappingEndpoints(new MappingService(raft, store, identities), health::health)
        .register(routes);
    new VaultEndpoints(vaults).register(routes);
    new KeyEndpoints(keys).register(routes);
    new CryptoEndpoints(crypto).register(routes);
    byte[] openApi = openApiDocument();
    routes.get("/v1/openapi.json", Guard.probe("sys.openapi"), r -> ApiResponse.ok(openApi));

    int apiPortWanted =
        config.apiPort() != null
            ? config.apiPort()
            : saved != null ? saved.apiPort() : NodeConfig.DEFAULT_API_PORT;
    long maxBody = config.maxPlaintextBytes() * 4 / 3 + 64 * 1024;
    rest =
        new RestServer(
                new RestServer.Settings(
                    host, apiPortWanted, maxBody, name, tls.serverKey(), tls.serverChain()),
                seal,
                access,
                audit,
                metrics.requests(),
                routes)
            .start();

    // KMIP: the protocol operations are built in; the managed-object operations register their
    // handlers on kmipDispatcher here, before the listener accepts connections.
    kmipDispatcher = KmipDispatcher.standard(KmipServerInfo.clavis(name, VERSION));
    KmipOperations.registerAll(
        kmipDispatcher, new ManagedObjects(raft, keys, materials, access), keys, materials);
    try {
      kmip =
          new KmipListener(
                  new KmipListener.Settings(
                      host, kmipPort, tls.serverKey(), tls.serverChain(), config.kmipLimits()),
                  kmipDispatcher,
                  access,
                  audit,
                  metrics.requests(),
                  this::unavailableReason)
              .start();
    } catch (IOException | RuntimeException e) {
      rest.close(); // the node does not start: release what it holds
      audit.close();
      try {
        raft.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }

    identity =
        new NodeIdentity(
            name,
            groupId,
            host,
            rest.port(),
            clusterPort,
            kmip.port(),
            initialPeers,
            saved == null ? null : saved.activateVia());
    identity.save(data);
    if (identity.activateVia() != null) {
      activation = new Activation(identity, data, nodeTls);
      activation.start();
    } else {
      activation = null;
    }

    maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "clavis-maintenance");
              t.setDaemon(true);
              return t;
            });
    long every = config.maintenanceInterval().toMillis();
    maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
    LOG.info("Clavis {} node {} listening on {}", VERSION, name, apiUri());
    LOG.info(
        "Signing and RSA decryption by {}", io.clavis.core.crypto.NativePrivateKeys.description());
  }

  public static ClavisNode start(NodeConfig config) throws IOException {
    return new ClavisNode(config);
  }

  /** Null while the node serves requests, else why it does not (for the KMIP listener). */
  private String unavailableReason() {
    try {
      return seal.status() == Seal.Status.UNSEALED ? null : seal.notUnsealed().getMessage();
    } catch (ClavisException e) {
      return e.getMessage(); // the state is being replaced by a snapshot from the leader
    }
  }

  private void maintain() {
    try {
      if (raft.isLeader() && seal.status() == Seal.Status.UNSEALED) {
        keys.runMaintenance(Instant.now());
      }
    } catch (ClavisException e) {
      LOG.warn("Maintenance skipped: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Maintenance failed", e);
    }
  }

  public NodeIdentity identity() {
    return identity;
  }

  public URI apiUri() {
    String h = identity.host().contains(":") ? "[" + identity.host() + "]" : identity.host();
    return URI.create("https://" + h + ":" + identity.apiPort());
  }

  public Path caCertPath() {
    return tls.caCertPath();
  }

  public Path dataDir() {
    return config.dataDir().toAbsolutePath();
  }

  public Seal seal() {
    return seal;
  }

  public RaftNode raft() {
    return raft;
  }

  /** The REST listener, for in-process inspection (tests). */
  public RestServer restServer() {
    return rest;
  }

  /** The port the KMIP listener is bound to. */
  public int kmipPort() {
    return kmip.port();
  }

  /** The KMIP listener, for in-process inspection (tests). */
  public KmipListener kmipListener() {
    return kmip;
  }

  /** The KMIP operations this node answers; handlers are registered on it while it starts. */
  public KmipDispatcher kmipDispatcher() {
    return kmipDispatcher;
  }

  /** Users, services and groups (dev mode registers its KMIP client service through it). */
  public IdentityService identities() {
    return identities;
  }

  /** Whether this node belongs to a cluster it did not found (it joined one). */
  public boolean isClusterMember() {
    return !identity.initialPeers().isEmpty() || raft.members().size() > 1;
  }

  public KeyService keys() {
    return keys;
  }

  /** Unwrapped key material, for in-process inspection (tests, diagnostics). */
  public KeyMaterials keyMaterials() {
    return materials;
  }

  @Override
  public void close() {
    maintenance.shutdownNow();
    if (activation != null) {
      activation.stop();
    }
    try {
      kmip.close();
      rest.close();
      audit.commitHead();
      audit.close();
    } finally {
      try {
        raft.close();
      } catch (IOException e) {
        LOG.warn("Raft did not close cleanly: {}", e.toString());
      }
    }
  }

  private static int resolvePort(Integer wanted, Integer saved, int defaultPort, String host)
      throws IOException {
    int port = wanted != null ? wanted : saved != null ? saved : defaultPort;
    if (port != 0) {
      return port;
    }
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  private static byte[] readKey(Path file) {
    try {
      return NodeTls.readPrivateKey(file).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster CA key " + file, e);
    }
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ClavisNode.class.getResourceAsStream("/io/clavis/server/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String versionFromManifest() {
    String v = ClavisNode.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
