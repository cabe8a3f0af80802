package io.cityflow.cases.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AttachmentRepository extends CrudRepository<AttachmentRow, UUID> {
  List<AttachmentRow> findByCaseIdOrderByUploadedAt(UUID caseId);

  Optional<AttachmentRow> findByIdAndCaseId(UUID id, UUID caseId);
}
