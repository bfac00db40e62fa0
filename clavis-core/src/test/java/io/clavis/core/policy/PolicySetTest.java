package io.clavis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The evaluation matrix. The compartment tree used throughout:
 *
 * <pre>
 * tenancy
 * ├── Prod (c-prod)
 * │   └── Payments (c-prod-pay)
 * └── Dev (c-dev)
 *     └── Payments (c-dev-pay)
 * </pre>
 */
class PolicySetTest {
  private static final CompartmentRef PROD_REF = new CompartmentRef("c-prod", "Prod");
  private static final CompartmentRef DEV_REF = new CompartmentRef("c-dev", "Dev");

  private static final List<CompartmentRef> TENANCY = List.of(CompartmentRef.TENANCY);
  private static final List<CompartmentRef> PROD = List.of(CompartmentRef.TENANCY, PROD_REF);
  private static final List<CompartmentRef> PROD_PAY =
      List.of(CompartmentRef.TENANCY, PROD_REF, new CompartmentRef("c-prod-pay", "Payments"));
  private static final List<CompartmentRef> DEV = List.of(CompartmentRef.TENANCY, DEV_REF);
  private static final List<CompartmentRef> DEV_PAY =
      List.of(CompartmentRef.TENANCY, DEV_REF, new CompartmentRef("c-dev-pay", "Payments"));
  private static final Map<String, List<CompartmentRef>> PATHS =
      Map.of(
          "tenancy",
          TENANCY,
          "Prod",
          PROD,
          "Prod:Payments",
          PROD_PAY,
          "Dev",
          DEV,
          "Dev:Payments",
          DEV_PAY);

  private static final PrincipalRef APP = PrincipalRef.user("app", "apps");

