package eval;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies images and blobs between two registries with jib-core's internal RegistryClient, to measure
 * what it does to manifest bytes, blob mounts, memory and redirects.
 *
 * <pre>
 *   image  SRC DST REPO REF          pull REF (manifest, list or index), copy blobs, push children then REF
 *   index  SRC DST REPO REF          push only the list/index REF (its children already copied byte-exact)
 *   blob   SRC SREPO DST DREPO DIGEST [MOUNT_FROM]   stream one blob (pullBlob into pushBlob)
 *   pull   SRC REPO DIGEST [USER:PASS]              pull one blob into a counting sink
 * </pre>
 */
public final class JibCopy {
  static final EventHandlers EVENTS =
      EventHandlers.builder()
          .add(LogEvent.class, e -> System.err.println("  jib " + e.getLevel() + ": " + e.getMessage()))
          .build();
  static final FailoverHttpClient HTTP = new FailoverHttpClient(true, true, EVENTS::dispatch);

  static RegistryClient client(String registry, String repo, String userPass) throws Exception {
    RegistryClient.Factory f = RegistryClient.factory(EVENTS, registry, repo, HTTP).setUserAgent("jib-eval");
    if (userPass != null) {
      String[] up = userPass.split(":", 2);
      f.setCredential(Credential.from(up[0], up[1]));
    }
    RegistryClient rc = f.newRegistryClient();
    if (userPass != null) {
      rc.configureBasicAuth();
    }
    return rc;
  }

  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    try {
      switch (a[0]) {
        case "image" -> image(client(a[1], a[3], null), client(a[2], a[3], null), a[4], false);
        case "index" -> image(client(a[1], a[3], null), client(a[2], a[3], null), a[4], true);
        case "blob" -> blob(a);
        case "pull" -> pull(a);
        default -> throw new IllegalArgumentException(a[0]);
      }
    } finally {
      HTTP.shutDown();
      System.out.printf("elapsed %.2f s, peak heap used %.1f MiB, max heap %.0f MiB%n",
          (System.nanoTime() - t0) / 1e9, peakHeap() / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
    }
  }

  static void image(RegistryClient src, RegistryClient dst, String ref, boolean listOnly) throws Exception {
    ManifestAndDigest<ManifestTemplate> m = src.pullManifest(ref);
    ManifestTemplate t = m.getManifest();
    System.out.println("source " + ref + " " + m.getDigest() + " " + t.getClass().getSimpleName());
    List<String> children = new ArrayList<>();
    if (t instanceof V22ManifestListTemplate l) {
      l.getManifests().forEach(c -> children.add(c.getDigest()));
    } else if (t instanceof OciIndexTemplate i) {
      i.getManifests().forEach(c -> children.add(c.getDigest().toString()));
    }
    if (!listOnly) {
      for (String child : children) {
        ManifestAndDigest<ManifestTemplate> c = src.pullManifest(child);
        copyBlobs(src, dst, c.getManifest());
        push(dst, c.getManifest(), child, "child");
      }
      copyBlobs(src, dst, t);
    }
    push(dst, t, ref, "top");
  }

  static void push(RegistryClient dst, ManifestTemplate t, String ref, String what) {
    try {
      DescriptorDigest d = dst.pushManifest(t, ref);
      System.out.println("pushed " + what + " as " + ref + " -> registry digest " + d);
    } catch (Exception e) {
      System.out.println("push " + what + " as " + ref + " FAILED: " + e.getClass().getSimpleName() + ": "
          + e.getMessage().replace('\n', ' '));
    }
  }

  static void copyBlobs(RegistryClient src, RegistryClient dst, ManifestTemplate t) throws Exception {
    if (!(t instanceof BuildableManifestTemplate b)) {
      return;
    }
    List<DescriptorDigest> blobs = new ArrayList<>();
    blobs.add(b.getContainerConfiguration().getDigest());
    b.getLayers().forEach(l -> blobs.add(l.getDigest()));
    for (DescriptorDigest d : blobs) {
      boolean existed = dst.pushBlob(d, src.pullBlob(d, s -> {}, n -> {}), null, n -> {});
      System.out.println("  blob " + d + (existed ? " already there/mounted" : " uploaded"));
    }
  }

  static void blob(String[] a) throws Exception {
    RegistryClient src = client(a[1], a[2], null);
    RegistryClient dst = client(a[3], a[4], null);
    DescriptorDigest d = DescriptorDigest.fromDigest(a[5]);
    String mountFrom = a.length > 6 ? a[6] : null;
    Blob lazy = src.pullBlob(d, size -> System.out.println("  source size " + size), n -> {});
    boolean mounted = dst.pushBlob(d, lazy, mountFrom, n -> {});
    System.out.println("pushBlob returned " + mounted + " (true = existed or mounted, no upload)");
  }

  static void pull(String[] a) throws Exception {
    RegistryClient src = client(a[1], a[2], a.length > 4 ? a[4] : null);
    long[] count = {0};
    OutputStream sink = new OutputStream() {
      @Override public void write(int b) { count[0]++; }
      @Override public void write(byte[] b, int off, int len) { count[0] += len; }
    };
    try {
      src.pullBlob(DescriptorDigest.fromDigest(a[3]), s -> {}, n -> {}).writeTo(sink);
      System.out.println("pull ok, " + count[0] + " bytes written to the sink");
    } catch (Exception e) {
      System.out.println("pull FAILED after " + count[0] + " bytes reached the sink: "
          + e.getClass().getName() + ": " + e.getMessage());
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
