package io.clavis.server.kmip.objects;

import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.access.AccessController;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.Principal;
import io.clavis.server.identity.TokenService;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.policy.Authorizer;
import io.clavis.server.policy.PolicyCommands;
import io.clavis.server.policy.PolicyService;
import io.clavis.server.seal.InitializeCommand;
import io.clavis.server.state.StateStore;
import io.clavis.server.testing.TestNode;
import io.clavis.server.vault.CreateCompartmentCommand;
import io.clavis.server.vault.DeleteCompartmentCommand;
import io.clavis.server.vault.VaultService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A real node (Raft, RocksDB, TLS) with the managed objects wired onto it as the KMIP listener will
 * wire them: the node's key service, key material cache and Raft log, and an access controller over
 * the node's state, so that policies made over REST decide here too.
 */
final class ObjectsNode implements AutoCloseable {
  static final String PASSPHRASE = "kmip-objects-passphrase";
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  final TestNode rest;
  final ManagedObjects objects;
  final AccessController access;
  final Principal root = Principal.root(null);

  ObjectsNode(Path dir) throws Exception {
    rest = new TestNode(dir);
    rest.initialize(PASSPHRASE);
    access = accessControl(rest.node());
    objects = newObjects();
  }

  /** Another facade on the same node, as a second node (or a restart) would have one. */
  ManagedObjects newObjects() {
    ClavisNode n = rest.node();
    return new ManagedObjects(n.raft(), n.keys(), n.keyMaterials(), access);
  }

  private static AccessController accessControl(ClavisNode n) {
    StateStore store = n.raft().stateMachine().store();
    TokenService tokens = new TokenService(n.raft(), store);
    IdentityService identities = new IdentityService(n.raft(), store, tokens);
    Authorizer authorizer = new Authorizer(store);
    n.raft()
        .stateMachine()
        .addListener(
            c -> {
              if (c instanceof PolicyCommands.Change
                  || c instanceof CreateCompartmentCommand
                  || c instanceof DeleteCompartmentCommand
                  || c instanceof InitializeCommand) {
                authorizer.invalidate();
              }
            });
    VaultService vaults = new VaultService(n.raft(), store);
    PolicyService policies = new PolicyService(n.raft(), store, authorizer, identities);
    return new AccessController(identities, authorizer, vaults, n.keys(), policies);
  }

  StateStore store() {
    return rest.node().raft().stateMachine().store();
  }

  /**
   * A service principal with the given policy statements (none: a service no policy names), as a
   * KMIP client authenticated by its certificate would be.
   */
  Principal service(String... statements) throws Exception {
    String name = "kmip-svc-" + UNIQUE.incrementAndGet();
    TestNode.Response created = rest.call("POST", "/v1/services", json("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    if (statements.length > 0) {
      List<String> withName = Arrays.stream(statements).map(s -> s.replace("$me", name)).toList();
      TestNode.Response policy =
          rest.call("POST", "/v1/policies", json("name", name + "-policy", "statements", withName));
      assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
    }
    return new Principal(
        created.text("id"), name, Principal.Type.SERVICE, Set.of(), "certificate", null);
  }

  /** Creates an AES key over KMIP with the given extra attributes. */
  String createAes(int bits, KmipAttribute... more) {
    return createAes(root, bits, more);
  }

  String createAes(Principal principal, int bits, KmipAttribute... more) {
    KmipAttributes attributes =
        KmipAttributes.of(
            KmipAttribute.enumeration(
                StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
            KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, bits));
    for (KmipAttribute a : more) {
      attributes = attributes.with(a);
    }
    return objects.create(principal, ObjectType.SYMMETRIC_KEY, attributes);
  }

  /** One attribute of an object as root sees it. */
  KmipAttribute attribute(String uid, StandardAttribute which) {
    return objects
        .attributes(root, uid, List.of(KmipAttributeName.of(which)))
        .first(which)
        .orElseThrow(() -> new AssertionError(uid + " has no " + which));
  }

  boolean has(String uid, StandardAttribute which) {
    return objects
        .attributes(root, uid, List.of(KmipAttributeName.of(which)))
        .first(which)
        .isPresent();
  }

  static void expect(ThrowingCallable call, ResultReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(KmipObjectException.class)
        .satisfies(e -> assertThat(((KmipObjectException) e).reason()).isEqualTo(reason));
  }

  @Override
  public void close() {
    rest.close();
  }
}
