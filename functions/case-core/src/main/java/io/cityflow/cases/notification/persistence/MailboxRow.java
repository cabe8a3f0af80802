package io.cityflow.cases.notification.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code mailbox_message}. */
@MappedEntity(value = "mailbox_message", escape = false)
public record MailboxRow(
    @Id UUID id,
    String noticeKey,
    @Nullable UUID caseId,
    String channel,
    String recipient,
    String template,
    String subject,
    String body,
    Instant deliveredAt) {}