  @ParameterizedTest(name = "{0} grants {1}: {2}")
  @CsvSource({
    "manage, manage, true",
    "manage, use, true",
    "manage, read, true",
    "manage, inspect, true",
    "use, manage, false",
    "use, use, true",
    "use, read, true",
    "use, inspect, true",
    "read, manage, false",
    "read, use, false",
    "read, read, true",
    "read, inspect, true",
    "inspect, manage, false",
    "inspect, use, false",
    "inspect, read, false",
    "inspect, inspect, true",
  })
  void verbsNest(String granted, String requested, boolean allowed) {
    PolicySet set = set(at("tenancy", "allow group apps to " + granted + " keys in tenancy"));
    AccessRequest request =
        new AccessRequest(APP, Verb.parse(requested), ResourceType.KEYS, PROD, Map.of());
    assertThat(set.allowing(request).isPresent()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "key-family, VAULTS, true",
    "key-family, KEYS, true",
    "key-family, AUDIT_EVENTS, false",
    "key-family, POLICIES, false",
    "key-family, USERS, false",
    "key-family, GROUPS, false",
    "key-family, SERVICES, false",
    "key-family, COMPARTMENTS, false",
    "key-family, CLUSTER, false",
    "all-resources, VAULTS, true",
    "all-resources, KEYS, true",
    "all-resources, AUDIT_EVENTS, true",
    "all-resources, POLICIES, true",
    "all-resources, USERS, true",
    "all-resources, GROUPS, true",
    "all-resources, SERVICES, true",
    "all-resources, COMPARTMENTS, true",
    "all-resources, CLUSTER, true",
    "keys, KEYS, true",
    "keys, VAULTS, false",
    "vaults, VAULTS, true",
    "vaults, KEYS, false",
    "audit-events, AUDIT_EVENTS, true",
    "audit-events, POLICIES, false",
    "policies, POLICIES, true",
    "users, USERS, true",
    "users, GROUPS, false",
    "groups, GROUPS, true",
    "services, SERVICES, true",
    "services, USERS, false",
    "compartments, COMPARTMENTS, true",
    "cluster, CLUSTER, true",
    "cluster, KEYS, false",
  })
  void resourceTypesAndFamilies(String granted, ResourceType requested, boolean allowed) {
    PolicySet set = set(at("tenancy", "allow group apps to use " + granted + " in tenancy"));
    AccessRequest request = new AccessRequest(APP, Verb.USE, requested, PROD, Map.of());
    assertThat(set.allowing(request).isPresent()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "attached at {0}: {1} covers {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tenancy    | tenancy                       | tenancy       | true
          tenancy    | tenancy                       | Prod          | true
          tenancy    | tenancy                       | Prod:Payments | true
          tenancy    | tenancy                       | Dev:Payments  | true
          tenancy    | compartment Prod              | Prod          | true
          tenancy    | compartment Prod              | Prod:Payments | true
          tenancy    | compartment Prod              | Dev           | false
          tenancy    | compartment Prod              | Dev:Payments  | false
          tenancy    | compartment Prod              | tenancy       | false
          tenancy    | compartment Prod:Payments     | Prod:Payments | true
          tenancy    | compartment Prod:Payments     | Prod          | false
          tenancy    | compartment Prod:Payments     | Dev:Payments  | false
          tenancy    | compartment Payments          | Prod:Payments | false
          tenancy    | compartment prod              | Prod          | false
          tenancy    | compartment Prod:Payments:X   | Prod:Payments | false
          tenancy    | compartment id c-prod         | Prod          | true
          tenancy    | compartment id c-prod         | Prod:Payments | true
          tenancy    | compartment id c-prod         | Dev           | false
          tenancy    | compartment id c-prod         | tenancy       | false
          tenancy    | compartment id tenancy        | Dev:Payments  | true
          tenancy    | compartment id c-unknown      | Prod          | false
          c-prod     | compartment Payments          | Prod:Payments | true
          c-prod     | compartment Payments          | Prod          | false
          c-prod     | compartment Payments          | Dev:Payments  | false
          c-prod     | compartment Prod              | Prod          | false
          c-prod     | compartment Prod:Payments     | Prod:Payments | false
          c-prod     | tenancy                       | Prod          | false
          c-prod     | tenancy                       | Prod:Payments | false
          c-prod     | compartment id c-prod         | Prod          | true
          c-prod     | compartment id c-prod         | Prod:Payments | true
          c-prod     | compartment id c-prod-pay     | Prod:Payments | true
          c-prod     | compartment id c-prod-pay     | Prod          | false
          c-prod     | compartment id c-dev          | Dev           | false
          c-prod     | compartment id tenancy        | Prod          | false
          c-dev      | compartment Payments          | Dev:Payments  | true
          c-dev      | compartment Payments          | Prod:Payments | false
          c-prod-pay | compartment id c-prod-pay     | Prod:Payments | true
          c-unknown  | compartment id c-prod         | Prod          | false
          """)
  void locationsCoverSubtreesBelowTheAttachment(
      String attachment, String location, String target, boolean allowed) {
    PolicySet set = set(at(attachment, "allow group apps to use keys in " + location));
    AccessRequest request =
        new AccessRequest(APP, Verb.USE, ResourceType.KEYS, PATHS.get(target), Map.of());
    assertThat(set.allowing(request).isPresent()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} names {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          group apps      | user app in apps        | true
          group apps      | user app in ops         | false
          group apps      | service app in apps     | true
          group Apps      | user app in apps        | false
          user app        | user app in ops         | true
          user app        | service app in ops      | false
          user app        | user App in ops         | false
          service app     | service app in ops      | true
          service app     | user app in ops         | false
          any-user        | user app in ops         | true
          any-user        | service app in ops      | true
          any-user        | user nobody in          | true
          user x, group apps, service y | user app in apps | true
          user x, group ops, service y  | user app in apps | false
          group a, group b | user app in b, c       | true
          """)
  void subjectsNamePrincipals(String subjects, String principal, boolean allowed) {
    PolicySet set = set(at("tenancy", "allow " + subjects + " to use keys in tenancy"));
    AccessRequest request =
        new AccessRequest(principal(principal), Verb.USE, ResourceType.KEYS, PROD, Map.of());
    assertThat(set.allowing(request).isPresent()).isEqualTo(allowed);
    assertThat(set.statements().get(0).allows(request)).isEqualTo(allowed);
  }

  @Test
  void conditionsTestTheRequestAttributes() {
    PolicySet set =
        set(
            at(
                "tenancy",
                "allow service objectstorage to use keys in compartment Prod"
                    + " where all { target.key.name = /finance-*/,"
                    + " request.operation != 'key.schedule-deletion' }"));
    PrincipalRef storage = PrincipalRef.service("objectstorage");

    assertThat(allowed(set, storage, Map.of("target.key.name", "finance-eu"))).isFalse();
    assertThat(
            allowed(
                set,
                storage,
                Map.of("target.key.name", "finance-eu", "request.operation", "key.encrypt")))
        .isTrue();
    assertThat(
            allowed(
                set,
                storage,
                Map.of(
                    "target.key.name", "finance-eu", "request.operation", "key.schedule-deletion")))
        .isFalse();
    assertThat(
            allowed(
                set, storage, Map.of("target.key.name", "hr", "request.operation", "key.encrypt")))
        .isFalse();
    assertThat(allowed(set, storage, Map.of())).isFalse();
  }

  @Test
  void deniesByDefault() {
    AccessRequest request = new AccessRequest(APP, Verb.INSPECT, ResourceType.KEYS, PROD, Map.of());
    assertThat(PolicySet.of(List.of()).allowing(request)).isEmpty();
    PolicySet others =
        set(
            at("tenancy", "allow group ops to manage all-resources in tenancy"),
            at("tenancy", "allow user root to manage all-resources in tenancy"),
            at("tenancy", "allow service app to manage all-resources in tenancy"),
            at("tenancy", "allow group apps to manage keys in compartment Dev"));
    assertThat(others.allowing(request)).isEmpty();
  }

  @Test
  void reportsTheFirstAllowingStatementInTheGivenOrder() {
    AttachedStatement viaAnyUser = at("tenancy", "allow any-user to inspect keys in tenancy");
    AttachedStatement viaGroup = at("tenancy", "allow group apps to use keys in tenancy");
    AttachedStatement viaUser = at("tenancy", "allow user app to use keys in tenancy");
    AttachedStatement notMatching = at("tenancy", "allow user app to use vaults in tenancy");
    AccessRequest request = new AccessRequest(APP, Verb.INSPECT, ResourceType.KEYS, PROD, Map.of());

    assertThat(set(notMatching, viaAnyUser, viaGroup, viaUser).allowing(request))
        .contains(viaAnyUser);
    assertThat(set(notMatching, viaGroup, viaAnyUser, viaUser).allowing(request))
        .contains(viaGroup);
    assertThat(set(notMatching, viaUser, viaGroup, viaAnyUser).allowing(request)).contains(viaUser);

    AccessRequest use = new AccessRequest(APP, Verb.USE, ResourceType.KEYS, PROD, Map.of());
    assertThat(set(viaAnyUser, viaUser, viaGroup).allowing(use)).contains(viaUser);
  }

  @Test
  void reportsThePolicyOfTheMatch() {
    List<AttachedStatement> statements = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statements.add(
          new AttachedStatement(
              "pol-1",
              "key-users",
              i,
              "tenancy",
              PolicyParser.parse("allow group g" + i + " to use keys in tenancy")));
    }
    PolicySet set = PolicySet.of(statements);
    AccessRequest request =
        new AccessRequest(
            PrincipalRef.user("u", "g2", "g1"), Verb.USE, ResourceType.KEYS, TENANCY, Map.of());

    AttachedStatement match = set.allowing(request).orElseThrow();
    assertThat(match.policyId()).isEqualTo("pol-1");
    assertThat(match.policyName()).isEqualTo("key-users");
    assertThat(match.index()).isEqualTo(1);
    assertThat(set.statements()).isEqualTo(statements);
  }

