package io.clavis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized checks with fixed seeds: canonical text parses back to the same statement, so does any
 * other spelling of it (keyword case, whitespace), and mangled text fails only with a {@link
 * PolicySyntaxException} that points at the word it quotes.
 */
class PolicyRoundTripTest {
  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
  private static final String VALUE_CHARS = "abcXYZ019 '',{}=!/*-_.:\t\néß✓€\u0000";
  private static final String NOISE = " \t\n'/,{}=!:*xX-";

  @Test
  void canonicalTextParsesBackToTheSameStatement() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      PolicyStatement statement = randomStatement(random);
      String canonical = statement.canonical();

      PolicyStatement parsed = PolicyParser.parse(canonical);

      assertThat(parsed).as(canonical).isEqualTo(statement);
      assertThat(parsed.canonical()).isEqualTo(canonical);
    }
  }

  @Test
  void anySpellingParsesToTheSameStatement() {
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      PolicyStatement statement = randomStatement(random);
      String spelled = spell(statement, random);

      assertThat(PolicyParser.parse(spelled)).as(spelled).isEqualTo(statement);
    }
  }

  @Test
  void mangledTextFailsOnlyWithPositionedSyntaxErrors() {
    Random random = new Random(13);
    int failures = 0;
    for (int i = 0; i < 5000; i++) {
      String text = mangle(randomStatement(random).canonical(), random);

      Throwable thrown = catchThrowable(() -> PolicyParser.parse(text));

      if (thrown == null) {
        PolicyStatement parsed = PolicyParser.parse(text);
        assertThat(PolicyParser.parse(parsed.canonical())).isEqualTo(parsed);
        continue;
      }
      failures++;
      assertThat(thrown).as(text).isInstanceOf(PolicySyntaxException.class);
      PolicySyntaxException e = (PolicySyntaxException) thrown;
      assertThat(e.position()).as(text).isBetween(1, text.length() + 1);
      if (e.found() == null) {
        assertThat(e.position()).as(text).isEqualTo(text.length() + 1);
      } else {
        assertThat(text.startsWith(e.found(), e.position() - 1)).as(text).isTrue();
        if (!e.getMessage().startsWith("unterminated")) {
          assertThat(e.getMessage()).contains(PolicySyntaxException.quote(e.found()));
        }
      }
      assertThat(e.getMessage()).as(text).contains("position " + e.position());
    }
    assertThat(failures).isGreaterThan(2500);
  }

  private static PolicyStatement randomStatement(Random random) {
    List<Subject> subjects = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      subjects.add(
          switch (random.nextInt(4)) {
            case 0 -> Subject.group(name(random));
            case 1 -> Subject.user(name(random));
            case 2 -> Subject.service(name(random));
            default -> Subject.anyUser();
          });
    }
    Location location =
        switch (random.nextInt(3)) {
          case 0 -> Location.tenancy();
          case 1 -> Location.compartmentId(name(random));
          default -> {
            List<String> names = new ArrayList<>();
            do {
              names.add(name(random));
            } while (random.nextInt(3) == 0);
            yield names.size() == 1 && names.get(0).equalsIgnoreCase("id")
                ? Location.tenancy()
                : new Location.CompartmentPath(names);
          }
        };
    return new PolicyStatement(
        subjects,
        pick(random, Verb.values()),
        pick(random, ResourceType.values()),
        location,
        random.nextBoolean() ? null : condition(random, 0));
  }

  private static Condition condition(Random random, int depth) {
    if (depth < 3 && random.nextInt(3) == 0) {
      List<Condition> conditions = new ArrayList<>();
      do {
        conditions.add(condition(random, depth + 1));
      } while (random.nextInt(2) == 0);
      return random.nextBoolean() ? new Condition.All(conditions) : new Condition.Any(conditions);
    }
    boolean pattern = random.nextBoolean();
    String value = text(random, VALUE_CHARS, random.nextInt(8));
    return new Condition.Comparison(
        pick(random, ConditionVariables.ALL.toArray(String[]::new)),
        random.nextBoolean(),
        pattern ? value.replace('/', '*') : value,
        pattern);
  }

  /** Writes the statement with random keyword case and random whitespace. */
  private static String spell(PolicyStatement statement, Random random) {
    List<String> words = new ArrayList<>();
    words.add(keyword("allow", random));
    for (int i = 0; i < statement.subjects().size(); i++) {
      Subject subject = statement.subjects().get(i);
      if (i > 0) {
        words.add(",");
      }
      words.add(keyword(subject.kind().keyword(), random));
      if (subject.name() != null) {
        words.add(subject.name());
      }
    }
    words.add(keyword("to", random));
    words.add(keyword(statement.verb().keyword(), random));
    words.add(keyword(statement.resource().keyword(), random));
    words.add(keyword("in", random));
    switch (statement.location()) {
      case Location.Tenancy t -> words.add(keyword("tenancy", random));
      case Location.CompartmentPath p -> {
        words.add(keyword("compartment", random));
        words.add(String.join(":", p.names()));
      }
      case Location.CompartmentId c -> {
        words.add(keyword("compartment", random));
        words.add(keyword("id", random));
        words.add(c.id());
      }
    }
    if (statement.condition() != null) {
      words.add(keyword("where", random));
      spell(statement.condition(), words, random);
    }
    StringBuilder text = new StringBuilder(space(random, false));
    for (int i = 0; i < words.size(); i++) {
      if (i > 0) {
        text.append(space(random, isWord(words.get(i - 1)) && isWord(words.get(i))));
      }
      text.append(words.get(i));
    }
    return text.append(space(random, false)).toString();
  }

  private static void spell(Condition condition, List<String> words, Random random) {
    switch (condition) {
      case Condition.Comparison c -> {
        words.add(keyword(c.variable(), random));
        words.add(c.equal() ? "=" : "!=");
        words.add(c.pattern() ? "/" + c.value() + "/" : "'" + c.value().replace("'", "''") + "'");
      }
      case Condition.All a -> group("all", a.conditions(), words, random);
      case Condition.Any a -> group("any", a.conditions(), words, random);
    }
  }

  private static void group(
      String keyword, List<Condition> conditions, List<String> words, Random random) {
    words.add(keyword(keyword, random));
    words.add("{");
    for (int i = 0; i < conditions.size(); i++) {
      if (i > 0) {
        words.add(",");
      }
      spell(conditions.get(i), words, random);
    }
    words.add("}");
  }

  private static boolean isWord(String token) {
    return !token.isEmpty() && "',{}=!/".indexOf(token.charAt(0)) < 0;
  }

  private static String keyword(String keyword, Random random) {
    StringBuilder text = new StringBuilder();
    for (char c : keyword.toCharArray()) {
      text.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return text.toString();
  }

  private static String space(Random random, boolean needed) {
    int length = (needed ? 1 : 0) + random.nextInt(3);
    return text(random, " \t\n\r", length);
  }

  /** Deletes, inserts, duplicates or truncates a few characters. */
  private static String mangle(String text, Random random) {
    StringBuilder mangled = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && !mangled.isEmpty(); i++) {
      int at = random.nextInt(mangled.length());
      switch (random.nextInt(4)) {
        case 0 -> mangled.deleteCharAt(at);
        case 1 -> mangled.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
        case 2 -> mangled.insert(at, mangled.charAt(at));
        default -> mangled.setLength(at);
      }
    }
    return mangled.toString();
  }

  private static String name(Random random) {
    return text(random, NAME_CHARS, 1 + random.nextInt(random.nextInt(10) == 0 ? 128 : 8));
  }

  private static String text(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
