package dev.katafraktos.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifiedBlobStreamTest {
  private static final byte[] BLOB = "a layer of some bytes".getBytes(StandardCharsets.UTF_8);
  private static final String DIGEST = ManifestProbe.sha256(BLOB);

  private static InputStream stream(byte[] served, String digest, long size) {
    return new VerifiedBlobStream(new ByteArrayInputStream(served), digest, size);
  }

  @Test
  void theBlobItNamesIsReadToTheEnd() throws IOException {
    try (InputStream in = stream(BLOB, DIGEST, BLOB.length)) {
      assertThat(in.readAllBytes()).isEqualTo(BLOB);
    }
  }

  @Test
  void otherBytesOfTheSameLengthFailAtTheirLastByte() {
    byte[] other = BLOB.clone();
    other[3] ^= 1;
    assertThatThrownBy(() -> stream(other, DIGEST, BLOB.length).readAllBytes())
        .isInstanceOf(VerifiedBlobStream.BlobMismatchException.class)
        .hasMessageContaining("whose digest is " + ManifestProbe.sha256(other))
        .hasMessageContaining("for blob " + DIGEST);
  }

  @Test
  void moreBytesThanTheDescriptorSaysFailBeforeTheyAreAllRead() {
    byte[] longer =
        (new String(BLOB, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> stream(longer, DIGEST, BLOB.length).readAllBytes())
        .isInstanceOf(VerifiedBlobStream.BlobMismatchException.class)
        .hasMessageContaining("more than the " + BLOB.length + " bytes");
  }

  @Test
  void fewerBytesFailAtTheEnd() {
    byte[] shorter = java.util.Arrays.copyOf(BLOB, BLOB.length - 1);
    assertThatThrownBy(() -> stream(shorter, DIGEST, BLOB.length).readAllBytes())
        .isInstanceOf(VerifiedBlobStream.BlobMismatchException.class)
        .hasMessageContaining("sent " + (BLOB.length - 1) + " bytes");
  }

  @Test
  void anUnknownSizeIsJudgedByTheDigestAlone() throws IOException {
    try (InputStream in = stream(BLOB, DIGEST, -1)) {
      assertThat(in.readAllBytes()).isEqualTo(BLOB);
    }
  }

  @Test
  void onlySha256AndSha512DigestsAreAccepted() {
    assertThatThrownBy(() -> stream(BLOB, "md5:abc", BLOB.length))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
