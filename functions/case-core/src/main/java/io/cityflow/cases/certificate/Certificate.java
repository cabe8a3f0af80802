package io.cityflow.cases.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A permit certificate issued for an approved application.
 *
 * @param number the certificate number printed on it: the case reference with a {@code -C} suffix
 * @param documentKey where the PDF is kept in the attachment store
 */
public record Certificate(
    String number,
    UUID caseId,
    String reference,
    String applicantName,
    String permitType,
    LocalDate decisionDate,
    String documentKey,
    Instant issuedAt) {}
