package io.cityflow.cases.notification;

import io.cityflow.cases.NoticeLanguage;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts the city sends, by template name, each in Chinese and in English. A notice goes out in
 * the language the citizen chose when submitting the case; when that is unknown, in both, Chinese
 * first (citizens in Yinchuan read Chinese first, and some read only English): the subject reads
 * {@code "<中文> / <English>"}, the body is the Chinese text, a blank line, then the English text.
 * Placeholders {@code {name}} are filled from the fields the process passes; a missing field leaves
 * a plain-language gap in each language rather than failing, since the citizen can always read the
 * details on the tracking page.
 */
public final class NoticeTemplates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
  private static final String GAP_ZH = "（详见查询页面）";
  private static final String GAP_EN = "(see details)";

  /** Subject and body of one template, or of one language of it. */
  public record Text(String subject, String body) {}

  /** One template in both languages. */
  record Bilingual(Text chinese, Text english) {}

  private static Bilingual template(
      String subjectZh, String bodyZh, String subjectEn, String bodyEn) {
    return new Bilingual(new Text(subjectZh, bodyZh), new Text(subjectEn, bodyEn));
  }

  private static final Map<String, Bilingual> TEMPLATES =
      Map.ofEntries(
          Map.entry(
              "TICKET_REPLY",
              template(
                  "您的诉求 {reference} 已有答复",
                  "有关部门已答复您的诉求 {reference}：{replyText} 请在查询页面对本次答复进行评价。",
                  "Reply to your request {reference}",
                  "The department has answered your request {reference}: {replyText}"
                      + " Please rate the answer on the tracking page.")),
          Map.entry(
              "INFORMATION_REQUESTED",
              template(
                  "办理 {reference} 需要您补充信息",
                  "为继续办理 {reference}，我们需要您提供：{question} 请在查询页面答复。",
                  "We need more information for {reference}",
                  "To continue with {reference} we need: {question} Please answer on the tracking"
                      + " page.")),
          Map.entry(
              "APPLICATION_APPROVED",
              template(
                  "您的申请 {reference} 已获批准",
                  "您的申请 {reference} 已获批准，证书 {certificateNumber} 可在查询页面下载。",
                  "Your application {reference} is approved",
                  "Your application {reference} is approved. Certificate {certificateNumber} can"
                      + " be downloaded from the tracking page.")),
          Map.entry(
              "APPLICATION_REJECTED",
              template(
                  "您的申请 {reference} 未获批准",
                  "您的申请 {reference} 未获批准。原因：{rejectionReason}",
                  "Your application {reference} was not approved",
                  "Your application {reference} was not approved. Reason: {rejectionReason}")),
          Map.entry(
              "APPLICATION_EXPIRED",
              template(
                  "您的申请 {reference} 已过期",
                  "由于所需材料未在 30 日内补齐，您的申请 {reference} 已过期。欢迎您重新申请。",
                  "Your application {reference} has expired",
                  "Your application {reference} has expired because the requested documents did"
                      + " not arrive within 30 days. You are welcome to apply again.")),
          Map.entry(
              "VISIT_PLANNED",
              template(
                  "{reference} 已安排上门服务",
                  "服务人员将于 {visitPlannedFor} 就 {reference} 上门服务。",
                  "Visit planned for {reference}",
                  "A service worker will visit for {reference} on {visitPlannedFor}.")),
          Map.entry(
              "CONFIRM_SERVICE",
              template(
                  "请确认 {reference} 的服务",
                  "{reference} 的服务已完成：{workSummary} 请在查询页面确认并评价。",
                  "Please confirm the service for {reference}",
                  "The service for {reference} is done: {workSummary} Please confirm and rate it"
                      + " on the tracking page.")),
          Map.entry(
              "CERTIFICATE_REVOKED",
              template(
                  "您的证书 {certificateNumber} 已被撤销",
                  "您的申请 {reference} 所获证书 {certificateNumber}（{permitType}）已于 {revokedOn}"
                      + " 被撤销。原因：{revocationReason} 该证书已失效：任何人扫描证书上的二维码或在证书所印的"
                      + "查验地址查验时，都会看到证书已被撤销及撤销原因。",
                  "Your certificate {certificateNumber} has been revoked",
                  "The city has revoked certificate {certificateNumber} ({permitType}) of your"
                      + " application {reference} on {revokedOn}. Reason: {revocationReason} The"
                      + " certificate is no longer valid: anyone who checks it with its QR code, or"
                      + " at the check address printed on it, is told that it was revoked and"
                      + " why.")),
          Map.entry(
              "CERTIFICATE_EXPIRING",
              template(
                  "您的证书 {certificateNumber} 将于 {validUntil} 到期",
                  "您的申请 {reference} 所获{permitType}证书 {certificateNumber} 将于 {validUntil}"
                      + " 到期（当日仍有效）。如需继续，请及时重新申请：续期须提交新的申请。",
                  "Your certificate {certificateNumber} expires on {validUntil}",
                  "Your {permitType} certificate {certificateNumber} (application {reference})"
                      + " expires on {validUntil}; it is valid up to and including that day."
                      + " Apply again in time: a renewal is a new application.")),
          Map.entry(
              "FIRE_BRIGADE_ALERT",
              template(
                  "火警 {reference}：{location}",
                  "设备 {deviceId} 在 {location}（区域：{zone}）发出火警（{alarmType}）。维护工单 {reference}。",
                  "FIRE ALARM {reference}: {location}",
                  "Fire alarm ({alarmType}) from device {deviceId} at {location}, zone {zone}."
                      + " Maintenance case {reference}.")),
          Map.entry(
              "COMMUNITY_FIRE_ALERT",
              template(
                  "{location} 附近发生火警",
                  "{location} 发出火警，已通知消防部门。请远离该区域，并听从现场工作人员的指挥。",
                  "Fire alarm near {location}",
                  "A fire alarm was raised at {location}. The fire brigade has been alerted."
                      + " Please keep clear of the area and follow the instructions of staff on"
                      + " site.")));

  private NoticeTemplates() {}

  /** Every template, unfilled, for the tests that check both languages say the same. */
  static Map<String, Bilingual> templates() {
    return TEMPLATES;
  }

  /**
   * Renders a template in both languages, for a recipient whose language is unknown.
   *
   * @throws IllegalArgumentException for an unknown template (a modelling error, not a business
   *     outcome)
   */
  public static Text render(String template, Map<String, String> fields) {
    return render(template, fields, null);
  }

  /**
   * Renders a template in one language, or in both (Chinese first) when {@code language} is null.
   * One language keeps a text message short: a single Chinese character makes the whole message
   * UCS-2, 70 characters a part, so the English half of a bilingual notice costs parts too.
   *
   * @throws IllegalArgumentException for an unknown template (a modelling error, not a business
   *     outcome)
   */
  public static Text render(
      String template, Map<String, String> fields, @Nullable NoticeLanguage language) {
    Bilingual text = TEMPLATES.get(template);
    if (text == null) {
      throw new IllegalArgumentException("no notice template " + template);
    }
    Text zh = fill(text.chinese(), fields, GAP_ZH);
    Text en = fill(text.english(), fields, GAP_EN);
    if (language == null) {
      return new Text(zh.subject() + " / " + en.subject(), zh.body() + "\n\n" + en.body());
    }
    return switch (language) {
      case CHINESE -> zh;
      case ENGLISH -> en;
    };
  }

  private static Text fill(Text text, Map<String, String> fields, String gap) {
    return new Text(fill(text.subject(), fields, gap), fill(text.body(), fields, gap));
  }

  private static String fill(String text, Map<String, String> fields, String gap) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = fields.get(m.group(1));
      m.appendReplacement(
          out, Matcher.quoteReplacement(value == null || value.isBlank() ? gap : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