  @Test
  void aStatementNamingThePrincipalTwiceIsStillOneMatch() {
    AttachedStatement twice =
        at("tenancy", "allow group a, group a, group b to use keys in Tenancy");
    AccessRequest request =
        new AccessRequest(
            PrincipalRef.user("u", "a", "b"), Verb.USE, ResourceType.KEYS, PROD, Map.of());
    assertThat(set(twice).allowing(request)).contains(twice);
  }

  @Test
  void agreesWithCheckingEveryStatementInOrder() {
    Random random = new Random(20241123);
    List<String> names = List.of("a", "b", "c");
    List<List<CompartmentRef>> paths = List.copyOf(PATHS.values());
    List<String> attachments =
        List.of("tenancy", "tenancy", "tenancy", "c-prod", "c-dev", "c-prod-pay");
    List<String> locations =
        List.of(
            "tenancy",
            "compartment Prod",
            "compartment Payments",
            "compartment Dev:Payments",
            "compartment id c-prod",
            "compartment id c-dev-pay");
    List<String> subjects =
        List.of(
            "group a",
            "group b",
            "group c",
            "user a",
            "user b",
            "service a",
            "service c",
            "any-user");
    int allowedCount = 0;
    for (int round = 0; round < 200; round++) {
      List<AttachedStatement> statements = new ArrayList<>();
      int size = random.nextInt(25);
      for (int i = 0; i < size; i++) {
        String text =
            "allow "
                + pick(random, subjects)
                + ", "
                + pick(random, subjects)
                + " to "
                + pick(random, List.of(Verb.values())).keyword()
                + " "
                + pick(random, List.of(ResourceType.values())).keyword()
                + " in "
                + pick(random, locations)
                + (random.nextInt(3) > 0
                    ? ""
                    : " where target.key.name = /" + pick(random, names) + "*/");
        statements.add(
            new AttachedStatement(
                "p" + i, "policy" + i, 0, pick(random, attachments), PolicyParser.parse(text)));
      }
      PolicySet set = PolicySet.of(statements);
      for (int r = 0; r < 50; r++) {
        String name = pick(random, names);
        String[] groups = names.stream().filter(g -> random.nextBoolean()).toArray(String[]::new);
        PrincipalRef principal =
            random.nextBoolean()
                ? PrincipalRef.user(name, groups)
                : PrincipalRef.service(name, groups);
        ResourceType resource;
        do {
          resource = pick(random, List.of(ResourceType.values()));
        } while (resource.isFamily());
        Map<String, String> attributes = new HashMap<>();
        if (random.nextBoolean()) {
          attributes.put("target.key.name", pick(random, names) + random.nextInt(3));
        }
        AccessRequest request =
            new AccessRequest(
                principal,
                pick(random, List.of(Verb.values())),
                resource,
                pick(random, paths),
                attributes);

        Optional<AttachedStatement> expected =
            statements.stream().filter(s -> s.allows(request)).findFirst();
        assertThat(set.allowing(request)).isEqualTo(expected);
        allowedCount += expected.isPresent() ? 1 : 0;
      }
    }
    // The generated cases exercise both answers.
    assertThat(allowedCount).isBetween(1000, 9000);
  }

