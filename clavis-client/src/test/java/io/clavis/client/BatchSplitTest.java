package io.clavis.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the SDK cuts a long batch into requests a node takes. */
class BatchSplitTest {

  @Test
  void aRequestHoldsAtMostAThousandItems() {
    assertThat(ClavisClient.batchEnd(0, 2_500, i -> 10)).isEqualTo(1_000);
    assertThat(ClavisClient.batchEnd(2_000, 2_500, i -> 10)).isEqualTo(2_500);
  }

  @Test
  void aRequestEndsBeforeTheItemThatWouldTakeItPastTheByteBudget() {
    // 400 KB items: two fit in a request of about 1 MiB, the third starts the next.
    assertThat(ClavisClient.batchEnd(0, 10, i -> 400_000)).isEqualTo(2);
    assertThat(ClavisClient.batchEnd(2, 10, i -> 400_000)).isEqualTo(4);
  }

  @Test
  void anItemLargerThanTheBudgetGoesAlone() {
    assertThat(ClavisClient.batchEnd(0, 3, i -> i == 0 ? 3_000_000 : 10)).isEqualTo(1);
    assertThat(ClavisClient.batchEnd(1, 3, i -> i == 1 ? 10 : 3_000_000)).isEqualTo(2);
  }
}
