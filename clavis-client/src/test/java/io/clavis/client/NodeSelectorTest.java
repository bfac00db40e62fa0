package io.clavis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {
  private static final URI A = URI.create("https://a:8443");
  private static final URI B = URI.create("https://b:8443");
  private static final URI C = URI.create("https://c:8443");
  private static final long RETRY = 1_000;

  private final AtomicLong clock = new AtomicLong();
  private final NodeSelector nodes = new NodeSelector(List.of(A, B, C), clock::get, RETRY);

  @Test
  void thePreferredNodeIsTheFirstThatIsNotDown() {
    assertThat(nodes.candidates()).containsExactly(A, B, C);
    nodes.reportFailure(A);
    assertThat(nodes.candidates()).containsExactly(B, C, A);
    assertThat(nodes.preferred()).isEqualTo(B);
    nodes.reportFailure(B);
    // Nodes that are down are still tried, last, in order.
    assertThat(nodes.candidates()).containsExactly(C, A, B);
    assertThat(nodes.down()).containsExactly(A, B);
  }

  @Test
  void aNodeSeenHealthyComesBackFirst() {
    nodes.reportFailure(A);
    nodes.reportSuccess(B);
    assertThat(nodes.preferred()).isEqualTo(B);
    nodes.reportSuccess(A);
    assertThat(nodes.candidates()).containsExactly(A, B, C);
    assertThat(nodes.down()).isEmpty();
  }

  @Test
  void withoutNewsANodeThatFailedIsTriedFirstAgainAfterTheRetryTime() {
    nodes.reportFailure(A);
    clock.addAndGet(RETRY - 1);
    assertThat(nodes.preferred()).isEqualTo(B);
    clock.addAndGet(1);
    assertThat(nodes.preferred()).isEqualTo(A);
  }

  @Test
  void aNewerMappingReplacesTheOrderAndKeepsWhatIsDown() {
    nodes.reportFailure(B);
    assertThat(nodes.adopt("dc1", 1, List.of(C, B))).isTrue();
    assertThat(nodes.servers()).containsExactly(C, B);
    assertThat(nodes.candidates()).containsExactly(C, B);
    assertThat(nodes.down()).containsExactly(B);
    assertThat(nodes.mapping()).isEqualTo("dc1@1");
    // The same or an older revision changes nothing.
    assertThat(nodes.adopt("dc1", 1, List.of(A))).isFalse();
    assertThat(nodes.servers()).containsExactly(C, B);
    // A new revision does, and nodes that left are forgotten.
    assertThat(nodes.adopt("dc1", 2, List.of(A, C))).isTrue();
    assertThat(nodes.down()).isEmpty();
    // Another mapping (the assignment changed) is adopted whatever its revision.
    assertThat(nodes.adopt("dc2", 1, List.of(B))).isTrue();
    assertThat(nodes.mapping()).isEqualTo("dc2@1");
    // An empty list is never adopted.
    assertThat(nodes.adopt("dc3", 9, List.of())).isFalse();
  }

  @Test
  void serversMustBeGivenAndUnique() {
    assertThatThrownBy(() -> new NodeSelector(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeSelector(List.of(A, A)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void failoverStatuses() {
    assertThat(NodeSelector.isFailoverStatus(503)).isTrue();
    assertThat(NodeSelector.isFailoverStatus(502)).isTrue();
    assertThat(NodeSelector.isFailoverStatus(504)).isTrue();
    assertThat(NodeSelector.isFailoverStatus(500)).isFalse();
    assertThat(NodeSelector.isFailoverStatus(404)).isFalse();
  }
}
