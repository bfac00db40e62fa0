package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Compartments and vaults. */
class VaultApiTest extends SharedNodeApiTest {

  private JsonNode createCompartment(String body) throws Exception {
    return assertOk(post("/v1/compartments", body), 201);
  }

  private JsonNode createVault(String body) throws Exception {
    return assertOk(post("/v1/vaults", body), 201);
  }

  @Test
  void compartmentsFormATreeUnderTheTenancy() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    JsonNode parent = createCompartment(json("name", "engineering"));
    assertThat(parent.get("id").asText()).startsWith("compartment_");
    assertThat(parent.get("name").asText()).isEqualTo("engineering");
    assertThat(parent.get("parentId").asText()).isEqualTo("tenancy");
    assertThat(Instant.parse(parent.get("createdAt").asText())).isAfter(before);
    assertThat(parent.get("createdBy").asText()).isEqualTo("root");

    JsonNode child =
        createCompartment(json("name", "payments", "parentId", parent.get("id").asText()));
    assertThat(child.get("parentId").asText()).isEqualTo(parent.get("id").asText());

    JsonNode list = assertOk(get("/v1/compartments"));
    Map<String, JsonNode> byId = new HashMap<>();
    list.get("items").forEach(c -> byId.put(c.get("id").asText(), c));
    assertThat(byId).containsKeys("tenancy", parent.get("id").asText(), child.get("id").asText());
    assertThat(byId.get("tenancy").get("name").asText()).isEqualTo("tenancy");
    assertThat(byId.get("tenancy").has("parentId")).as("the root has no parent").isFalse();
    assertThat(byId.get(child.get("id").asText())).isEqualTo(child);

    // Names are unique among siblings only.
    assertError(post("/v1/compartments", json("name", "engineering")), 409, "NAME_TAKEN");
    assertError(
        post("/v1/compartments", json("name", "payments", "parentId", parent.get("id").asText())),
        409,
        "NAME_TAKEN");
    createCompartment(json("name", "payments"));
    createCompartment(json("name", "engineering", "parentId", child.get("id").asText()));
  }

  @Test
  void invalidCompartments() throws Exception {
    assertError(
        post("/v1/compartments", json("name", "orphan", "parentId", "compartment_nope")),
        404,
        "NOT_FOUND");
    assertError(post("/v1/compartments", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/compartments", json("name", 3)), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/compartments", json("name", "ok", "parentId", 3)), 400, "INVALID_ARGUMENT");
    for (String bad : new String[] {"", "a b", "a/b", "é", "x".repeat(129), "tab\there"}) {
      assertError(post("/v1/compartments", json("name", bad)), 400, "INVALID_ARGUMENT");
    }
    createCompartment(json("name", "x".repeat(128)));
    createCompartment(json("name", "A-z_0.9"));
  }

  @Test
  void createAndGetVaults() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    JsonNode v = createVault(json("name", "payments"));
    assertThat(v.get("id").asText()).startsWith("vault_");
    assertThat(v.get("name").asText()).isEqualTo("payments");
    assertThat(v.get("compartmentId").asText()).isEqualTo("tenancy");
    assertThat(v.get("protectionMode").asText()).isEqualTo("SOFTWARE");
    assertThat(Instant.parse(v.get("createdAt").asText())).isAfter(before);
    assertThat(v.get("createdBy").asText()).isEqualTo("root");
    assertThat(assertOk(get("/v1/vaults/" + v.get("id").asText()))).isEqualTo(v);

    String compartment = createCompartment(json("name", "vaults-here")).get("id").asText();
    JsonNode inCompartment = createVault(json("name", "payments", "compartmentId", compartment));
    assertThat(inCompartment.get("compartmentId").asText()).isEqualTo(compartment);

    assertError(post("/v1/vaults", json("name", "payments")), 409, "NAME_TAKEN");
    assertError(
        post("/v1/vaults", json("name", "payments", "compartmentId", compartment)),
        409,
        "NAME_TAKEN");
    assertError(
        post("/v1/vaults", json("name", "lost", "compartmentId", "compartment_nope")),
        404,
        "NOT_FOUND");
    assertError(get("/v1/vaults/vault_nope"), 404, "NOT_FOUND");
    assertError(post("/v1/vaults", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/vaults", json("name", true)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/vaults", json("name", "a b")), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/vaults", json("name", "ok", "compartmentId", 1)), 400, "INVALID_ARGUMENT");
  }

  @Test
  void listVaultsPageByPage() throws Exception {
    Set<String> created = new LinkedHashSet<>();
    for (int i = 0; i < 4; i++) {
      created.add(createVault(json("name", "paged-" + i)).get("id").asText());
    }
    JsonNode everything = assertOk(get("/v1/vaults?limit=1000"));
    int total = everything.get("items").size();
    assertThat(everything.has("nextPage")).isFalse();
    assertThat(total).isGreaterThanOrEqualTo(4);

    List<String> walked = new ArrayList<>();
    String page = null;
    int requests = 0;
    do {
      JsonNode r = assertOk(get("/v1/vaults?limit=1" + (page == null ? "" : "&page=" + page)));
      assertThat(r.get("items")).hasSize(1);
      walked.add(r.get("items").get(0).get("id").asText());
      page = r.has("nextPage") ? r.get("nextPage").asText() : null;
      if (page != null) {
        assertThat(r.get("nextPage").isTextual()).isTrue();
      }
      requests++;
    } while (page != null && requests <= total + 1);
    assertThat(requests).isEqualTo(total);
    assertThat(walked).doesNotHaveDuplicates().containsAll(created);
    List<String> all = new ArrayList<>();
    everything.get("items").forEach(i -> all.add(i.get("id").asText()));
    assertThat(walked).containsExactlyElementsOf(all);

    // Default page: everything here fits.
    assertThat(assertOk(get("/v1/vaults")).get("items")).hasSize(total);
  }

  @Test
  void listVaultsRejectsBadParameters() throws Exception {
    for (String limit : new String[] {"0", "1001", "-5", "abc", "1.5", ""}) {
      assertError(get("/v1/vaults?limit=" + limit), 400, "INVALID_ARGUMENT");
    }
    assertError(get("/v1/vaults?page=%25%25%25"), 400, "INVALID_ARGUMENT");
    assertOk(get("/v1/vaults?limit=1000"));
    assertOk(get("/v1/vaults?limit=1"));
  }

  @Test
  void vaultsHaveNoDeleteOrUpdate() throws Exception {
    String id = createVault(json("name", "immutable")).get("id").asText();
    assertError(node.call("DELETE", "/v1/vaults", null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("DELETE", "/v1/vaults/" + id, null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("PUT", "/v1/vaults/" + id, json("name", "x")), 405, "METHOD_NOT_ALLOWED");
    assertError(
        node.call("PATCH", "/v1/vaults/" + id, json("name", "x")), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("DELETE", "/v1/compartments", null), 405, "METHOD_NOT_ALLOWED");
    assertThat(assertOk(get("/v1/vaults/" + id)).get("name").asText()).isEqualTo("immutable");
  }
}
