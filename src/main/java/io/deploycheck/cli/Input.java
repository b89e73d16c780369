package io.deploycheck.cli;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One input of {@code diagnose}: a file or standard input, read once as a stream of UTF-8 text with bounds
 * (docs/security.md): at most {@link #MAX_BYTES} per input, log lines judged on their first {@link #MAX_LINE_CHARS}
 * characters. A NUL byte or bytes that are not UTF-8 end the read at once as binary data, so {@code /dev/zero} or
 * an image costs a few kilobytes, not the heap.
 */
public final class Input implements Closeable {
  /** Largest input: a dump of tens of thousands of pods is a few hundred MiB. */
  public static final long MAX_BYTES = 1L << 30;
  /**
   * Largest log: CI job logs are megabytes, and every line is matched against the log table (64 MiB took 7.9 s,
   * JVM start included, on a loaded two-core machine), so a log at the limit is judged in about half a minute.
   */
  public static final long MAX_LOG_BYTES = 256L << 20;
  /** A longer log line is judged on its beginning; the rest of it is read past, never kept. */
  public static final int MAX_LINE_CHARS = 64 * 1024;
  /**
   * Longest line of a YAML dump. SnakeYAML slows to seconds per MiB on one long token (a 100 MB value once ran for
   * minutes), and kubectl's YAML has no line near this: annotations, the longest values, are at most 256 KiB.
   * JSON, which Jackson reads in linear time, may be one line of any length.
   */
  public static final int MAX_YAML_LINE_BYTES = 1 << 20;
  /**
   * Largest kubeconfig file {@code doctor} and {@code wait} read: real ones are kilobytes (a few per cluster with
   * embedded certificates), and the YAML parser would stop at 3 MiB anyway.
   */
  public static final int MAX_KUBECONFIG_BYTES = 4 << 20;
  /** How much of the beginning is looked at to tell a dump from a log. */
  private static final int PEEK_BYTES = 1 << 20;

  private final String name;
  private final Guarded guarded;
  private final BufferedInputStream in;
  private final String head;

  private Input(String name, Guarded guarded, BufferedInputStream in, String head) {
    this.name = name;
    this.guarded = guarded;
    this.in = in;
    this.head = head;
  }

  /** Opens {@code name} ({@code -} is standard input) and reads its beginning. */
  public static Input open(String name, InputStream stdin) {
    return open(name, stdin, MAX_BYTES);
  }

  static Input open(String name, InputStream stdin, long limit) {
    String label = "-".equals(name) ? "standard input" : name;
    InputStream raw;
    if ("-".equals(name)) {
      raw = stdin;
    } else {
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        throw new InputException(name + ": is a directory, expected a file");
      }
      try {
        raw = Files.newInputStream(path);
      } catch (NoSuchFileException e) {
        throw new InputException(name + ": no such file");
      } catch (IOException e) {
        throw new InputException(name + ": cannot be read (" + e.getMessage() + ")");
      }
    }
    Guarded guarded = new Guarded(raw, label, limit);
    BufferedInputStream in = new BufferedInputStream(guarded, 1 << 16);
    try {
      in.mark(PEEK_BYTES);
      byte[] start = in.readNBytes(PEEK_BYTES);
      in.reset();
      String head = new String(start, StandardCharsets.UTF_8);
      if (start.length < PEEK_BYTES && head.replace("\uFEFF", "").isBlank()) {
        throw new InputException(label + ": is empty");
      }
      return new Input(label, guarded, in, head);
    } catch (IOException e) {
      throw new InputException(label + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  public String name() {
    return name;
  }

  /**
   * Text that starts like YAML or JSON objects (after blank and comment lines) is a dump; anything else is a log.
   * A plain scan, not a regular expression: a thousand comment lines once overflowed the stack of one.
   */
  public boolean looksLikeDump() {
    int i = head.startsWith("\uFEFF") ? 1 : 0;
    while (i < head.length()) {
      int end = head.indexOf('\n', i);
      String line = (end < 0 ? head.substring(i) : head.substring(i, end)).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        for (String start : new String[] {"{", "[", "---", "apiVersion:", "kind:", "items:", "metadata:"}) {
          if (line.startsWith(start)) {
            return true;
          }
        }
        return false;
      }
      if (end < 0) {
        break;
      }
      i = end + 1;
    }
    return false;
  }

  /** True when the first character that is not white space opens a JSON object or array. */
  public boolean looksLikeJson() {
    String start = head.replace("\uFEFF", "").stripLeading();
    return start.startsWith("{") || start.startsWith("[");
  }

  /** From now on (and looking back at what was read), a line longer than {@code bytes} ends the read. */
  public void limitLines(int bytes) {
    guarded.limitLines(bytes);
  }

  /** The text, decoded strictly, without a leading byte-order mark. */
  public Reader reader() {
    BufferedReader reader = new BufferedReader(new Strict(new InputStreamReader(in, StandardCharsets.UTF_8
        .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
        name));
    try {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return reader;
  }

  /** The lines of a log, each cut to {@link #MAX_LINE_CHARS}; a longer line's rest is read past. */
  public Iterator<String> lines() {
    guarded.limit(MAX_LOG_BYTES, "a log", "pass only the failed job's log");
    return new LineIterator(reader(), name);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // read-only: nothing was lost
    }
  }

  static InputException binary(String label) {
    return new InputException(label + ": is binary data, expected a Kubernetes YAML/JSON dump or a text log");
  }

  /** Counts and checks the bytes as they pass: over the limit or a NUL byte ends the read with one clear line. */
  private static final class Guarded extends FilterInputStream {
    private final String label;
    private long limit;
    private String what = "one input";
    private String advice = "split it, e.g. one namespace per dump";
    private long count;
    private long line;
    private long longestLine;
    private long lineLimit = Long.MAX_VALUE;

    Guarded(InputStream in, String label, long limit) {
      super(in);
      this.label = label;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        checkSize();
        for (int i = off; i < off + n; i++) {
          if (b[i] == 0) {
            throw binary(label);
          }
          if (b[i] == '\n') {
            longestLine = Math.max(longestLine, line);
            line = 0;
          } else {
            line++;
          }
        }
        checkLines();
      }
      return n;
    }

    void limit(long bytes, String what, String advice) {
      this.limit = Math.min(limit, bytes);
      this.what = what;
      this.advice = advice;
      checkSize();
    }

    private void checkSize() {
      if (count > limit) {
        throw new InputException(label + ": larger than the limit of " + size(limit) + " for " + what + " ("
            + advice + ")");
      }
    }

    void limitLines(long bytes) {
      lineLimit = bytes;
      checkLines();
    }

    private void checkLines() {
      if (Math.max(line, longestLine) > lineLimit) {
        throw new InputException(label + ": has a YAML line longer than the limit of " + size(lineLimit)
            + " (write the dump with -o json instead: JSON lines have no limit)");
      }
    }

    @Override
    public long skip(long n) throws IOException {
      return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
    }
  }

  private static String size(long bytes) {
    return bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB"
        : bytes >= 1L << 20 && bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  /** Lines cut to {@link #MAX_LINE_CHARS}, read through a buffer of its own; never more than one line is held. */
  private static final class LineIterator implements Iterator<String> {
    private final Reader reader;
    private final String label;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private String next;

    LineIterator(Reader reader, String label) {
      this.reader = reader;
      this.label = label;
      this.next = readLine();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public String next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String line = next;
      next = readLine();
      return line;
    }

    private String readLine() {
      StringBuilder line = null;
      while (true) {
        if (position == limit && !fill()) {
          return line == null ? null : strip(line);
        }
        if (line == null) {
          line = new StringBuilder();
        }
        int start = position;
        while (position < limit && buffer[position] != '\n') {
          position++;
        }
        int room = MAX_LINE_CHARS - line.length();
        line.append(buffer, start, Math.min(room, position - start));
        if (position < limit) {
          position++; // the newline
          return strip(line);
        }
      }
    }

    private boolean fill() {
      try {
        int n = reader.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
      } catch (IOException e) {
        throw new InputException(label + ": cannot be read (" + e.getMessage() + ")");
      }
    }

    private static String strip(StringBuilder line) {
      int last = line.length() - 1;
      return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
    }
  }

  /** Turns a decoding error into the one line that says the input is not text. */
  private static final class Strict extends FilterReader {
    private final String label;

    Strict(Reader in, String label) {
      super(in);
      this.label = label;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (CharacterCodingException e) {
        throw binary(label);
      }
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      try {
        return super.read(cbuf, off, len);
      } catch (CharacterCodingException e) {
        throw binary(label);
      }
    }
  }
}
