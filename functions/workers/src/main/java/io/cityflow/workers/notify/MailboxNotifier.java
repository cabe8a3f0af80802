package io.cityflow.workers.notify;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Mailbox;
import io.cityflow.cases.notification.MailboxMessage;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/**
 * The local stack's channel ({@code cityflow.notify.mailbox.enabled}, on unless switched off):
 * keeps each notice in the case database instead of sending it, addressed to the phone number (or
 * else the e-mail address) a real channel would have used. A recipient with neither is unreachable
 * here too, so the local stack shows the same outcomes as production.
 */
@Singleton
@Requires(property = "cityflow.notify.mailbox.enabled", notEquals = "false")
class MailboxNotifier implements CitizenNotifier {
  private final Mailbox mailbox;
  private final Clock clock;

  MailboxNotifier(Mailbox mailbox, Clock clock) {
    this.mailbox = mailbox;
    this.clock = clock;
  }

  @Override
  public String channel() {
    return "mailbox";
  }

  @Override
  public boolean canReach(Recipient recipient) {
    return recipient.hasPhone() || recipient.hasEmail();
  }

  @Override
  public String send(Notice notice) {
    Recipient to = notice.recipient();
    MailboxMessage kept =
        mailbox.deliver(
            new MailboxMessage(
                UUID.randomUUID(),
                notice.noticeKey(),
                notice.caseId(),
                to.hasPhone() ? "sms" : "email",
                (to.name() == null ? "" : to.name() + " ")
                    + "<"
                    + (to.hasPhone() ? to.phone() : to.email())
                    + ">",
                notice.template(),
                notice.subject(),
                notice.body(),
                clock.instant()));
    return kept.id().toString();
  }
}
