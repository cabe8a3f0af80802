package io.cityflow.workers.notify;

import io.cityflow.cases.notification.Mailbox;
import io.cityflow.cases.notification.MailboxMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /local/mailbox}: what the local stack would have sent by text message or e-mail,
 * newest first. Read-only, and only in the {@code local} environment with the mailbox on: the
 * messages hold citizens' phone numbers.
 */
@Controller("/local/mailbox")
@Requires(env = "local")
@Requires(property = "cityflow.notify.mailbox.enabled", notEquals = "false")
class LocalMailboxController {
  static final int MAX_LIMIT = 500;

  private final Mailbox mailbox;

  LocalMailboxController(Mailbox mailbox) {
    this.mailbox = mailbox;
  }

  /** One kept notice. */
  @Serdeable
  record MailboxResponse(
      String id,
      @Nullable String caseId,
      String channel,
      String recipient,
      String template,
      String subject,
      String body,
      String deliveredAt) {

    static MailboxResponse of(MailboxMessage m) {
      return new MailboxResponse(
          m.id().toString(),
          m.caseId() == null ? null : m.caseId().toString(),
          m.channel(),
          m.recipient(),
          m.template(),
          m.subject(),
          m.body(),
          m.deliveredAt().toString());
    }
  }

  @Get
  List<MailboxResponse> latest(@QueryValue(defaultValue = "50") int limit) {
    return mailbox.latest(Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
        .map(MailboxResponse::of)
        .toList();
  }
}
