package dev.katafraktos.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A blob as it streams from the source: its bytes are hashed on the way and counted, and the stream
 * fails instead of ending when they are not the blob its descriptor names (more bytes than the
 * descriptor's size, fewer, or another digest). Whoever reads it to the end, such as the upload to
 * the target, therefore never completes with wrong content: a failed read aborts the upload.
 */
final class VerifiedBlobStream extends FilterInputStream {
  private final String digest;
  private final long size;
  private final MessageDigest hash;
  private long read;
  private boolean verified;

  VerifiedBlobStream(InputStream in, String digest, long size) {
    super(in);
    this.digest = digest;
    this.size = size;
    String algorithm =
        digest.startsWith("sha256:") ? "SHA-256" : digest.startsWith("sha512:") ? "SHA-512" : null;
    if (algorithm == null) {
      throw new IllegalArgumentException("not a sha256 or sha512 digest: " + digest);
    }
    try {
      this.hash = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has " + algorithm, e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    read += n;
    if (size >= 0 && read > size) {
      throw new BlobMismatchException(
          "the source sent more than the " + size + " bytes " + digest + " has");
    }
    hash.update(b, off, n);
    if (read == size) {
      verify(); // a registry may keep the connection open after the last byte
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("a verified blob is read, not skipped");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void verify() throws BlobMismatchException {
    if (verified) {
      return;
    }
    if (size >= 0 && read != size) {
      throw new BlobMismatchException(
          "the source sent " + read + " bytes of " + digest + ", which has " + size);
    }
    String got =
        digest.substring(0, digest.indexOf(':') + 1) + HexFormat.of().formatHex(hash.digest());
    if (!got.equals(digest)) {
      throw new BlobMismatchException(
          "the source sent bytes whose digest is " + got + " for blob " + digest);
    }
    verified = true;
  }

  /** The source's bytes are not the blob asked for. */
  static final class BlobMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    BlobMismatchException(String message) {
      super(message);
    }
  }
}
