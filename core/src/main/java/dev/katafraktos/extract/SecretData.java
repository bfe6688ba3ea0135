package dev.katafraktos.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The text a Secret's base64 {@code data} value carries. */
public final class SecretData {
  private SecretData() {}

  /**
   * The UTF-8 text {@code base64} encodes (line breaks and spaces in it ignored), or {@code null}
   * for binary content (a keystore) or bad base64.
   */
  public static String decode(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
  }
}
