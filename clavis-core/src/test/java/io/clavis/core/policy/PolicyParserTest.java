package io.clavis.core.policy;

import static io.clavis.core.policy.Condition.all;
import static io.clavis.core.policy.Condition.any;
import static io.clavis.core.policy.Condition.equal;
import static io.clavis.core.policy.Condition.matching;
import static io.clavis.core.policy.Condition.notEqual;
import static io.clavis.core.policy.Condition.notMatching;
import static io.clavis.core.policy.Location.compartment;
import static io.clavis.core.policy.Location.compartmentId;
import static io.clavis.core.policy.Location.tenancy;
import static io.clavis.core.policy.Subject.anyUser;
import static io.clavis.core.policy.Subject.group;
import static io.clavis.core.policy.Subject.service;
import static io.clavis.core.policy.Subject.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {
  private static final String KEY_NAME = ConditionVariables.TARGET_KEY_NAME;
  private static final String OPERATION = ConditionVariables.REQUEST_OPERATION;
  private static final String RESOURCES =
      "a resource type (vaults, keys, key-family, audit-events, policies, users, groups, services,"
          + " compartments, cluster, all-resources)";

  static Stream<Arguments> validStatements() {
    return Stream.of(
        arguments(
            "allow group apps to use keys in compartment Prod",
            statement(List.of(group("apps")), Verb.USE, ResourceType.KEYS, compartment("Prod"))),
        arguments(
            "allow service objectstorage to use keys in compartment Prod"
                + " where target.key.name = 'finance'",
            statement(
                List.of(service("objectstorage")),
                Verb.USE,
                ResourceType.KEYS,
                compartment("Prod"),
                equal(KEY_NAME, "finance"))),
        arguments(
            "allow group auditors to read audit-events in tenancy",
            statement(List.of(group("auditors")), Verb.READ, ResourceType.AUDIT_EVENTS, tenancy())),
        arguments(
            "Allow GROUP apps TO use KEYS in TENANCY",
            statement(List.of(group("apps")), Verb.USE, ResourceType.KEYS, tenancy())),
        arguments(
            "ALLOW Any-User To INSPECT Vaults IN Compartment ID cmp_abc123",
            statement(
                List.of(anyUser()),
                Verb.INSPECT,
                ResourceType.VAULTS,
                compartmentId("cmp_abc123"))),
        arguments(
            "allow user alice to manage all-resources in tenancy",
            statement(List.of(user("alice")), Verb.MANAGE, ResourceType.ALL_RESOURCES, tenancy())),
        arguments(
            "allow group a, group b, user c, service d, any-user to read key-family"
                + " in compartment Prod:Payments:EU",
            statement(
                List.of(group("a"), group("b"), user("c"), service("d"), anyUser()),
                Verb.READ,
                ResourceType.KEY_FAMILY,
                compartment("Prod", "Payments", "EU"))),
        arguments(
            "allow group ops to manage cluster in tenancy",
            statement(List.of(group("ops")), Verb.MANAGE, ResourceType.CLUSTER, tenancy())),
        arguments(
            "allow group admins to manage policies in compartment Prod",
            statement(
                List.of(group("admins")), Verb.MANAGE, ResourceType.POLICIES, compartment("Prod"))),
        arguments(
            "allow group admins to manage users in tenancy",
            statement(List.of(group("admins")), Verb.MANAGE, ResourceType.USERS, tenancy())),
        arguments(
            "allow group admins to read groups in tenancy",
            statement(List.of(group("admins")), Verb.READ, ResourceType.GROUPS, tenancy())),
        arguments(
            "allow group admins to inspect services in tenancy",
            statement(List.of(group("admins")), Verb.INSPECT, ResourceType.SERVICES, tenancy())),
        arguments(
            "allow group admins to use compartments in compartment id cmp-1",
            statement(
                List.of(group("admins")),
                Verb.USE,
                ResourceType.COMPARTMENTS,
                compartmentId("cmp-1"))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name = /finance-*/",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                matching(KEY_NAME, "finance-*"))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name != 'it''s'",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                notEqual(KEY_NAME, "it's"))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name = '''quoted'''",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                equal(KEY_NAME, "'quoted'"))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name = ''",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                equal(KEY_NAME, ""))),
        arguments(
            "allow group apps to use keys in tenancy where all { target.key.name = 'a',"
                + " request.operation = 'key.encrypt' }",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                all(equal(KEY_NAME, "a"), equal(OPERATION, "key.encrypt")))),
        arguments(
            "allow group apps to use keys in tenancy where any { all { target.key.name = 'a',"
                + " request.operation != /key.sign*/ }, any { request.protocol = 'rest' } }",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                any(
                    all(equal(KEY_NAME, "a"), notMatching(OPERATION, "key.sign*")),
                    any(equal(ConditionVariables.REQUEST_PROTOCOL, "rest"))))),
        arguments(
            "allow group apps to use keys in tenancy where TARGET.Key.NAME = 'Mixed Case'",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                equal(KEY_NAME, "Mixed Case"))),
        arguments(
            "\n\tallow\tgroup   apps\n to  use keys\r\nin\ttenancy  ",
            statement(List.of(group("apps")), Verb.USE, ResourceType.KEYS, tenancy())),
        arguments(
            "allow group a,group b to use keys in tenancy"
                + " where all{target.key.name='x',target.key.id!=/k*/}",
            statement(
                List.of(group("a"), group("b")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                all(equal(KEY_NAME, "x"), notMatching(ConditionVariables.TARGET_KEY_ID, "k*")))),
        arguments(
            "allow group to to use keys in compartment in",
            statement(List.of(group("to")), Verb.USE, ResourceType.KEYS, compartment("in"))),
        arguments(
            "allow group apps to use keys in tenancy where request.protocol = 'a, b { } = != /x/ where'",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                equal(ConditionVariables.REQUEST_PROTOCOL, "a, b { } = != /x/ where"))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name = /it's *a*/",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                matching(KEY_NAME, "it's *a*"))),
        arguments(
            "allow group apps to use keys in compartment id ID_1.2-3",
            statement(
                List.of(group("apps")), Verb.USE, ResourceType.KEYS, compartmentId("ID_1.2-3"))),
        arguments(
            "allow group apps to use keys in compartment Prod:id",
            statement(
                List.of(group("apps")), Verb.USE, ResourceType.KEYS, compartment("Prod", "id"))),
        arguments(
            "allow group a.b-c_D9 to read vaults in compartment x.y-z_0",
            statement(
                List.of(group("a.b-c_D9")),
                Verb.READ,
                ResourceType.VAULTS,
                compartment("x.y-z_0"))),
        arguments(
            "allow any-user to inspect keys in tenancy where request.principal.type = 'service'",
            statement(
                List.of(anyUser()),
                Verb.INSPECT,
                ResourceType.KEYS,
                tenancy(),
                equal(ConditionVariables.REQUEST_PRINCIPAL_TYPE, "service"))),
        arguments(
            "allow group apps to use keys in tenancy where any{target.key.name=/*/}",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                any(matching(KEY_NAME, "*")))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name = 'line\nbreak'",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                equal(KEY_NAME, "line\nbreak"))),
        arguments(
            "allow group apps to use keys in tenancy where target.key.name = 'ключ ✓'",
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                equal(KEY_NAME, "ключ ✓"))),
        arguments(
            "allow group apps to use keys in compartment where",
            statement(List.of(group("apps")), Verb.USE, ResourceType.KEYS, compartment("where"))),
        arguments(
            "allow group apps to use keys in tenancy where "
                + "all { ".repeat(7)
                + "any { target.key.name = 'deep' }"
                + " }".repeat(7),
            statement(
                List.of(group("apps")),
                Verb.USE,
                ResourceType.KEYS,
                tenancy(),
                nest(7, any(equal(KEY_NAME, "deep"))))));
  }

  @ParameterizedTest
  @MethodSource("validStatements")
  void parsesValidStatements(String text, PolicyStatement expected) {
    PolicyStatement parsed = PolicyParser.parse(text);

    assertThat(parsed.subjects()).isEqualTo(expected.subjects());
    assertThat(parsed.verb()).isEqualTo(expected.verb());
    assertThat(parsed.resource()).isEqualTo(expected.resource());
    assertThat(parsed.location()).isEqualTo(expected.location());
    assertThat(parsed.condition()).isEqualTo(expected.condition());
    assertThat(parsed).isEqualTo(expected);
    assertThat(PolicyParser.parse(parsed.canonical())).isEqualTo(parsed);
    assertThat(parsed.toString()).isEqualTo(parsed.canonical());
  }

  @Test
  void everyVariableCanBeCompared() {
    List<Condition> comparisons = new ArrayList<>();
    StringBuilder text = new StringBuilder("allow any-user to use keys in tenancy where any {");
    for (String variable : ConditionVariables.ALL) {
      text.append(comparisons.isEmpty() ? " " : ", ")
          .append(variable.toUpperCase(Locale.ROOT))
          .append("='v'");
      comparisons.add(equal(variable, "v"));
    }
    PolicyStatement parsed = PolicyParser.parse(text.append(" }").toString());

    assertThat(parsed.condition()).isEqualTo(new Condition.Any(comparisons));
    assertThat(ConditionVariables.ALL).hasSize(16).doesNotHaveDuplicates();
  }

  @Test
  void canonicalNormalizesKeywordsSpacingAndQuoting() {
    PolicyStatement parsed =
        PolicyParser.parse(
            "  ALLOW group a,GROUP b ,Any-User TO Use KEY-FAMILY in\tcompartment Prod:Pay WHERE"
                + " ALL{Target.Key.Name='it''s',ANY{request.operation!=/enc*/}}\n");

    assertThat(parsed.canonical())
        .isEqualTo(
            "allow group a, group b, any-user to use key-family in compartment Prod:Pay where"
                + " all { target.key.name = 'it''s', any { request.operation != /enc*/ } }");
    assertThat(PolicyParser.parse("allow group a to use keys in compartment id X").canonical())
        .isEqualTo("allow group a to use keys in compartment id X");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          permit group apps to use keys in tenancy | 1 | permit | statement must start with 'allow' but found 'permit' at position 1
          "" | 1 | | statement must start with 'allow' but the statement ends at position 1
          "   " | 4 | | statement must start with 'allow' but the statement ends at position 4
          allow grp apps to use keys in tenancy | 7 | grp | expected a subject (group, user, service, any-user) but found 'grp' at position 7
          allow group apps too use keys in tenancy | 18 | too | expected 'to' but found 'too' at position 18
          allow user a to usee keys in tenancy | 17 | usee | expected a verb (inspect, read, use, manage) but found 'usee' at position 17
          allow group apps to use key in tenancy | 25 | key | expected RESOURCES but found 'key' at position 25
          allow group a to use 'keys' in tenancy | 22 | 'keys' | expected RESOURCES but found ''keys'' at position 22
          allow group apps to use | 24 | | expected RESOURCES but the statement ends at position 24
          allow group apps to use keys at tenancy | 30 | at | expected 'in' but found 'at' at position 30
          allow user a to | 16 | | expected a verb (inspect, read, use, manage) but the statement ends at position 16
          allow | 6 | | expected a subject (group, user, service, any-user) but the statement ends at position 6
          allow group | 12 | | expected a group name (1-128 letters, digits, '-', '_', '.') but the statement ends at position 12
          allow group app$ to use keys in tenancy | 13 | app$ | expected a group name (1-128 letters, digits, '-', '_', '.') but found 'app$' at position 13
          allow user b@x to use keys in tenancy | 12 | b@x | expected a user name (1-128 letters, digits, '-', '_', '.') but found 'b@x' at position 12
          allow service , to use keys in tenancy | 15 | , | expected a service name (1-128 letters, digits, '-', '_', '.') but found ',' at position 15
          allow group a, to use keys in tenancy | 16 | to | expected a subject (group, user, service, any-user) but found 'to' at position 16
          allow group a group b to use keys in tenancy | 15 | group | expected 'to' but found 'group' at position 15
          allow group a to use keys in somewhere | 30 | somewhere | expected a location (tenancy, compartment) but found 'somewhere' at position 30
          allow group a to use keys in | 29 | | expected a location (tenancy, compartment) but the statement ends at position 29
          allow group a to use keys in compartment | 41 | | expected a compartment path (names of 1-128 letters, digits, '-', '_', '.', separated by ':') but the statement ends at position 41
          allow group a to use keys in compartment Prod::Pay | 42 | Prod::Pay | expected a compartment path (names of 1-128 letters, digits, '-', '_', '.', separated by ':') but found 'Prod::Pay' at position 42
          allow group a to use keys in compartment Prod: | 42 | Prod: | expected a compartment path (names of 1-128 letters, digits, '-', '_', '.', separated by ':') but found 'Prod:' at position 42
          allow group a to use keys in compartment id | 44 | | expected a compartment id (1-128 letters, digits, '-', '_', '.') but the statement ends at position 44
          allow group a to use keys in compartment id x:y | 45 | x:y | expected a compartment id (1-128 letters, digits, '-', '_', '.') but found 'x:y' at position 45
          allow group apps to use keys in tenancy foo | 41 | foo | unexpected 'foo' after the end of the statement at position 41
          allow group apps to use keys in tenancy where target.key.nam = 'x' | 47 | target.key.nam | unknown variable 'target.key.nam' at position 47
          allow group apps to use keys in tenancy where target.key.name = finance | 65 | finance | expected a quoted value or /pattern/ but found 'finance' at position 65
          allow group apps to use keys in tenancy where target.key.name = 'finance | 65 | 'finance | unterminated string starting at position 65
          allow group apps to use keys in tenancy where target.key.name = 'it''s | 65 | 'it''s | unterminated string starting at position 65
          allow group a to use keys in tenancy where target.key.name = /fin* | 62 | /fin* | unterminated pattern starting at position 62
          allow group a to use keys in tenancy where | 43 | | expected a condition (a variable, 'all' or 'any') but the statement ends at position 43
          allow group a to use keys in tenancy where = 'x' | 44 | = | expected a condition (a variable, 'all' or 'any') but found '=' at position 44
          allow group a to use keys in tenancy where target.key.name 'x' | 60 | 'x' | expected '=' or '!=' but found ''x'' at position 60
          allow group a to use keys in tenancy where target.key.name ! 'x' | 60 | ! | expected '=' or '!=' but found '!' at position 60
          allow group a to use keys in tenancy where target.key.name == 'x' | 61 | = | expected a quoted value or /pattern/ but found '=' at position 61
          allow group a to use keys in tenancy where all target.key.name = 'x' | 48 | target.key.name | expected '{' but found 'target.key.name' at position 48
          allow group a to use keys in tenancy where all {} | 49 | } | expected a condition (a variable, 'all' or 'any') but found '}' at position 49
          allow group a to use keys in tenancy where all { target.key.name = 'x' | 71 | | expected ',' or '}' but the statement ends at position 71
          allow group a to use keys in tenancy where any { target.key.name = 'x' target.key.id = 'y' } | 72 | target.key.id | expected ',' or '}' but found 'target.key.id' at position 72
          allow group a to use keys in tenancy where target.key.name = 'x' foo | 66 | foo | unexpected 'foo' after the end of the statement at position 66
          allow group a to use keys in tenancy where target.key.name = 'x', | 65 | , | unexpected ',' after the end of the statement at position 65
          allow group a to use keys in tenancy where target.key.name = 'x' } | 66 | } | unexpected '}' after the end of the statement at position 66
          allow group a to use keys in tenancy where target.key.name = 'x''y'z | 68 | z | unexpected 'z' after the end of the statement at position 68
          allow group a to use keys in tenancy wher target.key.name = 'x' | 38 | wher | unexpected 'wher' after the end of the statement at position 38
          allowgroup a to use keys in tenancy | 1 | allowgroup | statement must start with 'allow' but found 'allowgroup' at position 1
          """)
  void rejectsInvalidStatements(String text, int position, String found, String message) {
    assertThatThrownBy(() -> PolicyParser.parse(text))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo(message.replace("RESOURCES", RESOURCES));
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.found()).isEqualTo(found);
            });
  }

  @Test
  void keywordsFoldOnlyAsciiLetters() {
    // U+212A KELVIN SIGN lower-cases to 'k' with String.toLowerCase.
    assertThatThrownBy(() -> PolicyParser.parse("allow group a to use \u212Aeys in tenancy"))
        .isInstanceOf(PolicySyntaxException.class)
        .hasMessage("expected " + RESOURCES + " but found '\u212Aeys' at position 22");
    // U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE.
    assertThatThrownBy(() -> PolicyParser.parse("allow group a to use keys \u0130n tenancy"))
        .isInstanceOf(PolicySyntaxException.class)
        .hasMessage("expected 'in' but found '\u0130n' at position 27");
  }

  @Test
  void quotesLongAndInvisibleWordsSafely() {
    String longName = "n".repeat(129);
    assertThatThrownBy(
            () -> PolicyParser.parse("allow group " + longName + " to use keys in tenancy"))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "expected a group name (1-128 letters, digits, '-', '_', '.') but found '"
                          + "n".repeat(40)
                          + "...' at position 13");
              assertThat(e.found()).isEqualTo(longName);
            });
    assertThat(PolicyParser.parse("allow group " + "n".repeat(128) + " to use keys in tenancy"))
        .isNotNull();

    assertThatThrownBy(
            () -> PolicyParser.parse("allow group a\u0000b\u202Ec to use keys in tenancy"))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "expected a group name (1-128 letters, digits, '-', '_', '.') but found"
                          + " 'a\\u0000b\\u202ec' at position 13");
              assertThat(e.found()).isEqualTo("a\u0000b\u202Ec");
            });
  }

  @Test
  void positionsCountEveryCharacterIncludingNewlines() {
    assertThatThrownBy(() -> PolicyParser.parse("allow\ngroup\r\napps\tto usee keys in tenancy"))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class, e -> assertThat(e.position()).isEqualTo(22));
  }

  @Test
  void aSingleCompartmentNamedIdReadsAsAnId() {
    assertThat(PolicyParser.parse("allow group a to use keys in compartment ID id").location())
        .isEqualTo(compartmentId("id"));
    assertThatThrownBy(() -> compartment("Id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("named 'id'");
  }

  @Test
  void limitsTheStatementLength() {
    String base = "allow group a to use keys in tenancy";
    String longest = base + " ".repeat(PolicyLimits.MAX_STATEMENT_LENGTH - base.length());
    assertThat(longest).hasSize(4096);
    assertThat(PolicyParser.parse(longest).canonical()).isEqualTo(base);

    assertThatThrownBy(() -> PolicyParser.parse(longest + " "))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("statement is longer than 4096 characters");
              assertThat(e.position()).isEqualTo(4097);
              assertThat(e.found()).isNull();
            });
  }

  @Test
  void limitsTheCanonicalLengthToo() {
    // 64 compact comparisons: the canonical form adds " = " and ", " spacing to each.
    StringBuilder text = new StringBuilder("allow group a to use keys in tenancy where any{");
    for (int i = 0; i < PolicyLimits.MAX_COMPARISONS; i++) {
      text.append(i == 0 ? "" : ",").append("target.key.name='").append("v".repeat(44)).append("'");
    }
    String compact = text.append("}").toString();
    assertThat(compact.length()).isLessThanOrEqualTo(4096);

    assertThatThrownBy(() -> PolicyParser.parse(compact))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("statement is longer than 4096 characters in canonical form");
              assertThat(e.position()).isEqualTo(compact.length() + 1);
              assertThat(e.found()).isNull();
            });
  }

  @Test
  void limitsTheNestingDepth() {
    String eight =
        "allow group a to use keys in tenancy where "
            + "all { ".repeat(7)
            + "any { target.key.name = 'x' }"
            + " }".repeat(7);
    assertThat(PolicyParser.parse(eight).condition().depth()).isEqualTo(8);

    String prefix = "allow group a to use keys in tenancy where " + "all { ".repeat(8);
    String nine = prefix + "any { target.key.name = 'x' }" + " }".repeat(8);
    assertThatThrownBy(() -> PolicyParser.parse(nine))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      "conditions nest deeper than 8 levels at position " + (prefix.length() + 1));
              assertThat(e.position()).isEqualTo(prefix.length() + 1);
              assertThat(e.found()).isEqualTo("any");
            });
  }

  @Test
  void limitsTheComparisons() {
    assertThat(PolicyParser.parse(withComparisons(64)).condition().comparisons()).isEqualTo(64);

    String text = withComparisons(65);
    int position = text.lastIndexOf("request.protocol") + 1;
    assertThatThrownBy(() -> PolicyParser.parse(text))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("statement has more than 64 comparisons at position " + position);
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.found()).isEqualTo("request.protocol");
            });
  }

  @Test
  void limitsTheSubjects() {
    assertThat(PolicyParser.parse(withSubjects(32)).subjects()).hasSize(32);

    String text = withSubjects(33);
    int position = text.indexOf("user u33") + 1;
    assertThatThrownBy(() -> PolicyParser.parse(text))
        .isInstanceOfSatisfying(
            PolicySyntaxException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("statement has more than 32 subjects at position " + position);
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.found()).isEqualTo("user");
            });
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> PolicyParser.parse(null)).isInstanceOf(NullPointerException.class);
  }

  /** 64 or more comparisons, the last one on request.protocol. */
  private static String withComparisons(int count) {
    StringBuilder text = new StringBuilder("allow group a to use keys in tenancy where all {");
    for (int i = 1; i < count; i++) {
      text.append(" target.key.name = 'k").append(i).append("',");
    }
    return text.append(" request.protocol = 'rest' }").toString();
  }

  private static String withSubjects(int count) {
    StringBuilder text = new StringBuilder("allow");
    for (int i = 1; i <= count; i++) {
      text.append(i == 1 ? " " : ", ").append("user u").append(i);
    }
    return text.append(" to use keys in tenancy").toString();
  }

  private static Condition nest(int levels, Condition inner) {
    Condition condition = inner;
    for (int i = 0; i < levels; i++) {
      condition = all(condition);
    }
    return condition;
  }

  private static PolicyStatement statement(
      List<Subject> subjects, Verb verb, ResourceType resource, Location location) {
    return new PolicyStatement(subjects, verb, resource, location, null);
  }

  private static PolicyStatement statement(
      List<Subject> subjects,
      Verb verb,
      ResourceType resource,
      Location location,
      Condition condition) {
    return new PolicyStatement(subjects, verb, resource, location, condition);
  }
}
