package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identities, policies and the audit trail end to end, through the {@code clavis} commands against
 * a real node ({@code clavis dev} in its own process): an administrator creates a group, a user in
 * it and a policy letting the group use the keys of one compartment; the user logs in with a
 * password on standard input and may encrypt there and nowhere else; the audit trail shows both.
 * The tests share the node and run in order: the last one revokes the user's token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessControlProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery staple";
  private static final String STATEMENT = "allow group apps to use keys in compartment Prod";

  @TempDir static Path dir;

  private NodeProcess node;
  private InProcessCli root;
  private String prodKey;
  private String otherKey;
  private String aliceToken;
  private String aliceTokenId;

  @BeforeAll
  void startNodeAndGrant() throws Exception {
    node = new NodeProcess(dir.resolve("node")).start();
    root = InProcessCli.forNode(node, node.devJson().get("token").asText());

    ok(root.run("group", "create", "apps", "--description", "Applications", "-o", "json"));
    JsonNode alice =
        json(
            root.runWithStdin(
                PASSWORD + "\n",
                "user",
                "create",
                "alice",
                "--group",
                "apps",
                "--password-stdin",
                "-o",
                "json"));
    assertThat(alice.get("hasPassword").asBoolean()).isTrue();
    assertThat(alice.get("groups").toString()).isEqualTo("[\"apps\"]");

    String prod = id(root.run("compartment", "create", "Prod", "-o", "json"));
    String prodVault = id(root.run("vault", "create", "pv", "--compartment", prod, "-o", "json"));
    String otherVault = id(root.run("vault", "create", "ov", "-o", "json"));
    prodKey =
        id(
            root.run(
                "key",
                "create",
                "k",
                "--vault",
                prodVault,
                "--algorithm",
                "AES_256",
                "-o",
                "json"));
    otherKey =
        id(
            root.run(
                "key",
                "create",
                "k",
                "--vault",
                otherVault,
                "--algorithm",
                "AES_256",
                "-o",
                "json"));

    JsonNode policy =
        json(root.run("policy", "create", "apps-use", "--statement", STATEMENT, "-o", "json"));
    assertThat(policy.get("compartmentId").asText()).isEqualTo("tenancy");
    assertThat(policy.get("statements").get(0).asText()).isEqualTo(STATEMENT);
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static InProcessCli.Result ok(InProcessCli.Result r) {
    assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return r;
  }

  private static JsonNode json(InProcessCli.Result r) throws Exception {
    return JSON.readTree(ok(r).out());
  }

  private static String id(InProcessCli.Result r) throws Exception {
    return json(r).get("id").asText();
  }

  private static void assertOneErrorLine(InProcessCli.Result r, String code) {
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: ").endsWith("\n").contains("(" + code);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private InProcessCli alice() {
    return InProcessCli.forNode(node, aliceToken);
  }

  @Test
  @Order(1)
  void theUserLogsInWithThePasswordOnStandardInput() throws Exception {
    InProcessCli anonymous = InProcessCli.forNode(node, null);
    JsonNode login =
        json(
            anonymous.runWithStdin(
                PASSWORD + "\n", "login", "--name", "alice", "--password-stdin", "-o", "json"));
    aliceToken = login.get("token").asText();
    aliceTokenId = login.get("id").asText();
    assertThat(aliceToken).startsWith("cvs_");
    assertThat(aliceTokenId).startsWith("token_");
    assertThat(Instant.parse(login.get("expiresAt").asText())).isAfter(Instant.now());

    JsonNode me = json(alice().run("whoami", "-o", "json"));
    assertThat(me.get("name").asText()).isEqualTo("alice");
    assertThat(me.get("type").asText()).isEqualTo("user");
    assertThat(me.get("groups").toString()).isEqualTo("[\"apps\"]");
    assertThat(me.get("tokenId").asText()).isEqualTo(aliceTokenId);

    InProcessCli.Result table =
        anonymous.runWithStdin(PASSWORD, "login", "--name", "alice", "--password-stdin");
    assertThat(ok(table).out()).startsWith("FIELD       VALUE\nTOKEN       cvs_");

    InProcessCli.Result wrong =
        anonymous.runWithStdin(
            "not the password\n", "login", "--name", "alice", "--password-stdin");
    assertOneErrorLine(wrong, "UNAUTHENTICATED");
    assertThat(wrong.err()).doesNotContain("not the password");
  }

  @Test
  @Order(2)
  void theUserEncryptsInTheCompartmentAndIsForbiddenElsewhere() {
    InProcessCli.Result allowed = alice().run("encrypt", "-k", prodKey, "--plaintext", "hello");
    assertThat(ok(allowed).out()).contains("KEY ID       " + prodKey);

    InProcessCli.Result denied = alice().run("encrypt", "-k", otherKey, "--plaintext", "hello");
    assertOneErrorLine(denied, "FORBIDDEN");
    assertThat(denied.err()).startsWith("error: alice may not use keys in ");
  }

  @Test
  @Order(3)
  void policyExplainSaysWhichStatementAllowsAndWhyNothingDoes() throws Exception {
    InProcessCli.Result allowed =
        root.run(
            "policy",
            "explain",
            "--principal",
            "alice",
            "--operation",
            "key.encrypt",
            "--resource",
            prodKey);
    assertThat(ok(allowed).out())
        .isEqualTo("ALLOWED by statement 1 of policy apps-use: " + STATEMENT + "\n");

    InProcessCli.Result denied =
        root.run(
            "policy",
            "explain",
            "--principal",
            "alice",
            "--operation",
            "key.encrypt",
            "--resource",
            otherKey);
    assertThat(denied.exit()).as(denied.err()).isEqualTo(3);
    assertThat(denied.err()).isEmpty();
    assertThat(denied.out())
        .startsWith("DENIED: no statement allows alice to use keys")
        .endsWith("(needs 'use keys' in compartment tenancy)\n");

    InProcessCli.Result deniedJson =
        root.run(
            "policy",
            "explain",
            "--principal",
            "alice",
            "--operation",
            "key.encrypt",
            "--resource",
            otherKey,
            "-o",
            "json");
    assertThat(deniedJson.exit()).isEqualTo(3);
    assertThat(JSON.readTree(deniedJson.out()).get("allowed").asBoolean()).isFalse();
  }

  @Test
  @Order(4)
  void aBadStatementIsRefusedWithTheServersMessageAndPosition() throws Exception {
    InProcessCli.Result typo =
        root.run(
            "policy", "create", "bad", "--statement", "allow group apps to usee keys in tenancy");
    assertOneErrorLine(typo, "INVALID_POLICY");
    assertThat(typo.err())
        .startsWith(
            "error: statement 1: expected a verb (inspect, read, use, manage) but found 'usee' at"
                + " position 21 (INVALID_POLICY");

    Path file =
        Files.writeString(
            dir.resolve("bad.policy"),
            "# apps\n" + STATEMENT + "\n\nallow group nobody to use keys in tenancy\n");
    InProcessCli.Result unknown = root.run("policy", "create", "bad", "--file", file.toString());
    assertOneErrorLine(unknown, "INVALID_POLICY");
    assertThat(unknown.err()).startsWith("error: statement 2: no group named nobody (");

    JsonNode list = json(root.run("policy", "list", "-o", "json"));
    List<String> names = new ArrayList<>();
    list.get("items").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactly("built-in", "apps-use");
  }

  @Test
  @Order(5)
  void auditListShowsTheAllowedAndTheDeniedRequest() throws Exception {
    JsonNode page =
        json(
            root.run(
                "audit",
                "list",
                "--principal",
                "alice",
                "--operation",
                "key.encrypt",
                "-o",
                "json"));
    JsonNode items = page.get("items");
    assertThat(items).hasSize(2);
    JsonNode allowed = items.get(0);
    assertThat(allowed.get("result").asText()).isEqualTo("allowed");
    assertThat(allowed.get("resources").get("keyId").asText()).isEqualTo(prodKey);
    assertThat(allowed.get("principalId").asText()).startsWith("user_");
    assertThat(allowed.get("userAgent").asText()).startsWith("clavis-cli/");
    JsonNode denied = items.get(1);
    assertThat(denied.get("result").asText()).isEqualTo("denied");
    assertThat(denied.get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(denied.get("resources").get("keyId").asText()).isEqualTo(otherKey);
    assertThat(denied.get("seq").asLong()).isGreaterThan(allowed.get("seq").asLong());

    String table =
        ok(root.run("audit", "list", "--principal", "alice", "--result", "denied")).out();
    assertThat(table.lines().findFirst().orElseThrow())
        .matches("TIME +NODE +PRINCIPAL +OPERATION +RESULT +CODE +RESOURCES");
    assertThat(table)
        .containsPattern("alice +key\\.encrypt +denied +FORBIDDEN +.*keyId=" + otherKey)
        .doesNotContain(" allowed ");
  }

  @Test
  @Order(6)
  void auditExportWritesEveryRecordAsJsonLinesAndSyslog() throws Exception {
    // Every earlier command's record is written before its answer (the trail fails closed), and
    // the commands below start milliseconds later: "to" (exclusive) separates the two.
    Instant cutoff = Instant.now();
    String to = cutoff.toString();
    JsonNode listed = json(root.run("audit", "list", "--to", to, "--limit", "1000", "-o", "json"));
    assertThat(listed.has("nextPage")).isFalse();
    Set<Long> listedSeqs = new TreeSet<>();
    listed.get("items").forEach(i -> listedSeqs.add(i.get("seq").asLong()));
    int n = listedSeqs.size();
    assertThat(n).isGreaterThan(10);

    Path jsonl = dir.resolve("audit.jsonl");
    InProcessCli.Result export =
        root.run(
            "audit",
            "export",
            "--format",
            "jsonl",
            "--to",
            to,
            "--limit",
            "7",
            "--out",
            jsonl.toString());
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).isEqualTo("exported " + n + " records to " + jsonl + "\n");
    assertThat(export.err()).startsWith("exported 7 records...\n"); // progress, --out given
    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize(n);
    Set<Long> exportedSeqs = new TreeSet<>();
    for (String line : lines) {
      JsonNode r = JSON.readTree(line);
      exportedSeqs.add(r.get("seq").asLong());
      assertThat(r.get("hash").asText()).hasSize(64);
    }
    assertThat(exportedSeqs).isEqualTo(listedSeqs);

    InProcessCli.Result syslog = root.run("audit", "export", "--format", "syslog", "--to", to);
    assertThat(syslog.exit()).as(syslog.err()).isZero();
    assertThat(syslog.err()).endsWith("exported " + n + " records\n");
    assertThat(syslog.out().lines()).hasSize(n).allMatch(l -> l.matches("<1\\d\\d>1 .*"));
    assertThat(syslog.out()).contains("[clavis@32473 ").contains("result=\"denied\"");

    InProcessCli.Result aliceOnly =
        root.run(
            "audit",
            "export",
            "--format",
            "jsonl",
            "--principal",
            "alice",
            "--to",
            to,
            "--operation",
            "key.encrypt");
    assertThat(aliceOnly.exit()).isZero();
    assertThat(aliceOnly.out().lines()).hasSize(2);
  }

  @Test
  @Order(7)
  void usersServicesGroupsPoliciesAndCompartmentsThroughTheirCommands() throws Exception {
    JsonNode billing =
        json(root.run("service", "create", "billing", "--group", "apps", "-o", "json"));
    assertThat(billing.get("id").asText()).startsWith("service_");
    JsonNode serviceToken =
        json(root.run("service", "token", "create", "billing", "--ttl", "1h", "-o", "json"));
    InProcessCli.Result serviceTokens = ok(root.run("service", "token", "list", "billing"));
    assertThat(serviceTokens.out())
        .contains(serviceToken.get("id").asText())
        .doesNotContain(serviceToken.get("token").asText());

    JsonNode userToken =
        json(root.run("user", "token", "create", "alice", "--description", "ci", "-o", "json"));
    JsonNode userTokens = json(root.run("user", "token", "list", "alice", "-o", "json"));
    List<String> ids = new ArrayList<>();
    userTokens.get("items").forEach(t -> ids.add(t.get("id").asText()));
    assertThat(ids).contains(userToken.get("id").asText(), aliceTokenId);
    assertThat(userTokens.toString()).doesNotContain(userToken.get("token").asText());

    assertThat(json(root.run("group", "get", "apps", "-o", "json")).get("members").toString())
        .isEqualTo("[\"alice\",\"billing\"]");
    assertThat(
            json(root.run("group", "remove-member", "apps", "billing", "-o", "json"))
                .get("members")
                .toString())
        .isEqualTo("[\"alice\"]");
    assertThat(
            json(root.run("group", "add-member", "apps", "billing", "-o", "json"))
                .get("members")
                .toString())
        .isEqualTo("[\"alice\",\"billing\"]");
    ok(root.run("group", "create", "tmp"));
    assertThat(ok(root.run("group", "delete", "tmp")).out()).isEqualTo("deleted group tmp\n");
    assertOneErrorLine(root.run("group", "delete", "key-admins"), "INVALID_STATE");

    Path file =
        Files.writeString(
            dir.resolve("apps.policy"),
            "# what the apps may do\n"
                + STATEMENT
                + "\nallow group apps to inspect vaults in compartment Prod\n");
    JsonNode updated =
        json(root.run("policy", "update", "apps-use", "--file", file.toString(), "-o", "json"));
    assertThat(updated.get("statements")).hasSize(2);
    assertThat(ok(root.run("policy", "get", "apps-use")).out())
        .contains("2. allow group apps to inspect vaults in compartment Prod");

    String tmp = id(root.run("compartment", "create", "Tmp", "-o", "json"));
    assertThat(json(root.run("compartment", "get", tmp, "-o", "json")).get("name").asText())
        .isEqualTo("Tmp");
    assertThat(ok(root.run("compartment", "delete", tmp)).out())
        .isEqualTo("deleted compartment " + tmp + "\n");
    assertOneErrorLine(root.run("compartment", "get", tmp), "NOT_FOUND");

    JsonNode bob = json(root.run("user", "create", "bob", "-o", "json"));
    assertThat(bob.get("hasPassword").asBoolean()).isFalse();
    ok(root.runWithStdin(PASSWORD + "\n", "user", "set-password", "bob", "--password-stdin"));
    assertThat(json(root.run("user", "get", "bob", "-o", "json")).get("hasPassword").asBoolean())
        .isTrue();
    ok(root.run("user", "unlock", "bob"));
    assertThat(ok(root.run("user", "list")).out()).contains("alice").contains("bob");
    assertThat(ok(root.run("user", "delete", "bob")).out()).isEqualTo("deleted user bob\n");
    assertOneErrorLine(root.run("user", "get", "bob"), "NOT_FOUND");

    assertThat(ok(root.run("service", "delete", "billing")).out())
        .isEqualTo("deleted service billing\n");
    assertThat(json(root.run("whoami", "-o", "json")).get("type").asText()).isEqualTo("root");
  }

  @Test
  @Order(8)
  void aRevokedTokenStopsWorking() {
    ok(alice().run("whoami"));
    InProcessCli.Result revoked = ok(root.run("token", "revoke", aliceTokenId));
    assertThat(revoked.out()).isEqualTo("revoked token " + aliceTokenId + "\n");
    assertOneErrorLine(alice().run("whoami"), "UNAUTHENTICATED");
    assertOneErrorLine(
        alice().run("encrypt", "-k", prodKey, "--plaintext", "x"), "UNAUTHENTICATED");
  }
}
