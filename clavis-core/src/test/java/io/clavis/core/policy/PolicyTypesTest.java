package io.clavis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The value types: keywords, validation and the small rules they carry. */
class PolicyTypesTest {

  @Test
  void verbsNestInDeclarationOrder() {
    assertThat(Verb.MANAGE.includes(Verb.INSPECT)).isTrue();
    assertThat(Verb.USE.includes(Verb.READ)).isTrue();
    assertThat(Verb.READ.includes(Verb.READ)).isTrue();
    assertThat(Verb.READ.includes(Verb.USE)).isFalse();
    assertThat(Verb.INSPECT.includes(Verb.MANAGE)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Verb.class)
  void verbKeywordsParseIgnoringAsciiCase(Verb verb) {
    assertThat(verb.keyword()).isEqualTo(verb.name().toLowerCase(java.util.Locale.ROOT));
    assertThat(Verb.parse(verb.name())).isEqualTo(verb);
    assertThat(Verb.fromKeyword(verb.keyword())).contains(verb);
  }

  @Test
  void unknownVerbs() {
    assertThat(Verb.fromKeyword("usee")).isEmpty();
    assertThat(Verb.fromKeyword(null)).isEmpty();
    assertThat(Verb.fromKeyword(" use")).isEmpty();
    assertThatThrownBy(() -> Verb.parse("usee"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a verb (inspect, read, use, manage) but found 'usee'");
  }

  @Test
  void resourceKeywords() {
    assertThat(Arrays.stream(ResourceType.values()).map(ResourceType::keyword))
        .containsExactly(
            "vaults",
            "keys",
            "key-family",
            "audit-events",
            "policies",
            "users",
            "groups",
            "services",
            "compartments",
            "cluster",
            "all-resources");
    assertThat(ResourceType.fromKeyword("Key-Family")).contains(ResourceType.KEY_FAMILY);
    assertThat(ResourceType.fromKeyword("key_family")).isEmpty();
    assertThat(ResourceType.fromKeyword("KEY_FAMILY")).isEmpty();
    assertThat(ResourceType.fromKeyword(null)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ResourceType.class)
  void coverageIsSetInclusion(ResourceType type) {
    assertThat(type.covers(type)).isTrue();
    assertThat(ResourceType.ALL_RESOURCES.covers(type)).isTrue();
    assertThat(type.isFamily())
        .isEqualTo(type == ResourceType.KEY_FAMILY || type == ResourceType.ALL_RESOURCES);
    boolean keyish =
        type == ResourceType.VAULTS || type == ResourceType.KEYS || type == ResourceType.KEY_FAMILY;
    assertThat(ResourceType.KEY_FAMILY.covers(type)).isEqualTo(keyish);
    if (!type.isFamily()) {
      assertThat(type.covers(ResourceType.KEY_FAMILY)).isFalse();
      assertThat(type.covers(ResourceType.ALL_RESOURCES)).isFalse();
    }
  }

  @Test
  void subjectsNeedAValidNameExceptAnyUser() {
    assertThat(Subject.group("apps").canonical()).isEqualTo("group apps");
    assertThat(Subject.anyUser().canonical()).isEqualTo("any-user");
    assertThatThrownBy(() -> Subject.user("bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a user name must be 1-128 letters, digits, '-', '_', '.', not 'bad name'");
    assertThatThrownBy(() -> Subject.group("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subject.service("s".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Subject.group(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Subject(Subject.Kind.ANY_USER, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void locationsValidateAndWriteThemselves() {
    assertThat(Location.tenancy().canonical()).isEqualTo("tenancy");
    assertThat(Location.compartment("Prod", "Pay").canonical()).isEqualTo("compartment Prod:Pay");
    assertThat(Location.compartmentId("c-1").canonical()).isEqualTo("compartment id c-1");
    assertThat(Location.compartment("id", "x").names()).containsExactly("id", "x");
    assertThatThrownBy(() -> new Location.CompartmentPath(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Location.compartment("Prod", "a:b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Location.compartment("ID"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Location.compartmentId("a b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statementsEnforceTheLimitsWhenBuiltDirectly() {
    List<Subject> tooMany = new ArrayList<>();
    for (int i = 0; i <= PolicyLimits.MAX_SUBJECTS; i++) {
      tooMany.add(Subject.user("u" + i));
    }
    assertThatThrownBy(() -> statement(tooMany, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statement has more than 32 subjects");
    assertThatThrownBy(() -> statement(List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);

    Condition deep = Condition.equal(ConditionVariables.TARGET_KEY_NAME, "x");
    for (int i = 0; i < PolicyLimits.MAX_CONDITION_DEPTH; i++) {
      deep = Condition.all(deep);
    }
    assertThat(statement(List.of(Subject.anyUser()), deep).condition().depth()).isEqualTo(8);
    Condition tooDeep = Condition.any(deep);
    assertThatThrownBy(() -> statement(List.of(Subject.anyUser()), tooDeep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conditions nest deeper than 8 levels");

    List<Condition> comparisons =
        Collections.nCopies(65, Condition.equal(ConditionVariables.TARGET_KEY_NAME, "x"));
    assertThatThrownBy(() -> statement(List.of(Subject.anyUser()), new Condition.All(comparisons)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statement has more than 64 comparisons");

    Condition huge = Condition.equal(ConditionVariables.TARGET_KEY_NAME, "v".repeat(4050));
    assertThatThrownBy(() -> statement(List.of(Subject.anyUser()), huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statement is longer than 4096 characters in canonical form");
  }

  @Test
  void statementsCopyTheirSubjects() {
    List<Subject> subjects = new ArrayList<>(List.of(Subject.group("a")));
    PolicyStatement statement = statement(subjects, null);
    subjects.add(Subject.group("b"));
    assertThat(statement.subjects()).containsExactly(Subject.group("a"));
  }

  @Test
  void principalsAndCompartments() {
    PrincipalRef user = PrincipalRef.user("alice", "a", "b", "a");
    assertThat(user.type()).isEqualTo(PrincipalType.USER);
    assertThat(user.groups()).isEqualTo(Set.of("a", "b"));
    assertThat(PrincipalRef.service("s").groups()).isEmpty();
    assertThatThrownBy(() -> new PrincipalRef(PrincipalType.USER, null, Set.of()))
        .isInstanceOf(NullPointerException.class);
    assertThat(CompartmentRef.TENANCY).isEqualTo(new CompartmentRef("tenancy", "tenancy"));
    assertThat(CompartmentRef.TENANCY.isTenancy()).isTrue();
    assertThat(new CompartmentRef("c", "tenancy").isTenancy()).isFalse();
  }

  @Test
  void attachedStatementsNeedTheirPolicy() {
    PolicyStatement statement = statement(List.of(Subject.anyUser()), null);
    assertThatThrownBy(() -> new AttachedStatement("p", "n", -1, "tenancy", statement))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttachedStatement(null, "n", 0, "tenancy", statement))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new AttachedStatement("p", "n", 0, "tenancy", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void quotedWordsAreCutAndEscaped() {
    assertThat(PolicySyntaxException.quote("usee")).isEqualTo("'usee'");
    assertThat(PolicySyntaxException.quote("x".repeat(40))).isEqualTo("'" + "x".repeat(40) + "'");
    assertThat(PolicySyntaxException.quote("x".repeat(41)))
        .isEqualTo("'" + "x".repeat(40) + "...'");
    assertThat(PolicySyntaxException.quote("a\tb\nc\u001b\u2028\u200b"))
        .isEqualTo("'a\\u0009b\\u000ac\\u001b\\u2028\\u200b'");
    // A surrogate pair is not split by the cut.
    assertThat(PolicySyntaxException.quote("x".repeat(39) + "😀" + "y"))
        .isEqualTo("'" + "x".repeat(39) + "...'");
    assertThat(PolicySyntaxException.quote(null)).isEqualTo("null");
  }

  private static PolicyStatement statement(List<Subject> subjects, Condition condition) {
    return new PolicyStatement(
        subjects, Verb.USE, ResourceType.KEYS, Location.tenancy(), condition);
  }
}
