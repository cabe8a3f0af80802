package io.cityflow.cases.notification.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MailboxRepository extends GenericRepository<MailboxRow, UUID> {
  MailboxRow save(MailboxRow row);

  Optional<MailboxRow> findByNoticeKey(String noticeKey);

  @Query(
      value = "SELECT * FROM mailbox_message ORDER BY delivered_at DESC, id LIMIT :limit",
      nativeQuery = true)
  List<MailboxRow> latest(int limit);
}