  @ParameterizedTest
  @EnumSource(
      value = ResourceType.class,
      names = {"KEY_FAMILY", "ALL_RESOURCES"})
  void requestsNameConcreteTypes(ResourceType family) {
    assertThatThrownBy(() -> new AccessRequest(APP, Verb.USE, family, PROD, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(family.keyword());
  }

  @Test
  void requestPathsStartAtTheTenancyAndDoNotRepeat() {
    assertThatThrownBy(
            () -> new AccessRequest(APP, Verb.USE, ResourceType.KEYS, List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenancy root");
    assertThatThrownBy(
            () -> new AccessRequest(APP, Verb.USE, ResourceType.KEYS, List.of(PROD_REF), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenancy root");
    assertThatThrownBy(
            () ->
                new AccessRequest(
                    APP,
                    Verb.USE,
                    ResourceType.KEYS,
                    List.of(CompartmentRef.TENANCY, PROD_REF, PROD_REF),
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeats 'c-prod'");
    assertThat(
            new AccessRequest(APP, Verb.USE, ResourceType.KEYS, PROD_PAY, Map.of()).compartment())
        .isEqualTo(PROD_PAY.get(2));
  }

  @Test
  void requestAttributesAreKnownVariablesAndNullMeansAbsent() {
    assertThatThrownBy(
            () ->
                new AccessRequest(
                    APP, Verb.USE, ResourceType.KEYS, PROD, Map.of("target.key.nam", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown attribute 'target.key.nam'");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("request.auth.method", null);
    withNull.put("request.protocol", "rest");
    AccessRequest request = new AccessRequest(APP, Verb.USE, ResourceType.KEYS, PROD, withNull);
    assertThat(request.attributes()).isEqualTo(Map.of("request.protocol", "rest"));
    PolicySet set =
        set(
            at(
                "tenancy",
                "allow any-user to use keys in tenancy where request.auth.method != 'x'"));
    assertThat(set.allowing(request)).isEmpty();
  }

  private static boolean allowed(PolicySet set, PrincipalRef principal, Map<String, String> attrs) {
    return set.allowing(new AccessRequest(principal, Verb.USE, ResourceType.KEYS, PROD_PAY, attrs))
        .isPresent();
  }

  /** Parses "user NAME in GROUP, GROUP" or "service NAME in ...". */
  private static PrincipalRef principal(String text) {
    String[] words = text.split(" in ?", 2);
    String[] kindAndName = words[0].split(" ");
    String[] groups = words[1].isBlank() ? new String[0] : words[1].trim().split("\\s*,\\s*");
    return kindAndName[0].equals("user")
        ? PrincipalRef.user(kindAndName[1], groups)
        : PrincipalRef.service(kindAndName[1], groups);
  }

  private static AttachedStatement at(String compartmentId, String text) {
    return new AttachedStatement("pol", "policy", 0, compartmentId, PolicyParser.parse(text));
  }

  private static PolicySet set(AttachedStatement... statements) {
    return PolicySet.of(List.of(statements));
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
