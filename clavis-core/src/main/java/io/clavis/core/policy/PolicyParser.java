package io.clavis.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Parses one policy statement, such as {@code allow group apps to use keys in compartment Prod
 * where target.key.name = 'finance'}.
 *
 * <p>A hand-written recursive-descent parser over a {@link Tokenizer}, rather than a grammar tool
 * or regular expressions, so that every error can say exactly what was expected and where, and so
 * that the work done on hostile input stays linear in its (bounded) length. Keywords and variables
 * are case-insensitive; names, ids and values are not.
 */
public final class PolicyParser {
  private static final List<Subject.Kind> NAMED_KINDS =
      List.of(Subject.Kind.GROUP, Subject.Kind.USER, Subject.Kind.SERVICE);
  private static final String SUBJECT = "a subject (group, user, service, any-user)";
  private static final String VERB = "a verb (inspect, read, use, manage)";
  private static final String RESOURCE =
      Arrays.stream(ResourceType.values())
          .map(ResourceType::keyword)
          .collect(Collectors.joining(", ", "a resource type (", ")"));
  private static final String LOCATION = "a location (tenancy, compartment)";
  private static final String COMPARTMENT_ID = "a compartment id (" + Names.RULE + ")";
  private static final String COMPARTMENT_PATH =
      "a compartment path (names of " + Names.RULE + ", separated by ':')";

  private final String text;
  private final Tokenizer tokens;

  private PolicyParser(String text) {
    this.text = text;
    this.tokens = new Tokenizer(text);
  }

  /**
   * Parses {@code text} as one statement.
   *
   * @throws PolicySyntaxException if it is not a valid statement or exceeds a {@linkplain
   *     PolicyLimits limit}
   */
  public static PolicyStatement parse(String text) throws PolicySyntaxException {
    Objects.requireNonNull(text, "text");
    if (text.length() > PolicyLimits.MAX_STATEMENT_LENGTH) {
      throw new PolicySyntaxException(
          "statement is longer than " + PolicyLimits.MAX_STATEMENT_LENGTH + " characters",
          PolicyLimits.MAX_STATEMENT_LENGTH + 1,
          null);
    }
    return new PolicyParser(text).statement();
  }

  private PolicyStatement statement() {
    Token first = tokens.next();
    if (!first.is("allow")) {
      throw PolicySyntaxException.mismatch("statement must start with 'allow'", first);
    }
    List<Subject> subjects = subjects();
    keyword("to");
    Verb verb = verb();
    ResourceType resource = resource();
    keyword("in");
    Location location = location();
    Condition condition = null;
    if (tokens.peek().is("where")) {
      tokens.next();
      condition = new ConditionParser(tokens).parse();
    }
    Token rest = tokens.next();
    if (!rest.isEnd()) {
      throw new PolicySyntaxException(
          "unexpected "
              + PolicySyntaxException.quote(rest.text())
              + " after the end of the statement at position "
              + rest.position(),
          rest.position(),
          rest.text());
    }
    // Normalizing adds spaces around '=' and after ',' that the text may have left out.
    int canonicalLength =
        PolicyStatement.canonical(subjects, verb, resource, location, condition).length();
    if (canonicalLength > PolicyLimits.MAX_STATEMENT_LENGTH) {
      throw new PolicySyntaxException(
          "statement is longer than "
              + PolicyLimits.MAX_STATEMENT_LENGTH
              + " characters in canonical form",
          text.length() + 1,
          null);
    }
    return new PolicyStatement(subjects, verb, resource, location, condition);
  }

  private List<Subject> subjects() {
    List<Subject> subjects = new ArrayList<>();
    do {
      Token start = tokens.peek();
      Subject subject = subject();
      if (subjects.size() == PolicyLimits.MAX_SUBJECTS) {
        throw PolicySyntaxException.limit(
            "statement has more than " + PolicyLimits.MAX_SUBJECTS + " subjects", start);
      }
      subjects.add(subject);
    } while (tokens.accept(Token.Kind.COMMA));
    return subjects;
  }

  private Subject subject() {
    Token token = tokens.next();
    if (token.is(Subject.Kind.ANY_USER.keyword())) {
      return Subject.anyUser();
    }
    for (Subject.Kind kind : NAMED_KINDS) {
      if (token.is(kind.keyword())) {
        Token name = tokens.next();
        if (!isName(name)) {
          throw PolicySyntaxException.expected(
              "a " + kind.keyword() + " name (" + Names.RULE + ")", name);
        }
        return new Subject(kind, name.text());
      }
    }
    throw PolicySyntaxException.expected(SUBJECT, token);
  }

  private Verb verb() {
    Token token = tokens.next();
    return Verb.fromKeyword(word(token))
        .orElseThrow(() -> PolicySyntaxException.expected(VERB, token));
  }

  private ResourceType resource() {
    Token token = tokens.next();
    return ResourceType.fromKeyword(word(token))
        .orElseThrow(() -> PolicySyntaxException.expected(RESOURCE, token));
  }

  private Location location() {
    Token token = tokens.next();
    if (token.is("tenancy")) {
      return Location.tenancy();
    }
    if (!token.is("compartment")) {
      throw PolicySyntaxException.expected(LOCATION, token);
    }
    if (tokens.peek().is("id")) {
      tokens.next();
      Token id = tokens.next();
      if (!isName(id)) {
        throw PolicySyntaxException.expected(COMPARTMENT_ID, id);
      }
      return Location.compartmentId(id.text());
    }
    Token path = tokens.next();
    if (path.kind() != Token.Kind.WORD) {
      throw PolicySyntaxException.expected(COMPARTMENT_PATH, path);
    }
    String[] names = path.text().split(":", -1);
    for (String name : names) {
      if (!Names.isValid(name)) {
        throw PolicySyntaxException.expected(COMPARTMENT_PATH, path);
      }
    }
    return Location.compartment(names);
  }

  private void keyword(String keyword) {
    Token token = tokens.next();
    if (!token.is(keyword)) {
      throw PolicySyntaxException.expected("'" + keyword + "'", token);
    }
  }

  private static boolean isName(Token token) {
    return token.kind() == Token.Kind.WORD && Names.isValid(token.text());
  }

  /** The text of a word, or null for any other token, so that only words match keywords. */
  private static String word(Token token) {
    return token.kind() == Token.Kind.WORD ? token.text() : null;
  }
}
