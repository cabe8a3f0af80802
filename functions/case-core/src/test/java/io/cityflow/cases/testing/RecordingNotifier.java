package io.cityflow.cases.testing;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel ({@code sms} or {@code email}) that keeps what it was asked to send; it can be told to
 * refuse every address.
 */
public final class RecordingNotifier implements CitizenNotifier {
  private final String channel;
  private final List<Notice> sent = new ArrayList<>();
  private boolean refuseAll;

  public RecordingNotifier(String channel) {
    this.channel = channel;
  }

  /** The notices sent so far, oldest first. */
  public List<Notice> sent() {
    return sent;
  }

  /** From now on every address refuses (as an opted-out number does). */
  public void refuseAll() {
    refuseAll = true;
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public boolean canReach(Recipient recipient) {
    return channel.equals("email") ? recipient.hasEmail() : recipient.hasPhone();
  }

  @Override
  public String send(Notice notice) {
    if (refuseAll) {
      throw new RecipientRejected("opted out");
    }
    sent.add(notice);
    return channel + "-" + sent.size();
  }
}
