package io.cityflow.cases.api;

import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A multipart/form-data body read completely: the text fields, and the files in the order they
 * came. Several files may share one part name, which Micronaut's per-argument binding does not
 * support, hence reading the whole body.
 */
record MultipartForm(Map<String, String> fields, List<Upload> files) {

  /** One uploaded file, as sent: its part name, the client's file name and the bytes. */
  record Upload(String part, String fileName, byte[] content) {}

  /** A text field; a client that sends it as a file (a JSON blob, say) is read the same way. */
  String text(String part) {
    return fields.containsKey(part)
        ? fields.get(part)
        : files(part).stream()
            .findFirst()
            .map(f -> new String(f.content(), StandardCharsets.UTF_8))
            .orElse(null);
  }

  List<Upload> files(String part) {
    return files.stream().filter(f -> f.part().equals(part)).toList();
  }

  static CompletableFuture<MultipartForm> read(MultipartBody body) {
    CompletableFuture<MultipartForm> result = new CompletableFuture<>();
    Map<String, String> fields = new LinkedHashMap<>();
    List<Upload> files = new ArrayList<>();
    body.subscribe(
        new Subscriber<CompletedPart>() {
          @Override
          public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(CompletedPart part) {
            try {
              // Copied at once: the part's buffer is released when the request ends.
              byte[] bytes = part.getBytes();
              if (part instanceof CompletedFileUpload file) {
                files.add(new Upload(part.getName(), file.getFilename(), bytes));
              } else {
                fields.put(part.getName(), new String(bytes, StandardCharsets.UTF_8));
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            result.complete(new MultipartForm(fields, files));
          }
        });
    return result;
  }
}
