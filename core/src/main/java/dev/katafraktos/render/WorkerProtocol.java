package dev.katafraktos.render;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.katafraktos.limits.InputLimits;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol between {@link EmbeddedHelmRenderer} and its {@link EmbeddedHelmWorker}: frames of
 * {@link DataOutputStream} primitives, so the worker starts without loading a JSON library (its
 * start-up is on the critical path of every run). Strings longer than {@code writeUTF} allows are
 * sent as length-prefixed UTF-8.
 */
final class WorkerProtocol {
  private WorkerProtocol() {}

  /** One chart to render; every field as helm-java's template command takes it. */
  record Request(
      long id,
      String chart,
      String release,
      String namespace,
      String kubeVersion,
      List<String> valuesFiles,
      List<SetPair> set) {

    void write(DataOutputStream out) throws IOException {
      out.writeLong(id);
      writeString(out, chart);
      writeString(out, release);
      writeString(out, namespace);
      writeString(out, kubeVersion);
      out.writeInt(valuesFiles.size());
      for (String file : valuesFiles) {
        writeString(out, file);
      }
      out.writeInt(set.size());
      for (SetPair pair : set) {
        writeString(out, pair.key());
        writeString(out, pair.value());
      }
      out.flush();
    }

    /** The next request, or {@code null} at the end of the stream. */
    static Request read(DataInputStream in) throws IOException {
      long id;
      try {
        id = in.readLong();
      } catch (EOFException e) {
        return null;
      }
      String chart = readString(in);
      String release = readString(in);
      String namespace = readString(in);
      String kubeVersion = readString(in);
      List<String> valuesFiles = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        valuesFiles.add(readString(in));
      }
      List<SetPair> set = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        set.add(new SetPair(readString(in), readString(in)));
      }
      return new Request(id, chart, release, namespace, kubeVersion, valuesFiles, set);
    }
  }

  /** One {@code --set} key and value. */
  record SetPair(String key, String value) {}

  /** The rendered output, or helm's error message. */
  record Response(long id, String output, String error) {

    void write(DataOutputStream out) throws IOException {
      out.writeLong(id);
      out.writeBoolean(error == null);
      writeString(out, error == null ? output : error);
      out.flush();
    }

    /** The next response, or {@code null} at the end of the stream. */
    static Response read(DataInputStream in) throws IOException {
      long id;
      try {
        id = in.readLong();
      } catch (EOFException e) {
        return null;
      }
      boolean ok = in.readBoolean();
      int length = in.readInt();
      if (length > InputLimits.RENDERED_BYTES) {
        // a template can print without end; never hold more than the limit of it
        in.skipNBytes(length);
        return new Response(
            id,
            null,
            "the chart rendered "
                + length
                + " bytes, over the limit of "
                + InputLimits.RENDERED_BYTES
                + "; refused");
      }
      String text = length < 0 ? null : new String(in.readNBytes(length), UTF_8);
      return ok ? new Response(id, text, null) : new Response(id, null, text);
    }
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
  }
}
