package io.cityflow.cases.persistence;

import io.cityflow.cases.AttachmentStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** Keeps attachments as files under a local directory: the local stack's store. */
@Singleton
@Requires(property = "cityflow.attachments.store", value = "local", defaultValue = "local")
public class LocalDirectoryAttachmentStore implements AttachmentStore {
  private final Path root;

  public LocalDirectoryAttachmentStore(
      @Value("${cityflow.attachments.directory:./data/attachments}") String directory) {
    this.root = Path.of(directory).toAbsolutePath().normalize();
  }

  @Override
  public StoredAttachment put(UUID caseId, String fileName, String contentType, byte[] content) {
    return write(caseId + "/" + UUID.randomUUID(), fileName, contentType, content);
  }

  @Override
  public StoredAttachment putCertificate(
      UUID caseId, String fileName, String contentType, byte[] content) {
    return write(
        "certificates/" + caseId + "/" + UUID.randomUUID(), fileName, contentType, content);
  }

  // The key never contains the citizen's file name, so no path can be smuggled in.
  private StoredAttachment write(String key, String fileName, String contentType, byte[] content) {
    Path target = resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StoredAttachment(key, safeName(fileName), contentType, content.length);
  }

  @Override
  public Optional<byte[]> get(String key) {
    Path path = resolve(key);
    try {
      return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("attachment key outside the store: " + key);
    }
    return path;
  }

  static String safeName(String fileName) {
    String name = fileName == null ? "attachment" : Path.of(fileName).getFileName().toString();
    return name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
  }
}
