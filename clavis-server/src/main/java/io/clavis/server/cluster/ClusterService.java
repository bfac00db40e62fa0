package io.clavis.server.cluster;

import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.Principal;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.seal.Seal;
import io.clavis.server.state.StateStore;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.Pem;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Cluster membership, as in Oracle Key Vault: an administrator announces a candidate by name,
 * addresses and certificate fingerprint; the candidate joins over mutual TLS, pinning the cluster
 * CA, and receives a node certificate; once its Raft server runs it asks to be activated and is
 * added to the Raft configuration (joint consensus), as a voter while there are fewer than {@value
 * #MAX_VOTERS} voters and as a listener after that.
 */
public final class ClusterService {
  public static final int MAX_VOTERS = 5;
  public static final int MAX_NODES = 16;

  private final RaftNode raft;
  private final StateStore store;
  private final Seal seal;
  private final ClusterAuthority authority;
  private final String version;
  private final long maxClockSkewMs;

  public ClusterService(
      RaftNode raft,
      StateStore store,
      Seal seal,
      ClusterAuthority authority,
      String version,
      long maxClockSkewMs) {
    this.raft = raft;
    this.store = store;
    this.seal = seal;
    this.authority = authority;
    this.version = version;
    this.maxClockSkewMs = maxClockSkewMs;
  }

  public Candidate addCandidate(
      String name, String apiAddress, String clusterAddress, String fingerprint, Principal by) {
    Ids.checkName("node", name);
    checkApiAddress(apiAddress);
    checkClusterAddress(clusterAddress);
    if (fingerprint == null || Fingerprints.parse(fingerprint).isEmpty()) {
      throw ClavisException.invalid(
          "fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
    }
    if (members().size() >= MAX_NODES) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE, "a cluster has at most " + MAX_NODES + " nodes");
    }
    Candidate c =
        new Candidate(
            name,
            apiAddress,
            clusterAddress,
            Fingerprints.normalize(fingerprint),
            Clock.now(),
            by.name());
    return raft.submit(new ClusterCommands.AddCandidate(c), Candidate.class);
  }

  /** What a joining node sends besides its certificate. */
  public record JoinRequest(String name, String version, long timeMillis) {}

  /** What it receives: its place in the cluster and its certificates. */
  public record JoinResponse(
      String groupId,
      List<Peer> members,
      boolean listener,
      String nodeCertificate,
      String caCertificate) {}

  /** A member as a joining node needs to know it. */
  public record Peer(String name, String clusterAddress, boolean listener) {}

  public JoinResponse join(JoinRequest request, X509Certificate clientCert) {
    if (seal.status() != Seal.Status.UNSEALED) {
      throw seal.notUnsealed();
    }
    if (clientCert == null) {
      throw new ClavisException(
          ErrorCode.UNAUTHENTICATED, "joining needs the candidate's TLS client certificate");
    }
    String name = request.name();
    Candidate candidate =
        store
            .read(Candidate.key(name == null ? "" : name), Candidate.class)
            .orElseThrow(
                () ->
                    new ClavisException(
                        ErrorCode.FORBIDDEN,
                        "no candidate named "
                            + name
                            + " has been added; run 'clavis cluster add-candidate' on the cluster"
                            + " first with fingerprint "
                            + Fingerprints.sha256(clientCert)));
    if (!Fingerprints.matches(candidate.fingerprint(), clientCert)) {
      throw new ClavisException(
          ErrorCode.FORBIDDEN,
          "the certificate of "
              + name
              + " has fingerprint "
              + Fingerprints.sha256(clientCert)
              + ", not the one the administrator added");
    }
    if (!majorMinor(version).equals(majorMinor(request.version()))) {
      throw new ClavisException(
          ErrorCode.JOIN_REFUSED,
          "version mismatch: this cluster runs "
              + version
              + ", the candidate runs "
              + request.version()
              + "; nodes must run the same major.minor version");
    }
    long offset = request.timeMillis() - System.currentTimeMillis();
    if (Math.abs(offset) > maxClockSkewMs) {
      throw new ClavisException(
          ErrorCode.JOIN_REFUSED,
          "clock skew: the candidate's clock is "
              + offset
              + " ms off this node's; at most "
              + maxClockSkewMs
              + " ms is allowed (synchronise clocks with NTP)");
    }
    List<RaftNode.Member> current = raft.members();
    long voters = current.stream().filter(m -> !m.listener()).count();
    boolean listener = voters >= MAX_VOTERS;
    X509Certificate nodeCert =
        authority.issue(name, clientCert.getPublicKey(), hostNames(candidate));
    List<Peer> peers = new ArrayList<>();
    for (RaftNode.Member m : current) {
      peers.add(new Peer(m.name(), m.clusterAddress(), m.listener()));
    }
    return new JoinResponse(
        raft.groupId().toString(),
        peers,
        listener,
        Pem.certificate(nodeCert),
        Pem.certificate(authority.certificate()));
  }

  /**
   * Adds a joined node to the Raft configuration. The caller proves who it is with the node
   * certificate the cluster CA issued it at join.
   */
  public ClusterMember activate(String name, X509Certificate clientCert) {
    X509Certificate ca = authority.certificate();
    if (clientCert == null || !issuedBy(clientCert, ca) || !name.equals(commonName(clientCert))) {
      throw new ClavisException(
          ErrorCode.FORBIDDEN, "activation needs the node certificate issued to " + name);
    }
    Optional<ClusterMember> existing = store.read(ClusterMember.key(name), ClusterMember.class);
    List<RaftNode.Member> current = raft.members();
    boolean inConfiguration = current.stream().anyMatch(m -> m.name().equals(name));
    if (existing.isPresent() && inConfiguration) {
      return existing.get();
    }
    Candidate candidate =
        store
            .read(Candidate.key(name), Candidate.class)
            .orElseThrow(() -> new ClavisException(ErrorCode.FORBIDDEN, "no candidate " + name));
    if (!inConfiguration) {
      long voters = current.stream().filter(m -> !m.listener()).count();
      List<RaftNode.Member> next = new ArrayList<>(current);
      next.add(new RaftNode.Member(name, candidate.clusterAddress(), voters >= MAX_VOTERS));
      raft.reconfigure(next);
    }
    ClusterMember member =
        new ClusterMember(
            name, candidate.apiAddress(), candidate.clusterAddress(), version, Clock.now());
    return raft.submit(new ClusterCommands.AdmitMember(member), ClusterMember.class);
  }

  /** Takes a node out of the Raft configuration and the registry. */
  public void removeNode(String name) {
    List<RaftNode.Member> current = raft.members();
    List<RaftNode.Member> next = new ArrayList<>(current);
    boolean removed = next.removeIf(m -> m.name().equals(name));
    if (!removed && store.read(ClusterMember.key(name), ClusterMember.class).isEmpty()) {
      throw ClavisException.notFound("node", name);
    }
    if (removed) {
      if (next.stream().noneMatch(m -> !m.listener())) {
        throw new ClavisException(
            ErrorCode.INVALID_STATE, "cannot remove the last voter of the cluster");
      }
      raft.reconfigure(next);
    }
    raft.submit(new ClusterCommands.RemoveMember(name), String.class);
  }

  /** Makes a member a voter or a listener. */
  public void setRole(String name, String role) {
    boolean listener =
        switch (role == null ? "" : role.toUpperCase(Locale.ROOT)) {
          case "VOTER", "FOLLOWER" -> false;
          case "LISTENER" -> true;
          default -> throw ClavisException.invalid("role must be VOTER or LISTENER");
        };
    List<RaftNode.Member> current = raft.members();
    if (current.stream().noneMatch(m -> m.name().equals(name))) {
      throw ClavisException.notFound("node", name);
    }
    List<RaftNode.Member> next = new ArrayList<>();
    for (RaftNode.Member m : current) {
      next.add(m.name().equals(name) ? new RaftNode.Member(name, m.clusterAddress(), listener) : m);
    }
    if (next.stream().noneMatch(m -> !m.listener())) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "the cluster needs at least one voter");
    }
    raft.reconfigure(next);
  }

  /**
   * Hands leadership to {@code to}, or when it is null to the most up-to-date ACTIVE voter other
   * than the leader, as {@code status} (taken just before) shows them. With {@code from}, only if
   * that member still leads: a request sent again after it was carried out changes nothing more.
   * Asking for the member that already leads changes nothing either.
   */
  public void transferLeadership(String to, String from, ClusterStatus.Status status) {
    if (status.leader() == null) {
      throw new ClavisException(
          ErrorCode.READ_ONLY, "no quorum: there is no leader to hand leadership over from");
    }
    // A wrong target is the caller's mistake even when nothing would move.
    String checked = to == null ? null : checkedSuccessor(to, status);
    if (from != null && !from.equals(status.leader())) {
      return;
    }
    String target = checked != null ? checked : successor(status);
    raft.transferLeadership(target, from != null ? from : status.leader());
  }

  private static String checkedSuccessor(String to, ClusterStatus.Status status) {
    ClusterStatus.NodeStatus node =
        status.nodes().stream()
            .filter(n -> n.name().equals(to) && !n.role().equals("CANDIDATE"))
            .findFirst()
            .orElseThrow(() -> ClavisException.notFound("node", to));
    if (node.role().equals("LISTENER")) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE,
          to + " is a listener: only a voter can lead (cluster set-role " + to + " VOTER)");
    }
    if (!node.role().equals("LEADER") && !"ACTIVE".equals(node.state())) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE, to + " is " + node.state() + ", not ACTIVE: it cannot lead");
    }
    return to;
  }

  private static String successor(ClusterStatus.Status status) {
    return status.nodes().stream()
        .filter(n -> n.role().equals("FOLLOWER") && "ACTIVE".equals(n.state()))
        .min(
            java.util.Comparator.comparing(
                    ClusterStatus.NodeStatus::lag,
                    java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(ClusterStatus.NodeStatus::name))
        .map(ClusterStatus.NodeStatus::name)
        .orElseThrow(
            () ->
                new ClavisException(
                    ErrorCode.INVALID_STATE,
                    "no other voter is ACTIVE to take over from " + status.leader()));
  }

  /** The SHA-256 fingerprint of the cluster CA, which joining nodes pin; null before init. */
  public String caFingerprint() {
    return store.read(ClusterCaRecord.KEY, ClusterCaRecord.class).isPresent()
        ? Fingerprints.sha256(authority.certificate())
        : null;
  }

  /**
   * The member a TLS client certificate belongs to: one the cluster CA issued to a current member.
   * Nodes present these when they call each other's REST endpoints.
   */
  public java.util.Optional<String> memberBehind(X509Certificate cert) {
    if (cert == null || store.read(ClusterCaRecord.KEY, ClusterCaRecord.class).isEmpty()) {
      return java.util.Optional.empty();
    }
    String name = commonName(cert);
    if (name == null
        || !issuedBy(cert, authority.certificate())
        || store.read(ClusterMember.key(name), ClusterMember.class).isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(name);
  }

  public List<ClusterMember> members() {
    return store.scan(ClusterMember.PREFIX, null, MAX_NODES * 2, ClusterMember.class);
  }

  public List<Candidate> candidates() {
    return store.scan(Candidate.PREFIX, null, MAX_NODES * 4, Candidate.class);
  }

  private static List<String> hostNames(Candidate c) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
    names.add(hostOf(c.clusterAddress()));
    names.add(URI.create(c.apiAddress()).getHost().replace("[", "").replace("]", ""));
    return List.copyOf(names);
  }

  static String hostOf(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String h = colon < 0 ? hostPort : hostPort.substring(0, colon);
    return h.replace("[", "").replace("]", "");
  }

  private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
    try {
      cert.checkValidity();
      cert.verify(ca.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static String commonName(X509Certificate cert) {
    String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    for (String part : dn.split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return null;
  }

  private static void checkApiAddress(String apiAddress) {
    try {
      URI u = URI.create(apiAddress);
      if (!"https".equals(u.getScheme()) || u.getHost() == null || u.getPort() <= 0) {
        throw new IllegalArgumentException();
      }
    } catch (RuntimeException e) {
      throw ClavisException.invalid("apiAddress must look like https://host:8443");
    }
  }

  private static void checkClusterAddress(String clusterAddress) {
    if (clusterAddress == null || !clusterAddress.matches("\\[?[A-Za-z0-9.:-]+\\]?:\\d{1,5}")) {
      throw ClavisException.invalid("clusterAddress must look like host:8444");
    }
  }

  static String majorMinor(String v) {
    if (v == null) {
      return "";
    }
    String[] parts = v.split("[.-]");
    return parts.length < 2 ? v : parts[0] + "." + parts[1];
  }
}
