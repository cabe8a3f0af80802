package io.cityflow.cases.certificate.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code certificate}. */
@MappedEntity(value = "certificate", escape = false)
public record CertificateRow(
    @Id String number,
    UUID caseId,
    String reference,
    String codeHash,
    String applicantName,
    String permitType,
    LocalDate decisionDate,
    String documentKey,
    Instant issuedAt,
    @Nullable String issuer,
    @Nullable LocalDate validUntil,
    @Nullable Instant revokedAt,
    @Nullable String revokedBy,
    @Nullable String revocationReason,
    @Nullable Instant expiryRemindedAt) {}
