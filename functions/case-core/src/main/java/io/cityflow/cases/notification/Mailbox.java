package io.cityflow.cases.notification;

import java.util.List;

/** Port: the local stack's mailbox, which keeps every notice in the case database. */
public interface Mailbox {
  /**
   * Keeps the message, or does nothing when one with the same notice key is already there.
   *
   * @return the message as kept (the earlier one on a repeat)
   */
  MailboxMessage deliver(MailboxMessage message);

  /** The newest messages first. */
  List<MailboxMessage> latest(int limit);
}
