package io.cityflow.cases.notification.persistence;

import io.cityflow.cases.notification.Mailbox;
import io.cityflow.cases.notification.MailboxMessage;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.List;

/** The mailbox in the case database, so notices survive a restart of the local stack. */
@Singleton
class JdbcMailbox implements Mailbox {
  private final MailboxRepository messages;

  JdbcMailbox(MailboxRepository messages) {
    this.messages = messages;
  }

  @Override
  public MailboxMessage deliver(MailboxMessage message) {
    var earlier = messages.findByNoticeKey(message.noticeKey());
    if (earlier.isPresent()) {
      return toDomain(earlier.get());
    }
    try {
      return toDomain(messages.save(toRow(message)));
    } catch (DataAccessException e) {
      // Two attempts of the same job raced; the unique notice key let one of them in.
      return messages
          .findByNoticeKey(message.noticeKey())
          .map(JdbcMailbox::toDomain)
          .orElseThrow(() -> e);
    }
  }

  @Override
  public List<MailboxMessage> latest(int limit) {
    return messages.latest(limit).stream().map(JdbcMailbox::toDomain).toList();
  }

  private static MailboxRow toRow(MailboxMessage m) {
    return new MailboxRow(
        m.id(),
        m.noticeKey(),
        m.caseId(),
        m.channel(),
        m.recipient(),
        m.template(),
        m.subject(),
        m.body(),
        m.deliveredAt());
  }

  private static MailboxMessage toDomain(MailboxRow r) {
    return new MailboxMessage(
        r.id(),
        r.noticeKey(),
        r.caseId(),
        r.channel(),
        r.recipient(),
        r.template(),
        r.subject(),
        r.body(),
        r.deliveredAt());
  }
}
