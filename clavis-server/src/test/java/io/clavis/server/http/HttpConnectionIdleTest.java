package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpConnectionIdleTest {
  private static final Duration IDLE = Duration.ofMinutes(5);

  private final List<HttpExchange> received = new ArrayList<>();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new HttpConnection(received::add, 1024, 4096, IDLE));

  /** Lets virtual time pass in steps, running the timers that fall due. */
  private void wait(Duration d) {
    for (long s = 0; s < d.toSeconds(); s += 5) {
      channel.advanceTimeBy(5, TimeUnit.SECONDS);
      channel.runScheduledPendingTasks();
    }
  }

  private void request() {
    channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x"));
  }

  private void answerLast() {
    received.getLast().respond(200, Map.of(), new byte[] {'{', '}'});
    ByteBuf out = channel.readOutbound();
    assertThat(out).isNotNull();
    out.release();
  }

  @Test
  void aConnectionWithoutRequestsIsClosedAfterTheIdleTime() {
    wait(IDLE.minusSeconds(10));
    assertThat(channel.isOpen()).isTrue();
    wait(IDLE.dividedBy(4).plusSeconds(15));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void eachRequestAndAnswerStartsTheIdleTimeAgain() {
    for (int i = 0; i < 5; i++) {
      wait(Duration.ofMinutes(4));
      request();
      answerLast();
    }
    assertThat(channel.isOpen()).isTrue();
    wait(IDLE.plus(IDLE.dividedBy(4)).plusSeconds(5));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aRequestStillBeingAnsweredKeepsTheConnectionOpen() {
    request();
    wait(IDLE.multipliedBy(4));
    assertThat(channel.isOpen()).isTrue();
    answerLast();
    wait(IDLE.minusSeconds(10));
    assertThat(channel.isOpen()).isTrue();
    wait(IDLE.dividedBy(4).plusSeconds(15));
    assertThat(channel.isOpen()).isFalse();
  }
}
