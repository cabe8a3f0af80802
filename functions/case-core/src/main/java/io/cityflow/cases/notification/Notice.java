package io.cityflow.cases.notification;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * One message to send.
 *
 * @param noticeKey identifies this notice across retries (the job that sends it), so an adapter
 *     that can de-duplicate sends it once
 * @param caseId the case it is about, or null for a notice about no particular case
 * @param template the template it was rendered from (see {@link NoticeTemplates})
 */
public record Notice(
    String noticeKey,
    @Nullable UUID caseId,
    Recipient recipient,
    String template,
    String subject,
    String body) {}
