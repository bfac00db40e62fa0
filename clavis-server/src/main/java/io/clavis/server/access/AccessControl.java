package io.clavis.server.access;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.identity.Principal;
import java.security.cert.X509Certificate;

/** Authentication and authorisation as every protocol listener uses them. */
public interface AccessControl {
  /**
   * The caller: from a bearer token when there is one, else from a registered client certificate.
   *
   * @throws io.clavis.server.error.ClavisException UNAUTHENTICATED when neither identifies anyone
   */
  Principal authenticate(String bearerToken, X509Certificate clientCertificate);

  /** The resource behind an id of the given kind (null id: the tenancy, where that makes sense). */
  Target resolve(TargetRef.TargetKind kind, String id);

  /**
   * Checks that a policy lets the principal do {@code verb} on {@code resource} in the target's
   * compartment (root always may).
   *
   * @throws io.clavis.server.error.ClavisException FORBIDDEN when no statement allows it
   */
  void authorize(Principal principal, String operation, Verb verb, ResourceType resource, Target t);

  /** Whether a policy lets the principal do {@code verb} on {@code resource} in a compartment. */
  boolean permits(
      Principal principal,
      String operation,
      Verb verb,
      ResourceType resource,
      String compartmentId);
}
