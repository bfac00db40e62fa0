package io.clavis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {
  private static final URI A = URI.create("https://a:8443");
  private static final URI B = URI.create("https://b:8443");
  private static final URI C = URI.create("https://c:8443");

  @Test
  void triesServersInConfiguredOrderAtFirst() {
    NodeSelector nodes = new NodeSelector(List.of(A, B, C));
    assertThat(nodes.candidates()).containsExactly(A, B, C);
  }

  @Test
  void theServerThatAnsweredLastComesFirstThenTheOthersInOrder() {
    NodeSelector nodes = new NodeSelector(List.of(A, B, C));
    nodes.reportFailure(A);
    nodes.reportSuccess(B);
    assertThat(nodes.candidates()).containsExactly(B, A, C);
    nodes.reportSuccess(C);
    assertThat(nodes.candidates()).containsExactly(C, A, B);
  }

  @Test
  void aFailureOfThePreferredServerGoesBackToConfiguredOrder() {
    NodeSelector nodes = new NodeSelector(List.of(A, B, C));
    nodes.reportSuccess(C);
    nodes.reportFailure(C);
    assertThat(nodes.candidates()).containsExactly(A, B, C);
  }

  @Test
  void aFailureOfAnotherServerKeepsThePreference() {
    NodeSelector nodes = new NodeSelector(List.of(A, B, C));
    nodes.reportSuccess(B);
    nodes.reportFailure(A);
    assertThat(nodes.candidates()).containsExactly(B, A, C);
  }

  @Test
  void successOfTheFirstServerIsConfiguredOrder() {
    NodeSelector nodes = new NodeSelector(List.of(A, B));
    nodes.reportSuccess(B);
    nodes.reportSuccess(A);
    assertThat(nodes.candidates()).containsExactly(A, B);
  }

  @Test
  void candidatesAlwaysContainEveryServerOnce() {
    NodeSelector nodes = new NodeSelector(List.of(A, B, C));
    for (URI u : List.of(A, B, C)) {
      nodes.reportSuccess(u);
      assertThat(nodes.candidates()).containsExactlyInAnyOrder(A, B, C);
    }
  }

  @Test
  void rejectsNoServersAndDuplicates() {
    assertThatThrownBy(() -> new NodeSelector(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeSelector(List.of(A, A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failoverStatusesAre502To504() {
    assertThat(NodeSelector.isFailoverStatus(502)).isTrue();
    assertThat(NodeSelector.isFailoverStatus(503)).isTrue();
    assertThat(NodeSelector.isFailoverStatus(504)).isTrue();
    assertThat(NodeSelector.isFailoverStatus(500)).isFalse();
    assertThat(NodeSelector.isFailoverStatus(501)).isFalse();
    assertThat(NodeSelector.isFailoverStatus(400)).isFalse();
    assertThat(NodeSelector.isFailoverStatus(200)).isFalse();
  }
}
