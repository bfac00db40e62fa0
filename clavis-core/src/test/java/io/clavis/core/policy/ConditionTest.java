package io.clavis.core.policy;

import static io.clavis.core.policy.Condition.all;
import static io.clavis.core.policy.Condition.any;
import static io.clavis.core.policy.Condition.equal;
import static io.clavis.core.policy.Condition.matching;
import static io.clavis.core.policy.Condition.notEqual;
import static io.clavis.core.policy.Condition.notMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
  private static final String NAME = ConditionVariables.TARGET_KEY_NAME;
  private static final String OPERATION = ConditionVariables.REQUEST_OPERATION;
  private static final Map<String, String> FINANCE =
      Map.of(NAME, "finance-eu", OPERATION, "key.encrypt");

  @Test
  void equalComparesWholeCaseSensitiveValues() {
    assertThat(equal(NAME, "finance-eu").test(FINANCE)).isTrue();
    assertThat(equal(NAME, "Finance-EU").test(FINANCE)).isFalse();
    assertThat(equal(NAME, "finance").test(FINANCE)).isFalse();
    assertThat(equal(NAME, "finance-eu ").test(FINANCE)).isFalse();
  }

  @Test
  void notEqualIsTheOpposite() {
    assertThat(notEqual(NAME, "finance-eu").test(FINANCE)).isFalse();
    assertThat(notEqual(NAME, "hr").test(FINANCE)).isTrue();
  }

  @Test
  void aMissingAttributeIsFalseForBothOperators() {
    String missing = ConditionVariables.TARGET_VAULT_NAME;
    assertThat(equal(missing, "x").test(FINANCE)).isFalse();
    assertThat(notEqual(missing, "x").test(FINANCE)).isFalse();
    assertThat(matching(missing, "*").test(FINANCE)).isFalse();
    assertThat(notMatching(missing, "x*").test(FINANCE)).isFalse();
    assertThat(notEqual(missing, "x").test(Map.of())).isFalse();
  }

  @Test
  void aMissingAttributeIsAlsoFalseInsideGroups() {
    String missing = ConditionVariables.TARGET_VAULT_NAME;
    assertThat(any(notEqual(missing, "x"), notEqual(NAME, "finance-eu")).test(FINANCE)).isFalse();
    assertThat(all(notEqual(missing, "x"), equal(NAME, "finance-eu")).test(FINANCE)).isFalse();
  }

  @ParameterizedTest(name = "/{0}/ against ''{1}'' is {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          finance-*  | finance-eu    | true
          finance-*  | finance-      | true
          finance-*  | finance       | false
          finance-*  | xfinance-eu   | false
          *-eu       | finance-eu    | true
          *-eu       | finance-eu-2  | false
          f*e*u      | finance-eu    | true
          f*e*u      | fu            | false
          *a*b       | xaxaybab      | true
          *a*b       | aXaYbc        | false
          a*a        | a             | false
          a*a        | aa            | true
          **         | ""            | true
          *          | anything at all | true
          *          | ""            | true
          ""         | ""            | true
          ""         | x             | false
          exact      | exact         | true
          exact      | exactly       | false
          *.*.*      | key.encrypt.x | true
          *.*.*      | key.encrypt   | false
          *it's*     | it's here     | true
          """)
  void patternsMatchWithStars(String pattern, String value, boolean expected) {
    Map<String, String> attributes = Map.of(NAME, value);
    assertThat(matching(NAME, pattern).test(attributes)).isEqualTo(expected);
    assertThat(notMatching(NAME, pattern).test(attributes)).isEqualTo(!expected);
  }

  @Test
  void patternsTakeQuadraticTimeAtWorst() {
    String value = "a".repeat(4000);
    Map<String, String> attributes = Map.of(NAME, value);
    Condition adversarial = matching(NAME, "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
    boolean result =
        Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> adversarial.test(attributes));
    assertThat(result).isFalse();
  }

  @Test
  void aPatternIsNotTheSameAsAQuotedStar() {
    assertThat(equal(NAME, "finance-*").test(FINANCE)).isFalse();
    assertThat(equal(NAME, "finance-*").test(Map.of(NAME, "finance-*"))).isTrue();
  }

  @Test
  void allNeedsEveryConditionAndAnyNeedsOne() {
    Condition bothTrue = all(equal(NAME, "finance-eu"), equal(OPERATION, "key.encrypt"));
    Condition oneFalse = all(equal(NAME, "finance-eu"), equal(OPERATION, "key.sign"));
    assertThat(bothTrue.test(FINANCE)).isTrue();
    assertThat(oneFalse.test(FINANCE)).isFalse();
    assertThat(any(equal(NAME, "hr"), equal(OPERATION, "key.encrypt")).test(FINANCE)).isTrue();
    assertThat(any(equal(NAME, "hr"), equal(OPERATION, "key.sign")).test(FINANCE)).isFalse();
    assertThat(any(oneFalse, bothTrue).test(FINANCE)).isTrue();
    assertThat(all(oneFalse, bothTrue).test(FINANCE)).isFalse();
    assertThat(all(any(oneFalse, bothTrue), notMatching(NAME, "hr-*")).test(FINANCE)).isTrue();
  }

  @Test
  void variablesAreKnownAndFoldedToLowerCase() {
    assertThat(equal("Target.KEY.name", "x").variable()).isEqualTo(NAME);
    assertThat(equal("Target.KEY.name", "x").test(Map.of(NAME, "x"))).isTrue();
    assertThatThrownBy(() -> equal("target.key.nam", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown variable 'target.key.nam'");
    // Only ASCII letters fold: U+212A KELVIN SIGN is not a 'k'.
    assertThatThrownBy(() -> equal("target.\u212Aey.name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsWhatCannotBeWrittenBack() {
    assertThatThrownBy(() -> matching(NAME, "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'/'");
    assertThat(equal(NAME, "a/b").value()).isEqualTo("a/b");
    assertThatThrownBy(() -> new Condition.All(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all { }");
    assertThatThrownBy(() -> new Condition.Any(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("any { }");
    assertThatThrownBy(() -> equal(NAME, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void countsDepthAndComparisons() {
    Condition condition =
        all(equal(NAME, "a"), any(equal(NAME, "b"), all(equal(NAME, "c"))), equal(NAME, "d"));
    assertThat(equal(NAME, "a").depth()).isZero();
    assertThat(condition.depth()).isEqualTo(3);
    assertThat(condition.comparisons()).isEqualTo(4);
  }

  @Test
  void writesCanonicalText() {
    assertThat(equal(NAME, "it's").canonical()).isEqualTo("target.key.name = 'it''s'");
    assertThat(notMatching(OPERATION, "key.*").canonical())
        .isEqualTo("request.operation != /key.*/");
    assertThat(all(equal(NAME, "a"), any(notEqual(NAME, "b"))).canonical())
        .isEqualTo("all { target.key.name = 'a', any { target.key.name != 'b' } }");
  }

  @Test
  void groupsAreImmutableCopies() {
    List<Condition> conditions = new java.util.ArrayList<>(List.of(equal(NAME, "a")));
    Condition.All group = new Condition.All(conditions);
    conditions.add(equal(NAME, "b"));
    assertThat(group.conditions()).hasSize(1);
    assertThatThrownBy(() -> group.conditions().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
