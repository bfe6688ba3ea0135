package dev.katafraktos.render;

import dev.katafraktos.limits.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The files of a packaged chart ({@code .tgz}), read into memory. Helm packages are small
 * gzip-compressed ustar archives whose entries all sit below one top-level directory.
 *
 * <p>A packaged chart is untrusted (a dependency archive under {@code charts/} comes with the
 * repository). The checks follow helm's own loader (pkg/chart/loader/archive.go, helm 3.17+): an
 * absolute name or one that leaves the chart refuses the whole archive, so do sizes over helm's
 * limits; link entries are kept by helm as empty files and never followed, here they are skipped.
 * Nothing is allocated from a header's size before the size is checked.
 *
 * @param files entry path (inside the archive, {@code <top>/<cleaned path>}) to content
 */
record ChartArchive(Map<String, byte[]> files) {

  private static final int BLOCK = 512;
  private static final Pattern DRIVE = Pattern.compile("^[a-zA-Z]:/");

  /** A packaged chart that helm would refuse or that crosses {@link InputLimits}. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  static ChartArchive read(Path tgz) throws IOException {
    return read(tgz.toString(), Files.newInputStream(tgz));
  }

  /** Reads a packaged chart from {@code tgz}, which is closed afterwards; messages name label. */
  static ChartArchive read(String label, InputStream tgz) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (tgz;
        InputStream in = new GZIPInputStream(tgz)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      String paxPath = null;
      long total = 0;
      int entries = 0;
      while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
        String raw = paxPath != null ? paxPath : longName != null ? longName : entryName(header);
        longName = null;
        paxPath = null;
        if (++entries > InputLimits.CHART_ARCHIVE_ENTRIES) {
          throw new Refused(
              label + ": more than " + InputLimits.CHART_ARCHIVE_ENTRIES + " entries; refused");
        }
        long size = size(label, raw, header);
        if (size > InputLimits.CHART_ARCHIVE_ENTRY_BYTES) {
          throw new Refused(
              label
                  + ": entry '"
                  + raw
                  + "' expands to "
                  + size
                  + " bytes, over helm's limit of "
                  + InputLimits.CHART_ARCHIVE_ENTRY_BYTES
                  + " per file; refused");
        }
        total += size;
        if (total > InputLimits.CHART_ARCHIVE_BYTES) {
          throw new Refused(
              label
                  + ": entry '"
                  + raw
                  + "' takes the expanded chart over helm's limit of "
                  + InputLimits.CHART_ARCHIVE_BYTES
                  + " bytes; refused");
        }
        byte type = header[156];
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
          throw new Refused(label + ": entry '" + raw + "' is truncated; refused");
        }
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        switch (type) {
          case 'L' -> longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          case 'x' -> paxPath = paxPath(data);
          case '0', 0, '7' -> files.put(checkedName(label, raw), data);
          default -> {
            // directories (helm skips them unchecked), links ('1', '2'), devices, FIFOs, global
            // headers: never followed, never created
          }
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

  /**
   * {@code <top>/<rest>} with {@code rest} cleaned as helm cleans it; refuses what helm refuses and
   * also an absolute or dot top directory, which helm drops but a copy would write outside.
   */
  private static String checkedName(String label, String raw) throws Refused {
    String name = raw.indexOf('\\') >= 0 ? raw.replace('\\', '/') : raw;
    int slash = name.indexOf('/');
    String top = slash < 0 ? name : name.substring(0, slash);
    String rest = slash < 0 ? "" : name.substring(slash + 1);
    if (top.isEmpty() || rest.startsWith("/") || DRIVE.matcher(name).find()) {
      throw new Refused(label + ": entry '" + raw + "' has an absolute name; refused");
    }
    String cleaned = clean(rest);
    if (top.equals(".") || top.equals("..") || cleaned.equals(".") || cleaned.startsWith("..")) {
      throw new Refused(label + ": entry '" + raw + "' points outside the chart; refused");
    }
    if (DRIVE.matcher(cleaned).find()) {
      throw new Refused(label + ": entry '" + raw + "' has an absolute name; refused");
    }
    return top + "/" + cleaned;
  }

  /** Go's path.Clean for a relative path: "." for nothing, leading ".." kept. */
  private static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  private static long size(String label, String raw, byte[] header) throws Refused {
    if ((header[124] & 0x80) != 0) { // base-256: only for entries of 8 GiB and more
      throw new Refused(label + ": entry '" + raw + "' declares a size over 8 GiB; refused");
    }
    String octal = field(header, 124, 12).trim();
    try {
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new Refused(label + ": entry '" + raw + "' has a corrupt size field; refused");
    }
  }

  /** The {@code path} record of a PAX extended header, or null (records: "len key=value\n"). */
  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    String found = null;
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        found = record.substring(space + 1 + "path=".length());
      }
    }
    return found;
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
