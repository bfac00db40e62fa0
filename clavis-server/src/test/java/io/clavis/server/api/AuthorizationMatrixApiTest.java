package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.testing.TestNode.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Principals x verbs x resource types x compartments through the real REST API. Each principal
 * holds exactly one grant; every probe is one real request whose permission is known; the expected
 * answer (refused with 403 or not) is computed from the verb and resource nesting rules and the
 * compartment tree, independently of the server's policy engine.
 */
class AuthorizationMatrixApiTest extends SharedNodeApiTest {
  private static final List<Verb> VERBS = List.of(Verb.values());
  private final AtomicInteger unique = new AtomicInteger();

  /** One grant: verb on resource in a compartment (null: the tenancy). */
  private record Grant(Verb verb, ResourceType resource, String compartmentName) {
    String statement(String group) {
      return "allow group "
          + group
          + " to "
          + verb.keyword()
          + " "
          + resource.keyword()
          + " in "
          + (compartmentName == null ? "tenancy" : "compartment " + compartmentName);
    }
  }

  /** One request: what it needs, where its target lives, and how to send it. */
  private record Probe(
      Verb verb, ResourceType resource, String where, String method, String path, String body) {}

  private String prodId;
  private String childId;
  private String devId;
  private final Map<String, String> keyIn = new LinkedHashMap<>();
  private final Map<String, String> vaultIn = new LinkedHashMap<>();
  private final Map<String, String> policyIn = new LinkedHashMap<>();

  private JsonNode created(String path, String body) throws Exception {
    return assertOk(post(path, body), 201);
  }

  @Test
  void everyPrincipalCanDoExactlyWhatItsGrantAllows() throws Exception {
    prodId = created("/v1/compartments", json("name", "MProd")).get("id").asText();
    childId =
        created("/v1/compartments", json("name", "MChild", "parentId", prodId)).get("id").asText();
    devId = created("/v1/compartments", json("name", "MDev")).get("id").asText();
    for (Map.Entry<String, String> c :
        Map.of("prod", prodId, "child", childId, "dev", devId).entrySet()) {
      String v =
          created("/v1/vaults", json("name", "mv-" + c.getKey(), "compartmentId", c.getValue()))
              .get("id")
              .asText();
      vaultIn.put(c.getKey(), v);
      keyIn.put(c.getKey(), node.createKey(v, "mk-" + c.getKey(), "AES_256"));
      policyIn.put(
          c.getKey(),
          created(
                  "/v1/policies",
                  json(
                      "name",
                      "mp-" + c.getKey(),
                      "compartmentId",
                      c.getValue(),
                      "statements",
                      List.of(
                          "allow any-user to inspect cluster in compartment id " + c.getValue())))
              .get("id")
              .asText());
    }
    created("/v1/users", json("name", "m-target-user"));
    created("/v1/groups", json("name", "m-target-group"));
    created("/v1/services", json("name", "m-target-service"));

    List<Grant> grants = new ArrayList<>();
    for (Verb v : VERBS) {
      for (ResourceType t :
          List.of(
              ResourceType.KEYS,
              ResourceType.VAULTS,
              ResourceType.KEY_FAMILY,
              ResourceType.COMPARTMENTS,
              ResourceType.POLICIES)) {
        grants.add(new Grant(v, t, "MProd"));
      }
      for (ResourceType t :
          List.of(
              ResourceType.USERS,
              ResourceType.GROUPS,
              ResourceType.SERVICES,
              ResourceType.AUDIT_EVENTS,
              ResourceType.CLUSTER)) {
        grants.add(new Grant(v, t, null));
      }
    }
    grants.add(new Grant(Verb.READ, ResourceType.ALL_RESOURCES, "MProd"));
    grants.add(new Grant(Verb.MANAGE, ResourceType.KEYS, null));

    int checked = 0;
    List<String> wrong = new ArrayList<>();
    int g = 0;
    for (Grant grant : grants) {
      String group = "mg" + g;
      String user = "mu" + g;
      g++;
      created("/v1/groups", json("name", group));
      String uid =
          created("/v1/users", json("name", user, "groups", List.of(group))).get("id").asText();
      created(
          "/v1/policies",
          json("name", "mpol-" + group, "statements", List.of(grant.statement(group))));
      String token = created("/v1/users/" + uid + "/tokens", "{}").get("token").asText();
      for (Probe p : probes()) {
        boolean expected = allows(grant, p);
        Response r = node.call(p.method(), p.path(), p.body(), token);
        assertThat(r.status()).as("%s %s", p.method(), p.path()).isNotEqualTo(500);
        boolean allowed = observedAllowed(p, r);
        if (allowed != expected) {
          wrong.add(
              grant.statement(group)
                  + " -> "
                  + p.method()
                  + " "
                  + p.path()
                  + " expected "
                  + (expected ? "allowed" : "refused")
                  + " got "
                  + r);
        }
        checked++;
      }
    }
    assertThat(wrong).as("mismatches out of %d checks", checked).isEmpty();
    assertThat(checked).isGreaterThan(1500);
  }

