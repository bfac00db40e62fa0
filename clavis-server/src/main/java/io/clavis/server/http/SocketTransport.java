package io.clavis.server.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * How the listener's I/O threads talk to the kernel: io_uring where the kernel allows it (the sends
 * and receives of a round of answers go to the kernel in one call, not one system call each), else
 * epoll, else the JDK's NIO. {@code -Dclavis.io_uring=off} keeps a node on epoll, e.g. where
 * io_uring is allowed but not wanted.
 */
enum SocketTransport {
  IO_URING("io_uring"),
  EPOLL("epoll"),
  NIO("NIO");

  static final String PROPERTY = "clavis.io_uring";

  private final String label;

  SocketTransport(String label) {
    this.label = label;
  }

  /** The fastest transport this platform offers and the node's settings allow. */
  static SocketTransport best() {
    if (!"off".equalsIgnoreCase(System.getProperty(PROPERTY, "auto")) && IoUring.isAvailable()) {
      return IO_URING;
    }
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  IoHandlerFactory ioHandlers() {
    return switch (this) {
      case IO_URING -> IoUringIoHandler.newFactory();
      case EPOLL -> EpollIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
  }

  Class<? extends ServerChannel> serverChannel() {
    return switch (this) {
      case IO_URING -> IoUringServerSocketChannel.class;
      case EPOLL -> EpollServerSocketChannel.class;
      case NIO -> NioServerSocketChannel.class;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
