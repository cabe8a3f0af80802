package io.cityflow.cases.certificate.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cityflow.testsupport.PostgresDatabase;
import io.cityflow.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** V23 keeps the certificates issued before it: no issuer, no expiry, not revoked. */
@ExtendWith(PostgresExtension.class)
class CertificateMigrationIT {

  private static Flyway flyway(PostgresDatabase database, String target) {
    return Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  @Test
  void certificatesIssuedBeforeV23HaveNoIssuerNoExpiryAndAreNotRevoked(PostgresDatabase database)
      throws Exception {
    // given a database at V22 with a certificate issued then
    flyway(database, "22").migrate();
    UUID caseId = UUID.randomUUID();
    try (Connection db = database.connect()) {
      db.createStatement()
          .executeUpdate(
              "insert into city_case (id, ref_year, ref_number, reference, case_type, channel,"
                  + " subject, departments, priority, status, tracking_code_hash, submitted_at,"
                  + " updated_at) values ('"
                  + caseId
                  + "', 2025, 7, 'YC-2025-000007', 'APPROVAL_APPLICATION', 'WEB', 'Permit',"
                  + " 'ADMIN_APPROVAL', 'NORMAL', 'CLOSED', '"
                  + "0".repeat(64)
                  + "', now(), now())");
      db.createStatement()
          .executeUpdate(
              "insert into certificate (number, case_id, reference, code_hash, applicant_name,"
                  + " permit_type, decision_date, document_key, issued_at) values"
                  + " ('YC-2025-000007-C', '"
                  + caseId
                  + "', 'YC-2025-000007', '"
                  + "a".repeat(64)
                  + "', 'Li Na', 'tree-felling', date '2025-05-06', 'certificates/x', now())");
    }

    // when
    flyway(database, "latest").migrate();

    // then
    try (Connection db = database.connect();
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "select permit_type, issuer, valid_until, revoked_at, revoked_by,"
                        + " revocation_reason from certificate where number = 'YC-2025-000007-C'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("permit_type")).isEqualTo("tree-felling");
      assertThat(rs.getString("issuer")).isNull();
      assertThat(rs.getObject("valid_until")).isNull();
      assertThat(rs.getObject("revoked_at")).isNull();
      assertThat(rs.getString("revoked_by")).isNull();
      assertThat(rs.getString("revocation_reason")).isNull();
    }
  }
}
