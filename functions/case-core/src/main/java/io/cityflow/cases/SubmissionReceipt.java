package io.cityflow.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * What the citizen gets back: the reference to quote and the secret tracking code.
 *
 * @param replayed true when an earlier submission with the same Idempotency-Key is being repeated
 */
public record SubmissionReceipt(
    UUID caseId,
    CaseReference reference,
    String trackingCode,
    CaseStatus status,
    Instant expectedBy,
    boolean replayed) {}
