package dev.katafraktos.render;

import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.jni.HelmLib;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The process in which helm-java renders. It is started by {@link EmbeddedHelmRenderer} with an
 * environment of its choosing — above all {@code KUBECONFIG} — because helm's Go runtime reads the
 * environment once, when the native library loads, and the parent JVM's environment cannot be
 * changed. Reads {@link WorkerProtocol} requests on stdin, answers on stdout, renders requests in
 * parallel, and exits when stdin closes.
 */
public final class EmbeddedHelmWorker {
  private EmbeddedHelmWorker() {}

  public static void main(String[] args) throws Exception {
    DataOutputStream protocol =
        new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(System.err); // nothing but responses may reach the parent on stdout
    try (NullKubeApiServer noCluster = NullKubeApiServer.start()) {
      Files.writeString(Path.of(System.getenv("KUBECONFIG")), noCluster.kubeconfig());
      HelmLib helm = NativeHelm.load();
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      ExecutorService pool = Executors.newFixedThreadPool(threads, Renderers.daemonThreads("helm"));
      DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
      WorkerProtocol.Request request;
      while ((request = WorkerProtocol.Request.read(in)) != null) {
        WorkerProtocol.Request next = request;
        pool.execute(() -> answer(helm, protocol, next));
      }
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.HOURS);
    }
  }

  private static void answer(
      HelmLib helm, DataOutputStream protocol, WorkerProtocol.Request request) {
    WorkerProtocol.Response response;
    try {
      response = new WorkerProtocol.Response(request.id(), render(helm, request), null);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      response = new WorkerProtocol.Response(request.id(), null, message);
    }
    try {
      synchronized (protocol) {
        response.write(protocol);
      }
    } catch (IOException e) {
      System.exit(1); // the parent is gone
    }
  }

  private static String render(HelmLib helm, WorkerProtocol.Request request) {
    TemplateCommand template =
        new TemplateCommand(helm, Path.of(request.chart()))
            .withName(request.release())
            .withNamespace(request.namespace())
            .withKubeVersion(request.kubeVersion());
    for (String file : request.valuesFiles()) {
      template.withValuesFile(Path.of(file));
    }
    for (WorkerProtocol.SetPair pair : request.set()) {
      template.set(pair.key(), pair.value());
    }
    return template.call();
  }
}
