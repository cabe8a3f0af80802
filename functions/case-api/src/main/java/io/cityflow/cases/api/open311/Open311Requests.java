package io.cityflow.cases.api.open311;

import io.cityflow.cases.CaseStatus;
import io.cityflow.cases.CityCase;
import io.cityflow.cases.Department;
import io.cityflow.cases.Directory;
import io.cityflow.cases.persistence.CasePersistenceMapper;
import io.cityflow.cases.persistence.CaseRow;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the service requests that came in over Open311, as far as the caller may see them: anyone
 * sees the requests of listed (public-space) services, a partner also its own. Cases from the
 * city's own portal, phone and counter are never shown here: their reporters were not told that
 * their report would be published.
 */
@Singleton
public class Open311Requests {
  /** Statuses after which the city is done: GeoReport's "closed". */
  static final Set<CaseStatus> CLOSED =
      Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REJECTED, CaseStatus.CANCELLED);

  /** Public timeline entries that say what the city did; citizens' own words never appear. */
  private static final String NOTES =
      "SELECT case_id, entry_text FROM case_timeline WHERE case_id IN (%s)"
          + " AND visible_to_citizen = TRUE AND actor_kind <> 'CITIZEN'"
          + " AND (event_kind IN ('STATUS_CHANGED', 'RESOLVED', 'TRANSFERRED')"
          + " OR (event_kind = 'COMMENTED' AND actor_kind = 'SYSTEM'))"
          + " ORDER BY occurred_at, id";

  private final JdbcOperations jdbc;
  private final CasePersistenceMapper mapper;
  private final Directory directory;

  Open311Requests(JdbcOperations jdbc, CasePersistenceMapper mapper, Directory directory) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.directory = directory;
  }

  /**
   * What a request list asks for. Null members do not filter.
   *
   * @param references when given, only these requests (GeoReport then ignores the other filters)
   * @param visibleCodes the services whose requests anyone may read
   * @param partner the partner asking, whose own requests it may read in any service, or null
   * @param closed true for closed only, false for open only, null for both
   */
  public record Query(
      List<String> references,
      List<String> serviceCodes,
      Instant from,
      Instant until,
      Boolean closed,
      List<String> visibleCodes,
      UUID partner,
      int offset,
      int limit) {}

  /**
   * A request as Open311 shows it.
   *
   * @param partner the partner that sent it
   * @param statusNotes the latest public note by the city, or null
   * @param agency the name of the department that leads the case
   */
  public record Found(
      CityCase caseFile,
      String serviceCode,
      String mediaUrl,
      UUID partner,
      String statusNotes,
      String agency) {
    boolean closed() {
      return CLOSED.contains(caseFile.status());
    }
  }

  @Transactional
  public List<Found> find(Query query) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.* FROM city_case c JOIN open311_request r ON r.case_id = c.id WHERE (");
    if (query.visibleCodes().isEmpty()) {
      sql.append("1 = 0");
    } else {
      sql.append("r.service_code IN (").append(marks(query.visibleCodes().size())).append(')');
      parameters.addAll(query.visibleCodes());
    }
    if (query.partner() != null) {
      sql.append(" OR r.api_key_id = ?");
      parameters.add(query.partner());
    }
    sql.append(')');
    if (query.references() != null) {
      sql.append(" AND c.reference IN (").append(marks(query.references().size())).append(')');
      parameters.addAll(query.references());
    } else {
      if (query.serviceCodes() != null) {
        sql.append(" AND r.service_code IN (")
            .append(marks(query.serviceCodes().size()))
            .append(')');
        parameters.addAll(query.serviceCodes());
      }
      sql.append(" AND r.received_at >= ? AND r.received_at < ?");
      parameters.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
      parameters.add(OffsetDateTime.ofInstant(query.until(), ZoneOffset.UTC));
      if (query.closed() != null) {
        sql.append(query.closed() ? " AND c.status IN (" : " AND c.status NOT IN (")
            .append(marks(CLOSED.size()))
            .append(')');
        CLOSED.forEach(s -> parameters.add(s.name()));
      }
    }
    sql.append(" ORDER BY r.received_at DESC, c.id LIMIT ? OFFSET ?");
    parameters.add(query.limit());
    parameters.add(query.offset());
    List<CityCase> cases =
        jdbc.prepareStatement(
            sql.toString(),
            statement -> {
              bind(statement, parameters);
              try (ResultSet rows = statement.executeQuery()) {
                return jdbc.entityStream(rows, CaseRow.class).map(mapper::toDomain).toList();
              }
            });
    return withDetails(cases);
  }

  private List<Found> withDetails(List<CityCase> cases) {
    if (cases.isEmpty()) {
      return List.of();
    }
    List<Object> ids = cases.stream().<Object>map(CityCase::id).toList();
    Map<UUID, Object[]> requests = new HashMap<>();
    jdbc.prepareStatement(
        "SELECT case_id, service_code, media_url, api_key_id FROM open311_request"
            + " WHERE case_id IN ("
            + marks(ids.size())
            + ")",
        statement -> {
          bind(statement, ids);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              requests.put(
                  rows.getObject("case_id", UUID.class),
                  new Object[] {
                    rows.getString("service_code"),
                    rows.getString("media_url"),
                    rows.getObject("api_key_id", UUID.class)
                  });
            }
          }
          return null;
        });
    Map<UUID, String> notes = new HashMap<>();
    jdbc.prepareStatement(
        String.format(NOTES, marks(ids.size())),
        statement -> {
          bind(statement, ids);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              notes.put(rows.getObject("case_id", UUID.class), rows.getString("entry_text"));
            }
          }
          return null;
        });
    Map<String, String> agencies =
        directory.departments().stream()
            .collect(Collectors.toMap(Department::code, Department::nameEn));
    return cases.stream()
        .map(
            c -> {
              Object[] request = requests.get(c.id());
              return new Found(
                  c,
                  (String) request[0],
                  (String) request[1],
                  (UUID) request[2],
                  notes.get(c.id()),
                  c.leadDepartment() == null ? null : agencies.get(c.leadDepartment()));
            })
        .toList();
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static void bind(PreparedStatement statement, Collection<Object> parameters)
      throws SQLException {
    int i = 1;
    for (Object p : parameters) {
      if (p instanceof Integer n) {
        statement.setInt(i++, n);
      } else if (p instanceof String s) {
        statement.setString(i++, s);
      } else {
        statement.setObject(i++, p);
      }
    }
  }
}
