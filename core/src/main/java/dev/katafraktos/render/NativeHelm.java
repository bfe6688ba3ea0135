package dev.katafraktos.render;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads helm-java's native helm library from a per-user cache. helm-java itself copies the ~100 MB
 * library out of its jar into a new temporary directory every time a JVM loads it, which is most of
 * the embedded renderer's start-up; the copy is made once here, under {@code
 * $XDG_CACHE_HOME/katafraktos} (else {@code ~/.cache/katafraktos}), named after the helm-java
 * version, and written atomically so a half-written file is never loaded.
 */
final class NativeHelm {
  private static final String HELM_JAVA_VERSION = "0.0.21";

  private NativeHelm() {}

  static HelmLib load() {
    NativeLibrary library = NativeLibrary.getInstance();
    try {
      Path cached = cached(library);
      if (cached != null) {
        return Native.load(cached.toString(), HelmLib.class);
      }
    } catch (IOException | UnsatisfiedLinkError e) {
      System.err.println(
          "katafraktos: cannot cache the helm library ("
              + e.getMessage()
              + "); loading it the slow way");
    }
    return library.load();
  }

  private static Path cached(NativeLibrary library) throws IOException {
    String resource = "/" + library.getBinaryName();
    URL url = library.getClass().getResource(resource);
    if (url == null) {
      return null;
    }
    URLConnection connection = url.openConnection();
    long size = connection.getContentLengthLong();
    Path file =
        cacheDirectory().resolve("helm-java-" + HELM_JAVA_VERSION).resolve(library.getBinaryName());
    if (size > 0 && Files.isRegularFile(file) && Files.size(file) == size) {
      return file;
    }
    Files.createDirectories(file.getParent());
    Path partial = Files.createTempFile(file.getParent(), library.getBinaryName(), ".partial");
    try (InputStream in = connection.getInputStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    return file;
  }

  static Path cacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("katafraktos");
  }
}
