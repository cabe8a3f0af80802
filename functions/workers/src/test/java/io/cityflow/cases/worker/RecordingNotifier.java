package io.cityflow.cases.worker;

import io.cityflow.cases.notification.CitizenNotifier;
import io.cityflow.cases.notification.Notice;
import io.cityflow.cases.notification.Recipient;
import java.util.ArrayList;
import java.util.List;

/** A channel that keeps what it was asked to send; it can be told to refuse every address. */
final class RecordingNotifier implements CitizenNotifier {
  final String channel;
  final List<Notice> sent = new ArrayList<>();
  boolean refuseAll;

  RecordingNotifier(String channel) {
    this.channel = channel;
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
