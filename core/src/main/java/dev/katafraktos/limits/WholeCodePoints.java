package dev.katafraktos.limits;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * A reader that never ends a read between the two halves of a surrogate pair. SnakeYAML Engine
 * 2.10's {@code StreamReader} fails with an {@link IndexOutOfBoundsException} when a character
 * beyond U+FFFF (an emoji) straddles its 1024-char buffer, so a valid values file would crash the
 * parse (found by {@code ValuesEditorProperties}; the same fault as jackson-dataformats-text#508).
 * Reads here stop one char short instead, which any {@link Reader} may do.
 */
final class WholeCodePoints extends FilterReader {
  private int pending = -1; // a high surrogate held back from the previous read

  WholeCodePoints(Reader in) {
    super(in);
  }

  static Reader of(String text) {
    return new WholeCodePoints(new StringReader(text));
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n = 0;
    if (pending >= 0) {
      buffer[offset] = (char) pending;
      pending = -1;
      n = 1;
    }
    if (n < length) {
      int got = in.read(buffer, offset + n, length - n);
      if (got < 0) {
        return n == 0 ? -1 : n;
      }
      n += got;
    }
    // hold back a trailing high surrogate when its low half can follow in the next read
    if (n > 1 && Character.isHighSurrogate(buffer[offset + n - 1])) {
      pending = buffer[offset + n - 1];
      n--;
    }
    return n;
  }

  @Override
  public int read() throws IOException {
    if (pending >= 0) {
      int c = pending;
      pending = -1;
      return c;
    }
    return in.read();
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported");
  }

  @Override
  public boolean ready() throws IOException {
    return pending >= 0 || in.ready();
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
