package io.clavis.server.http;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: gathers each request's body within the limit and hands whole requests to
 * the dispatcher one at a time, so that answers leave in the order requests came (HTTP/1.1
 * pipelining) even when they are computed on other threads. Everything here runs on the
 * connection's I/O thread.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

  /** Pipelined requests held while one is answered; past this the connection stops reading. */
  private static final int MAX_WAITING = 16;

  /** The first allocation for a body; it grows with what arrives, up to the limit. */
  private static final int INITIAL_BODY_BYTES = 64 * 1024;

  private final Consumer<HttpExchange> dispatcher;
  private final int maxBodyBytes;
  private final long backstopBytes;
  private final long idleNanos;

  private ChannelHandlerContext ctx;

  // The request being read.
  private HttpRequest head;
  private byte[] body;
  private int bodyLength;
  private boolean discarding;
  private long discarded;

  // The request being answered, and those read meanwhile.
  private HttpExchange answering;
  private final ArrayDeque<HttpExchange> waiting = new ArrayDeque<>();
  private boolean closing;
  // The stream cannot be read further (a malformed request, a body past the backstop): answer
  // what was read, then close.
  private boolean drainThenClose;

  // Idle closing: a read or an answer marks the connection used; a check every quarter of the idle
  // time notes when it last found it used, so that the timer costs nothing per request.
  private boolean used;
  private long lastUsed;
  private ScheduledFuture<?> idleCheck;

  /**
   * @param maxBodyBytes larger bodies are answered PAYLOAD_TOO_LARGE and read to their end
   * @param backstopBytes larger bodies are not read to their end: the connection closes
   * @param idle a connection without a request in progress is closed once nothing was read or
   *     answered on it for this long (at most a quarter of it later)
   */
  HttpConnection(
      Consumer<HttpExchange> dispatcher, int maxBodyBytes, long backstopBytes, Duration idle) {
    this.dispatcher = dispatcher;
    this.maxBodyBytes = maxBodyBytes;
    this.backstopBytes = backstopBytes;
    this.idleNanos = idle.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    lastUsed = ctx.executor().ticker().nanoTime();
    scheduleIdleCheck();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (idleCheck != null) {
      idleCheck.cancel(false); // not kept in the timer queue for the rest of the idle time
    }
    ctx.fireChannelInactive();
  }

  private void scheduleIdleCheck() {
    idleCheck =
        ctx.executor().schedule(this::checkIdle, Math.max(1, idleNanos / 4), TimeUnit.NANOSECONDS);
  }

  private void checkIdle() {
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = ctx.executor().ticker().nanoTime();
    if (used || answering != null) {
      used = false;
      lastUsed = now;
    } else if (now - lastUsed >= idleNanos) {
      ctx.close();
      return;
    }
    scheduleIdleCheck();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    used = true;
    try {
      if (closing || drainThenClose) {
        return;
      }
      if (msg instanceof HttpRequest request) {
        begin(request);
      }
      if (msg instanceof HttpContent content && head != null) {
        content(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(HttpRequest request) {
    head = request;
    body = null;
    bodyLength = 0;
    discarding = false;
    discarded = 0;
    if (request.decoderResult().isFailure()) {
      // The decoder drops everything after a malformed head: answer, then close.
      reject(malformed(request.decoderResult().cause()), false);
      return;
    }
    long declared;
    try {
      declared = HttpUtil.getContentLength(request, -1L);
    } catch (NumberFormatException e) {
      reject(ClavisException.invalid("malformed HTTP request"), false);
      return;
    }
    if (declared > maxBodyBytes) {
      // Answered now, before the body arrives; a client that waits for "100 Continue" will not
      // send it, and past the backstop it is not worth reading: both close the connection.
      reject(
          tooLarge(maxBodyBytes),
          declared <= backstopBytes && !HttpUtil.is100ContinueExpected(request));
      return;
    }
    if (HttpUtil.is100ContinueExpected(request) && answering == null) {
      // Not while an earlier pipelined request awaits its answer: that answer must come first,
      // and a client that hears nothing sends its body after a short wait anyway.
      ctx.writeAndFlush(HttpAnswer.interimContinue(ctx.alloc()), ctx.voidPromise());
    }
    if (declared > 0) {
      // Memory follows the bytes that arrive, not what a client declares it will send.
      body = new byte[(int) Math.min(declared, INITIAL_BODY_BYTES)];
    }
  }

  private void content(HttpContent content) {
    if (content.decoderResult().isFailure()) {
      if (!discarding) {
        reject(malformed(content.decoderResult().cause()), false);
      }
      closeWhenAnswered();
      return;
    }
    ByteBuf data = content.content();
    int n = data.readableBytes();
    if (discarding) {
      discarded += n;
      if (discarded > backstopBytes) {
        closeWhenAnswered();
        return;
      }
    } else if ((long) bodyLength + n > maxBodyBytes) {
      discarded = bodyLength + (long) n;
      body = null;
      reject(tooLarge(maxBodyBytes), true);
    } else if (n > 0) {
      if (body == null || body.length < bodyLength + n) {
        int grown = (int) Math.min(maxBodyBytes, Math.max(bodyLength + n, bodyLength * 2L));
        body = Arrays.copyOf(body == null ? new byte[0] : body, grown);
      }
      data.readBytes(body, bodyLength, n);
      bodyLength += n;
    }
    if (content instanceof LastHttpContent) {
      if (!discarding) {
        byte[] whole =
            bodyLength == 0
                ? null
                : bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
        submit(exchange(null, whole, HttpUtil.isKeepAlive(head)));
      }
      head = null;
      body = null;
    }
  }

  /** Answers the request being read with an error now, and drops the rest of its body. */
  private void reject(ClavisException error, boolean keepAlive) {
    discarding = true;
    submit(exchange(error, null, keepAlive && HttpUtil.isKeepAlive(head)));
  }

  private HttpExchange exchange(ClavisException rejection, byte[] content, boolean keepAlive) {
    return new HttpExchange(
        this, ctx, head.method().name(), head.uri(), head.headers(), content, keepAlive, rejection);
  }

  private void submit(HttpExchange exchange) {
    if (answering != null) {
      waiting.add(exchange);
      if (waiting.size() >= MAX_WAITING) {
        ctx.channel().config().setAutoRead(false);
      }
      return;
    }
    answering = exchange;
    try {
      dispatcher.accept(exchange);
    } catch (RuntimeException | StackOverflowError e) {
      // The dispatcher answers its own failures; this is the last resort: no hung connection.
      LOG.error("request dispatch failed", e);
      abandon(exchange);
    }
  }

  /** Closes the connection without an answer for {@code exchange}. */
  private void abandon(HttpExchange exchange) {
    if (exchange == answering) {
      answering = null;
      closing = true;
      waiting.clear();
      ctx.close();
    }
  }

  private void next() {
    if (answering == null && !closing) {
      HttpExchange next = waiting.poll();
      if (next != null) {
        if (!drainThenClose) {
          ctx.channel().config().setAutoRead(true);
        }
        submit(next);
      }
    }
  }

  /** Writes an exchange's answer; from another thread the write moves to the I/O thread. */
  void respond(
      HttpExchange exchange,
      int status,
      Map<String, String> headers,
      byte[] content,
      boolean keepAlive) {
    if (!ctx.executor().inEventLoop()) {
      ctx.executor().execute(() -> respond(exchange, status, headers, content, keepAlive));
      return;
    }
    if (exchange != answering) {
      return; // answered already
    }
    boolean open =
        keepAlive && !closing && ctx.channel().isActive() && !(drainThenClose && waiting.isEmpty());
    ByteBuf answer;
    try {
      answer =
          HttpAnswer.encode(
              ctx.alloc(), status, headers, content, "HEAD".equals(exchange.methodText()), open);
    } catch (RuntimeException e) {
      LOG.error("an answer could not be built (status {})", status, e);
      abandon(exchange);
      return;
    }
    answering = null;
    used = true;
    if (open) {
      ctx.writeAndFlush(answer, ctx.voidPromise());
      if (!waiting.isEmpty()) {
        // A task rather than a call: answers computed at once must not nest one per request.
        ctx.executor().execute(this::next);
      }
    } else {
      closing = true;
      waiting.clear();
      ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Reads no more: the requests already read get their answers (the last of them may be the error
   * that ends the stream), then the connection closes.
   */
  private void closeWhenAnswered() {
    drainThenClose = true;
    ctx.channel().config().setAutoRead(false);
    if (answering == null && waiting.isEmpty()) {
      closing = true;
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets, TLS failures and plain-text clients: nothing to answer, nothing to keep.
    if (!(cause instanceof IOException)) {
      LOG.debug("connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }

  private static ClavisException malformed(Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      return ClavisException.invalid("the request line or headers are too long");
    }
    return ClavisException.invalid("malformed HTTP request");
  }

  private static ClavisException tooLarge(long limit) {
    return new ClavisException(
        ErrorCode.PAYLOAD_TOO_LARGE, "request body is over the limit of " + limit + " bytes");
  }
}
