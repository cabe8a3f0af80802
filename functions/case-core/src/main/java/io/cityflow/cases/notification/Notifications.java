package io.cityflow.cases.notification;

import io.cityflow.cases.CaseNotFound;
import io.cityflow.cases.CaseStore;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.TimelineEntry;
import io.cityflow.cases.TimelineEvent;
import io.cityflow.cases.TimelineStore;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends notices through the enabled {@link CitizenNotifier} channels: text message first, then
 * e-mail, then the local mailbox, whichever first has an address for the recipient. What was sent,
 * or that nobody could be reached, lands on the case's timeline for the clerks.
 */
@Singleton
public class Notifications {
  private static final List<String> CHANNEL_ORDER = List.of("sms", "email", "mailbox");

  private final List<CitizenNotifier> channels;
  private final CaseStore cases;
  private final TimelineStore timeline;
  private final JsonMapper json;
  private final Clock clock;

  public Notifications(
      List<CitizenNotifier> channels,
      CaseStore cases,
      TimelineStore timeline,
      JsonMapper json,
      Clock clock) {
    List<CitizenNotifier> ordered = new ArrayList<>(channels);
    ordered.sort(Comparator.comparingInt(n -> rank(n.channel())));
    this.channels = List.copyOf(ordered);
    this.cases = cases;
    this.timeline = timeline;
    this.json = json;
    this.clock = clock;
  }

  /** Which channel took a notice, and the provider's id for it. */
  public record Delivery(String channel, String messageId) {}

  /**
   * Tells the citizen of a case something, from a template, in the language recorded on the case
   * (both languages when it has none).
   *
   * @param fields template fields; the case reference is added
   * @param noticeKey stable across retries of the same request (the job key)
   * @throws CitizenUnreachable when no channel reaches the citizen (recorded on the timeline first)
   * @throws CaseNotFound for an unknown case
   */
  public Delivery notifyCitizen(
      UUID caseId, String template, Map<String, String> fields, String noticeKey) {
    CityCase c = cases.findById(caseId).orElseThrow(() -> new CaseNotFound(caseId.toString()));
    Recipient recipient =
        new Recipient(
            c.contact() == null ? null : c.contact().name(),
            c.contact() == null ? null : c.contact().phone(),
            emailOf(c));
    Map<String, String> all = new HashMap<>(fields);
    all.put("reference", c.reference().toString());
    NoticeTemplates.Text text = NoticeTemplates.render(template, all, c.language());
    recordQuestion(caseId, template, fields.get("question"));
    try {
      Delivery delivery =
          deliver(new Notice(noticeKey, caseId, recipient, template, text.subject(), text.body()));
      record(caseId, "Notice sent by " + delivery.channel() + ": " + text.subject());
      return delivery;
    } catch (CitizenUnreachable e) {
      record(caseId, "The citizen could not be notified (" + template + "): " + e.getMessage());
      throw e;
    }
  }

  /**
   * Sends a notice to a service rather than a citizen (fire brigade, community duty line).
   *
   * @throws CitizenUnreachable when no channel reaches the recipient
   */
  public Delivery alert(
      Recipient recipient,
      UUID caseId,
      String template,
      Map<String, String> fields,
      String noticeKey) {
    NoticeTemplates.Text text = NoticeTemplates.render(template, fields);
    Delivery delivery =
        deliver(new Notice(noticeKey, caseId, recipient, template, text.subject(), text.body()));
    if (caseId != null) {
      record(caseId, recipient.name() + " alerted by " + delivery.channel());
    }
    return delivery;
  }

  private Delivery deliver(Notice notice) {
    List<String> refused = new ArrayList<>();
    for (CitizenNotifier channel : channels) {
      if (!channel.canReach(notice.recipient())) {
        continue;
      }
      try {
        return new Delivery(channel.channel(), channel.send(notice));
      } catch (CitizenNotifier.RecipientRejected e) {
        refused.add(channel.channel() + " refused: " + e.getMessage());
      }
    }
    throw new CitizenUnreachable(
        refused.isEmpty() ? "no phone number or e-mail address" : String.join("; ", refused));
  }

  /**
   * A process asking the citizen (request-information) puts its question on the public timeline,
   * where the tracking page shows it above the answer form, whether or not a notice reaches the
   * citizen. A retried job finds its question already the latest request and adds nothing.
   */
  private void recordQuestion(UUID caseId, String template, String question) {
    if (!"INFORMATION_REQUESTED".equals(template) || question == null || question.isBlank()) {
      return;
    }
    TimelineEntry latest = null;
    for (TimelineEntry e : timeline.forCase(caseId)) {
      if (e.event() == TimelineEvent.INFORMATION_REQUESTED
          || e.event() == TimelineEvent.INFORMATION_PROVIDED) {
        latest = e;
      }
    }
    if (latest != null
        && latest.event() == TimelineEvent.INFORMATION_REQUESTED
        && question.equals(latest.text())) {
      return;
    }
    timeline.append(
        TimelineEntry.of(
            caseId,
            clock.instant(),
            "workflow",
            TimelineEntry.ActorKind.SYSTEM,
            TimelineEvent.INFORMATION_REQUESTED,
            question,
            true));
  }

  private void record(UUID caseId, String text) {
    timeline.append(
        TimelineEntry.of(
            caseId,
            clock.instant(),
            "workflow",
            TimelineEntry.ActorKind.SYSTEM,
            TimelineEvent.COMMENTED,
            text,
            false));
  }

  /** The optional {@code contactEmail} of the submitted form; contacts hold a phone only. */
  private String emailOf(CityCase c) {
    if (c.formDataJson() == null || c.formDataJson().isBlank()) {
      return null;
    }
    try {
      Object email = json.readValue(c.formDataJson(), Map.class).get("contactEmail");
      return email instanceof String s && s.contains("@") ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int rank(String channel) {
    int i = CHANNEL_ORDER.indexOf(channel);
    return i < 0 ? CHANNEL_ORDER.size() : i;
  }
}
