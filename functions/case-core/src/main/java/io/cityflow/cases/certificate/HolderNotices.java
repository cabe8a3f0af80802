package io.cityflow.cases.certificate;

import io.cityflow.cases.CaseMessages;
import io.cityflow.cases.WorkflowCommand;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox message that asks {@code notify-citizen} to tell a certificate's holder something
 * ({@code Msg_CitizenNoticeRequested}, docs/adr/0022). Each happens to a certificate once, so its
 * number and the event make the message id: a dispatcher that publishes it again sends no second
 * notice.
 */
final class HolderNotices {
  private HolderNotices() {}

  /**
   * @param event what happened, part of the message id ({@code revoked}, {@code expiring})
   * @param template the notice template ({@code NoticeTemplates})
   * @param fields the template's fields beyond the certificate's number and permit type
   */
  static WorkflowCommand request(
      Certificate certificate,
      String event,
      String template,
      Map<String, String> fields,
      Instant at) {
    String noticeId = certificate.number() + ":" + event;
    Map<String, Object> variables = new HashMap<>(fields);
    variables.put("caseId", certificate.caseId().toString());
    variables.put("template", template);
    variables.put("certificateNumber", certificate.number());
    variables.put("permitType", certificate.permitType());
    return new WorkflowCommand(
        UUID.randomUUID(),
        certificate.caseId(),
        CaseMessages.CITIZEN_NOTICE_REQUESTED,
        noticeId,
        noticeId,
        variables,
        at);
  }
}
