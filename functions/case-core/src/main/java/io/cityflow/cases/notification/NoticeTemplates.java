package io.cityflow.cases.notification;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts the city sends, by template name. Placeholders {@code {name}} are filled from the
 * fields the process passes; a missing field leaves a plain-language gap rather than failing, since
 * the citizen can always read the details on the tracking page.
 */
public final class NoticeTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  /** Subject and body of one template. */
  public record Text(String subject, String body) {}

  private static final Map<String, Text> TEMPLATES =
      Map.ofEntries(
          Map.entry(
              "TICKET_REPLY",
              new Text(
                  "Reply to your request {reference}",
                  "The department has answered your request {reference}: {replyText}"
                      + " Please rate the answer on the tracking page.")),
          Map.entry(
              "INFORMATION_REQUESTED",
              new Text(
                  "We need more information for {reference}",
                  "To continue with {reference} we need: {question} Please answer on the tracking"
                      + " page.")),
          Map.entry(
              "APPLICATION_APPROVED",
              new Text(
                  "Your application {reference} is approved",
                  "Your application {reference} is approved. Certificate {certificateNumber} can"
                      + " be downloaded from the tracking page.")),
          Map.entry(
              "APPLICATION_REJECTED",
              new Text(
                  "Your application {reference} was not approved",
                  "Your application {reference} was not approved. Reason: {rejectionReason}")),
          Map.entry(
              "APPLICATION_EXPIRED",
              new Text(
                  "Your application {reference} has expired",
                  "Your application {reference} has expired because the requested documents did"
                      + " not arrive within 30 days. You are welcome to apply again.")),
          Map.entry(
              "VISIT_PLANNED",
              new Text(
                  "Visit planned for {reference}",
                  "A service worker will visit for {reference} on {visitPlannedFor}.")),
          Map.entry(
              "CONFIRM_SERVICE",
              new Text(
                  "Please confirm the service for {reference}",
                  "The service for {reference} is done: {workSummary} Please confirm and rate it"
                      + " on the tracking page.")),
          Map.entry(
              "FIRE_BRIGADE_ALERT",
              new Text(
                  "FIRE ALARM {reference}: {location}",
                  "Fire alarm ({alarmType}) from device {deviceId} at {location}, zone {zone}."
                      + " Maintenance case {reference}.")),
          Map.entry(
              "COMMUNITY_FIRE_ALERT",
              new Text(
                  "Fire alarm near {location}",
                  "A fire alarm was raised at {location}. The fire brigade has been alerted."
                      + " Please keep clear of the area and follow the instructions of staff on"
                      + " site.")));

  private NoticeTemplates() {}

  /**
   * Renders a template.
   *
   * @throws IllegalArgumentException for an unknown template (a modelling error, not a business
   *     outcome)
   */
  public static Text render(String template, Map<String, String> fields) {
    Text text = TEMPLATES.get(template);
    if (text == null) {
      throw new IllegalArgumentException("no notice template " + template);
    }
    return new Text(fill(text.subject(), fields), fill(text.body(), fields));
  }

  private static String fill(String text, Map<String, String> fields) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = fields.get(m.group(1));
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(value == null || value.isBlank() ? "(see details)" : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
