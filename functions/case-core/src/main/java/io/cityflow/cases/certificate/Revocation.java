package io.cityflow.cases.certificate;

import java.time.Instant;

/**
 * The withdrawal of a certificate.
 *
 * @param revokedBy the staff member's username (never shown publicly)
 * @param reason why, as anyone checking the certificate reads it
 */
public record Revocation(Instant revokedAt, String revokedBy, String reason) {}
