package io.clavis.cli;

import io.clavis.client.ClavisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The one-line {@code error: ...} message printed for a failed command. */
final class ErrorFormat {
  private ErrorFormat() {}

  /**
   * {@code error: <message> (<code>, request id <id>)} for errors answered by a server; {@code
   * error: <message> (<code>)} for errors raised by server code run in this process (joining a
   * cluster); {@code error: <message>} for everything else (unreachable servers, unreadable
   * files...).
   */
  static String format(Throwable t) {
    return "error: " + message(t);
  }

  /** The message of {@link #format} without {@code error: }, for warnings and details. */
  static String message(Throwable t) {
    return oneLine(describe(t));
  }

  private static String describe(Throwable t) {
    if (t instanceof ClavisException e) {
      String message = e.getMessage() == null ? "request failed" : e.getMessage();
      if (e.isConnectionFailure()) {
        return message;
      }
      StringBuilder sb = new StringBuilder(message).append(" (").append(e.code());
      if (e.requestId() != null) {
        sb.append(", request id ").append(e.requestId());
      }
      return sb.append(')').toString();
    }
    if (t instanceof io.clavis.server.error.ClavisException e) {
      // raised in this process by server code run offline (cluster join, dev clusters)
      return (e.getMessage() == null ? "failed" : e.getMessage()) + " (" + e.code() + ")";
    }
    if (t instanceof UncheckedIOException u && u.getCause() != null) {
      return describe(u.getCause());
    }
    if (t instanceof NoSuchFileException e) {
      return "no such file: " + e.getFile();
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + e.getFile();
    }
    if (t instanceof FileSystemException e) {
      return "cannot read " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason());
    }
    if (t instanceof IOException && t.getMessage() != null) {
      return t.getMessage();
    }
    if (t instanceof CliException || t instanceof IllegalArgumentException) {
      return String.valueOf(t.getMessage());
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? "unexpected " + t.getClass().getSimpleName() : m;
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
