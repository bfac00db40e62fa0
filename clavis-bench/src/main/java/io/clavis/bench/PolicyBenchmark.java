package io.clavis.bench;

import io.clavis.core.policy.AccessRequest;
import io.clavis.core.policy.AttachedStatement;
import io.clavis.core.policy.CompartmentRef;
import io.clavis.core.policy.PolicyParser;
import io.clavis.core.policy.PolicySet;
import io.clavis.core.policy.PrincipalRef;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One authorisation decision, as every request makes it: a principal in two groups using a key in a
 * nested compartment, against a tenancy with {@code statements} statements over 100 groups.
 */
@State(Scope.Thread)
public class PolicyBenchmark extends HotPathBenchmark {
  @Param({"100", "10000"})
  int statements;

  private PolicySet policies;
  private AccessRequest allowed;
  private AccessRequest denied;

  @Setup
  public void setUp() throws Exception {
    List<AttachedStatement> all = new ArrayList<>();
    String[] verbs = {"inspect", "read", "use", "manage"};
    for (int i = 0; i < statements; i++) {
      String text =
          "allow group g"
              + (i % 100)
              + " to "
              + verbs[i % 4]
              + " keys in compartment Prod:App"
              + (i % 50)
              + (i % 3 == 0 ? " where request.protocol = 'rest'" : "");
      all.add(
          new AttachedStatement(
              "p" + (i / 100), "policy" + (i / 100), i % 100, "tenancy", PolicyParser.parse(text)));
    }
    policies = PolicySet.of(all);
    List<CompartmentRef> path =
        List.of(
            CompartmentRef.TENANCY,
            new CompartmentRef("c-prod", "Prod"),
            new CompartmentRef("c-app7", "App7"));
    Map<String, String> attributes = Map.of("request.protocol", "rest");
    allowed =
        new AccessRequest(
            PrincipalRef.service("billing", "g7", "g57"),
            Verb.USE,
            ResourceType.KEYS,
            path,
            attributes);
    denied =
        new AccessRequest(
            PrincipalRef.service("billing", "g8", "g58"),
            Verb.MANAGE,
            ResourceType.KEYS,
            path,
            attributes);
    if (policies.allowing(allowed).isEmpty() || policies.allowing(denied).isPresent()) {
      throw new IllegalStateException("the benchmark's policies do not decide as intended");
    }
  }

  @Benchmark
  public Optional<AttachedStatement> allowedDecision() {
    return policies.allowing(allowed);
  }

  @Benchmark
  public Optional<AttachedStatement> deniedDecision() {
    return policies.allowing(denied);
  }
}
