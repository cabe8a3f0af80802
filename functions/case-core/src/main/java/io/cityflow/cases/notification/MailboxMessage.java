package io.cityflow.cases.notification;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A notice as the local mailbox kept it. */
public record MailboxMessage(
    UUID id,
    String noticeKey,
    @Nullable UUID caseId,
    String channel,
    String recipient,
    String template,
    String subject,
    String body,
    Instant deliveredAt) {}
