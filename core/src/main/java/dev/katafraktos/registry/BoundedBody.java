package dev.katafraktos.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory up to a cap, one buffer at a time, and stops at the cap: a 200
 * answer over it fails with {@link TooLargeException} (the connection is dropped, the rest is never
 * read); any other answer is cut at {@link BodyLimit#DETAIL_BYTES}. {@code
 * BodyHandlers.ofByteArray()} would buffer whatever the server sends.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final long cap;
  private final boolean cut;
  private final boolean declaredTooLarge;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(long cap, boolean cut, boolean declaredTooLarge) {
    this.cap = cap;
    this.cut = cut;
    this.declaredTooLarge = declaredTooLarge;
  }

  /** The body of a 200 is refused over {@code limit}; other bodies are cut. */
  static HttpResponse.BodyHandler<byte[]> handler(BodyLimit limit) {
    return handler(limit, false);
  }

  /**
   * @param head the answer is to a HEAD, whose Content-Length is that of the body a GET would get
   *     (RFC 9110 section 8.6), not of a body that will follow
   */
  static HttpResponse.BodyHandler<byte[]> handler(BodyLimit limit, boolean head) {
    return info -> {
      if (info.statusCode() != 200) {
        return new BoundedBody(BodyLimit.DETAIL_BYTES, true, false);
      }
      OptionalLong declared =
          head ? OptionalLong.empty() : info.headers().firstValueAsLong("Content-Length");
      return new BoundedBody(
          limit.bytes(), false, declared.isPresent() && declared.getAsLong() > limit.bytes());
    };
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (declaredTooLarge) {
      // the server said how much it would send: no need to read any of it
      s.cancel();
      result.completeExceptionally(new TooLargeException(cap));
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return; // buffers already in flight when we cancelled
    }
    for (ByteBuffer item : items) {
      int take = (int) Math.min(item.remaining(), cap - buffer.size());
      if (take < item.remaining()) {
        subscription.cancel();
        if (cut) {
          append(item, take);
          result.complete(buffer.toByteArray());
        } else {
          result.completeExceptionally(new TooLargeException(cap));
        }
        return;
      }
      append(item, take);
    }
    subscription.request(1);
  }

  private void append(ByteBuffer item, int length) {
    byte[] bytes = new byte[length];
    item.get(bytes);
    buffer.write(bytes, 0, length);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  /** The body went over its cap; the rest of it was not read. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long cap) {
      super("body over " + cap + " bytes");
    }

    /** The exception in {@code e}'s causes, if the HTTP client wrapped one. */
    static Optional<TooLargeException> in(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof TooLargeException tooLarge) {
          return Optional.of(tooLarge);
        }
      }
      return Optional.empty();
    }
  }
}
