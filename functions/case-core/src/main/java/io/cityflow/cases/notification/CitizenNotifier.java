package io.cityflow.cases.notification;

/**
 * Port: a channel that delivers notices (text message, e-mail, or the local stack's mailbox).
 * Adapters are chosen by configuration ({@code cityflow.notify.*}); {@link Notifications} tries the
 * enabled ones in their order and uses the first that can reach the recipient.
 */
public interface CitizenNotifier {
  /**
   * The channel's name as recorded on the timeline: {@code sms}, {@code email}, {@code mailbox}.
   */
  String channel();

  /** Whether this channel has an address for the recipient. */
  boolean canReach(Recipient recipient);

  /**
   * Sends the notice and returns the provider's message id.
   *
   * @throws RecipientRejected when the provider refuses the address for good (no retry helps)
   */
  String send(Notice notice);

  /** The provider said the address cannot receive messages (invalid or opted out). */
  final class RecipientRejected extends RuntimeException {
    public RecipientRejected(String message) {
      super(message);
    }
  }
}
