package io.cityflow.cases.api;

import io.cityflow.cases.CaseAttachment;
import io.cityflow.cases.CaseAttachments;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A file of a case, as listed; download it from the list's URL + {@code /{id}}.
 *
 * @param by who added it: for citizens "you" or "city", for staff the user name or "citizen"
 */
@Serdeable
public record AttachmentResponse(
    UUID id, String fileName, String contentType, long size, Instant uploadedAt, String by) {

  static AttachmentResponse of(CaseAttachment a, String by) {
    return new AttachmentResponse(
        a.id(), a.fileName(), a.contentType(), a.size(), a.uploadedAt(), by);
  }

  /**
   * The file's bytes with the type its content was found to be. Always a download, never shown
   * inline, and the browser must not second-guess the type.
   */
  static HttpResponse<byte[]> download(CaseAttachments.Download download) {
    CaseAttachment a = download.attachment();
    String encoded =
        java.net.URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
    return HttpResponse.ok(download.content())
        .contentType(a.contentType())
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + encoded)
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
  }
}
