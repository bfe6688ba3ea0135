package dev.katafraktos.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The files of a packaged chart ({@code .tgz}), read into memory. Helm packages are small
 * gzip-compressed ustar archives whose entries all sit below one top-level directory.
 *
 * @param files entry path (inside the archive) to content
 */
record ChartArchive(Map<String, byte[]> files) {

  private static final int BLOCK = 512;

  static ChartArchive read(Path tgz) throws IOException {
    return read(Files.newInputStream(tgz));
  }

  /** Reads a packaged chart from {@code tgz}, which is closed afterwards. */
  static ChartArchive read(InputStream tgz) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (tgz;
        InputStream in = new GZIPInputStream(tgz)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
        String name = longName != null ? longName : entryName(header);
        longName = null;
        String octalSize = field(header, 124, 12).trim();
        long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
        byte type = header[156];
        byte[] data = in.readNBytes((int) size);
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        } else if (type == '0' || type == 0) {
          files.put(name, data);
        }
      }
    }
    return new ChartArchive(files);
  }

  /** The content of {@code <top>/<relative>}, or {@code null}. */
  byte[] topLevelFile(String relative) {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String name = e.getKey();
      int slash = name.indexOf('/');
      if (slash > 0 && name.substring(slash + 1).equals(relative)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String entryName(byte[] header) {
    String name = field(header, 0, 100);
    String prefix = field(header, 345, 155);
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}