  /** The rule, written down independently: verb nesting, type coverage, compartment subtree. */
  private static boolean allows(Grant grant, Probe p) {
    boolean verb = grant.verb().ordinal() >= p.verb().ordinal();
    boolean type =
        grant.resource() == p.resource()
            || grant.resource() == ResourceType.ALL_RESOURCES
            || (grant.resource() == ResourceType.KEY_FAMILY
                && (p.resource() == ResourceType.KEYS || p.resource() == ResourceType.VAULTS));
    boolean place =
        grant.compartmentName() == null || p.where().equals("prod") || p.where().equals("child");
    return verb && type && place;
  }

  /** A refusal is a 403; listings filter instead, so their answer is checked for the target. */
  private boolean observedAllowed(Probe p, Response r) {
    int at = p.path().indexOf("filtered=");
    if (at > 0) {
      String id = p.path().substring(at + "filtered=".length());
      return r.status() == 200 && r.json().get("items").toString().contains("\"" + id + "\"");
    }
    return r.status() != 403;
  }

  private List<Probe> probes() {
    List<Probe> out = new ArrayList<>();
    for (String where : List.of("prod", "child", "dev")) {
      String key = keyIn.get(where);
      String vault = vaultIn.get(where);
      String comp =
          switch (where) {
            case "prod" -> prodId;
            case "child" -> childId;
            default -> devId;
          };
      String policy = policyIn.get(where);
      // Listings filter by what the caller may inspect: the target must be listed or not.
      out.add(
          new Probe(
              Verb.INSPECT,
              ResourceType.KEYS,
              where,
              "GET",
              "/v1/keys?vaultId=" + vault + "&filtered=" + key,
              null));
      out.add(new Probe(Verb.READ, ResourceType.KEYS, where, "GET", "/v1/keys/" + key, null));
      out.add(
          new Probe(
              Verb.USE,
              ResourceType.KEYS,
              where,
              "POST",
              "/v1/keys/" + key + "/encrypt",
              json("plaintext", base64("m"))));
      out.add(
          new Probe(
              Verb.MANAGE,
              ResourceType.KEYS,
              where,
              "PATCH",
              "/v1/keys/" + key,
              json("description", "m")));
      out.add(
          new Probe(
              Verb.INSPECT,
              ResourceType.VAULTS,
              where,
              "GET",
              "/v1/vaults?limit=1000&filtered=" + vault,
              null));
      out.add(new Probe(Verb.READ, ResourceType.VAULTS, where, "GET", "/v1/vaults/" + vault, null));
      out.add(
          new Probe(
              Verb.MANAGE,
              ResourceType.VAULTS,
              where,
              "POST",
              "/v1/vaults",
              json("name", "mx" + unique.incrementAndGet(), "compartmentId", comp)));
      out.add(
          new Probe(
              Verb.INSPECT,
              ResourceType.COMPARTMENTS,
              where,
              "GET",
              "/v1/compartments?filtered=" + comp,
              null));
      out.add(
          new Probe(
              Verb.READ,
              ResourceType.COMPARTMENTS,
              where,
              "GET",
              "/v1/compartments/" + comp,
              null));
      out.add(
          new Probe(
              Verb.MANAGE,
              ResourceType.COMPARTMENTS,
              where,
              "POST",
              "/v1/compartments",
              json("name", "mc" + unique.incrementAndGet(), "parentId", comp)));
      out.add(
          new Probe(
              Verb.INSPECT,
              ResourceType.POLICIES,
              where,
              "GET",
              "/v1/policies?filtered=" + policy,
              null));
      out.add(
          new Probe(
              Verb.READ, ResourceType.POLICIES, where, "GET", "/v1/policies/" + policy, null));
      out.add(
          new Probe(
              Verb.MANAGE,
              ResourceType.POLICIES,
              where,
              "PUT",
              "/v1/policies/" + policy,
              json(
                  "statements",
                  List.of("allow any-user to inspect cluster in compartment id " + comp))));
    }
    for (String kind : List.of("users", "groups", "services")) {
      ResourceType t = ResourceType.fromKeyword(kind).orElseThrow();
      String target = "m-target-" + kind.substring(0, kind.length() - 1);
      out.add(new Probe(Verb.INSPECT, t, "tenancy", "GET", "/v1/" + kind, null));
      out.add(new Probe(Verb.READ, t, "tenancy", "GET", "/v1/" + kind + "/" + target, null));
      out.add(
          new Probe(
              Verb.MANAGE,
              t,
              "tenancy",
              "POST",
              "/v1/" + kind,
              json("name", "mn" + unique.incrementAndGet())));
    }
    out.add(
        new Probe(
            Verb.READ,
            ResourceType.AUDIT_EVENTS,
            "tenancy",
            "GET",
            "/v1/audit-events?limit=1",
            null));
    out.add(new Probe(Verb.READ, ResourceType.CLUSTER, "tenancy", "GET", "/v1/cluster", null));
    out.add(
        new Probe(
            Verb.MANAGE,
            ResourceType.CLUSTER,
            "tenancy",
            "DELETE",
            "/v1/cluster/members/no-such-node",
            null));
    return out;
  }
}
