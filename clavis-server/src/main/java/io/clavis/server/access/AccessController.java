package io.clavis.server.access;

import io.clavis.core.ciphertext.CiphertextFormat;
import io.clavis.core.policy.AttachedStatement;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.Principal;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyService;
import io.clavis.server.policy.Authorizer;
import io.clavis.server.policy.PolicyRecord;
import io.clavis.server.policy.PolicyService;
import io.clavis.server.vault.Compartment;
import io.clavis.server.vault.Vault;
import io.clavis.server.vault.VaultService;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Authentication by token or certificate, target resolution, and policy decisions. */
public final class AccessController implements AccessControl {
  private final IdentityService identities;
  private final Authorizer authorizer;
  private final VaultService vaults;
  private final KeyService keys;
  private final PolicyService policies;

  public AccessController(
      IdentityService identities,
      Authorizer authorizer,
      VaultService vaults,
      KeyService keys,
      PolicyService policies) {
    this.identities = identities;
    this.authorizer = authorizer;
    this.vaults = vaults;
    this.keys = keys;
    this.policies = policies;
  }

  @Override
  public Principal authenticate(String bearerToken, X509Certificate clientCertificate) {
    if (bearerToken != null) {
      return identities.authenticateToken(bearerToken);
    }
    return identities
        .authenticateCertificate(clientCertificate)
        .orElseThrow(
            () ->
                new ClavisException(
                    ErrorCode.UNAUTHENTICATED,
                    "missing Authorization: Bearer <token> header (or a registered client"
                        + " certificate)"));
  }

  @Override
  public Target resolve(TargetRef.TargetKind kind, String id) {
    return switch (kind) {
      case KEY -> key(keys.get(required(id, "key")));
      case VAULT -> vault(vaults.get(required(id, "vault")));
      case COMPARTMENT -> compartment(id == null ? Compartment.TENANCY : id, id);
      case COMPARTMENT_PARENT -> {
        Compartment c =
            authorizer
                .compartment(required(id, "compartment"))
                .orElseThrow(() -> ClavisException.notFound("compartment", id));
        if (c.parentId() == null) {
          throw new ClavisException(ErrorCode.INVALID_STATE, "the tenancy root cannot be changed");
        }
        Target parent = compartment(c.parentId(), c.parentId());
        yield new Target(
            parent.compartmentId(), parent.attributes(), Map.of("compartmentId", c.id()));
      }
      case POLICY -> {
        PolicyRecord p = policies.get(required(id, "policy"));
        yield new Target(
            p.compartmentId(),
            Map.of("target.policy.name", p.name()),
            Map.of("policyId", p.id(), "compartmentId", p.compartmentId()));
      }
      case CIPHERTEXT -> ciphertext(id);
      case DECRYPTION_KEY -> {
        try {
          yield key(keys.get(required(id, "key")));
        } catch (ClavisException e) {
          yield null;
        }
      }
    };
  }

  private static String required(String id, String what) {
    if (id == null || id.isEmpty()) {
      throw ClavisException.invalid(what + " id is required");
    }
    return id;
  }

  private Target key(KeyRecord k) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("target.key.id", k.id());
    attributes.put("target.key.name", k.name());
    attributes.put("target.key.algorithm", k.algorithm().name());
    attributes.put("target.vault.id", k.vaultId());
    compartmentName(k.compartmentId()).ifPresent(n -> attributes.put("target.compartment.name", n));
    attributes.put("target.compartment.id", k.compartmentId());
    return new Target(
        k.compartmentId(),
        attributes,
        Map.of("keyId", k.id(), "vaultId", k.vaultId(), "compartmentId", k.compartmentId()));
  }

  private Target vault(Vault v) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("target.vault.id", v.id());
    attributes.put("target.vault.name", v.name());
    attributes.put("target.compartment.id", v.compartmentId());
    compartmentName(v.compartmentId()).ifPresent(n -> attributes.put("target.compartment.name", n));
    return new Target(
        v.compartmentId(),
        attributes,
        Map.of("vaultId", v.id(), "compartmentId", v.compartmentId()));
  }

  private Target compartment(String id, String requested) {
    Compartment c =
        authorizer.compartment(id).orElseThrow(() -> ClavisException.notFound("compartment", id));
    return new Target(
        c.id(),
        Map.of("target.compartment.id", c.id(), "target.compartment.name", c.name()),
        requested == null ? Map.of() : Map.of("compartmentId", c.id()));
  }

  private Optional<String> compartmentName(String id) {
    return authorizer.compartment(id).map(Compartment::name);
  }

  /**
   * The key a ciphertext names, or null when it names none that exists: the decryption then fails
   * with the uniform error, which says no more than a refusal would.
   */
  private Target ciphertext(String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      String keyId = CiphertextFormat.parse(Base64.getDecoder().decode(base64)).header().keyId();
      return key(keys.get(keyId));
    } catch (IllegalArgumentException | ClavisException e) {
      return null;
    }
  }

  @Override
  public void authorize(
      Principal principal, String operation, Verb verb, ResourceType resource, Target target) {
    if (principal.root()) {
      return;
    }
    Optional<AttachedStatement> allowing =
        authorizer.allowing(
            principal, operation, verb, resource, target.compartmentId(), target.attributes());
    if (allowing.isEmpty()) {
      throw Authorizer.forbidden(
          principal,
          operation,
          verb,
          resource,
          Compartment.TENANCY.equals(target.compartmentId())
              ? "the tenancy"
              : "compartment "
                  + compartmentName(target.compartmentId()).orElse(target.compartmentId()));
    }
  }

  @Override
  public boolean permits(
      Principal principal,
      String operation,
      Verb verb,
      ResourceType resource,
      String compartmentId) {
    return principal.root()
        || authorizer
            .allowing(principal, operation, verb, resource, compartmentId, Map.of())
            .isPresent();
  }

  /** Which statement (if any) lets a principal do an operation on a resource. */
  public Optional<AttachedStatement> explain(Principal principal, Guard guard, Target target) {
    return authorizer.allowing(
        principal,
        guard.operation(),
        guard.verb(),
        guard.resource(),
        target.compartmentId(),
        target.attributes());
  }
}
