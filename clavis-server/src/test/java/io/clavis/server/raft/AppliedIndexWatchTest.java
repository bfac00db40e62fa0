package io.clavis.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AppliedIndexWatchTest {
  private final AppliedIndexWatch watch = new AppliedIndexWatch();

  @Test
  void aWaiterCompletesWhenItsIndexIsAppliedAndNotBefore() {
    CompletableFuture<Void> five = watch.whenApplied(5);
    CompletableFuture<Void> seven = watch.whenApplied(7);
    watch.advance(4);
    assertThat(five).isNotDone();
    watch.advance(6);
    assertThat(five).isCompleted();
    assertThat(seven).isNotDone();
    watch.advance(10); // a jump (a snapshot installed) releases everything below it
    assertThat(seven).isCompleted();
  }

  @Test
  void anIndexAlreadyAppliedIsDoneAtOnce() {
    watch.advance(3);
    assertThat(watch.whenApplied(3)).isCompleted();
    assertThat(watch.whenApplied(1)).isCompleted();
    assertThat(watch.whenApplied(4)).isNotDone();
  }

  @Test
  void anOlderIndexDoesNotMoveItBack() {
    watch.advance(9);
    watch.advance(2);
    assertThat(watch.whenApplied(8)).isCompleted();
  }
}
