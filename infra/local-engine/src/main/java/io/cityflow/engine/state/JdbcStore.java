package io.cityflow.engine.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cityflow.engine.model.BpmnCompiler;
import io.cityflow.engine.model.ExecutableProcess;
import io.cityflow.engine.runtime.Changes;
import io.cityflow.engine.runtime.Changes.Kind;
import io.cityflow.engine.runtime.Decision;
import io.cityflow.engine.runtime.DecisionRequirements;
import io.cityflow.engine.runtime.ElementInstanceRecord;
import io.cityflow.engine.runtime.Entity;
import io.cityflow.engine.runtime.Form;
import io.cityflow.engine.runtime.Incident;
import io.cityflow.engine.runtime.Job;
import io.cityflow.engine.runtime.Json;
import io.cityflow.engine.runtime.Message;
import io.cityflow.engine.runtime.MessageSubscription;
import io.cityflow.engine.runtime.ProcessDefinition;
import io.cityflow.engine.runtime.ProcessInstance;
import io.cityflow.engine.runtime.RuntimeState;
import io.cityflow.engine.runtime.Timer;
import io.cityflow.engine.runtime.UserTask;
import io.cityflow.engine.runtime.Variable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's tables, through plain JDBC. The command loop writes a whole batch of changes in one
 * transaction with JDBC batches; queries read committed rows concurrently.
 */
public final class JdbcStore implements AutoCloseable {

  private final HikariDataSource dataSource;

  public JdbcStore(String jdbcUrl, String username, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(username);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    config.setPoolName("local-engine");
    this.dataSource = new HikariDataSource(config);
    SchemaMigration.migrate(dataSource);
    if (jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:./")) {
      makeH2CommitsDurable();
    }
  }

  /**
   * H2 flushes commits to its file up to half a second late by default, so a killed JVM would lose
   * acknowledged batches. Group commit keeps the cost of flushing every commit small.
   */
  private void makeH2CommitsDurable() {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("set write_delay 0");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot make H2 commits durable: " + e.getMessage(), e);
    }
  }

  /** Loads everything still active into a fresh runtime state. */
  public RuntimeState load(BpmnCompiler compiler) {
    try (Connection connection = dataSource.getConnection()) {
      RuntimeState state = new RuntimeState(nextKey(connection));
      for (ProcessDefinition definition :
          rows(
              connection,
              "select data, bpmn_xml from eng_process_definition",
              rs -> {
                ProcessDefinition d = Json.read(rs.getString(1), ProcessDefinition.class);
                d.xml = rs.getString(2);
                return d;
              })) {
        definition.graph = graphOf(compiler, definition);
        definition.persisted = true;
        state.restore(definition);
      }
      for (Form form : loadData(connection, "eng_form", "", Form.class)) {
        state.restore(form);
      }
      for (DecisionRequirements requirements :
          rows(
              connection,
              "select data, dmn_xml from eng_decision_requirements",
              rs -> {
                DecisionRequirements r = Json.read(rs.getString(1), DecisionRequirements.class);
                r.xml = rs.getString(2);
                r.persisted = true;
                return r;
              })) {
        state.restore(requirements);
      }
      loadData(connection, "eng_decision", "", Decision.class).forEach(state::restore);
      Map<Long, ProcessInstance> active = new HashMap<>();
      for (ProcessInstance instance :
          loadData(
              connection,
              "eng_process_instance",
              " where state = 'ACTIVE'",
              ProcessInstance.class)) {
        active.put(instance.key, instance);
        state.restore(instance);
      }
      List<Variable> variables =
          rows(
              connection,
              "select v.variable_key, v.name, v.scope_key, v.process_instance_key, v.value_json"
                  + " from eng_variable v join eng_process_instance p"
                  + " on p.process_instance_key = v.process_instance_key where p.state = 'ACTIVE'",
              JdbcStore::variable);
      for (Variable variable : variables) {
        ProcessInstance instance = active.get(variable.processInstanceKey);
        if (variable.scopeKey == instance.key || instance.elements.containsKey(variable.scopeKey)) {
          variable.persisted = true;
          state.restore(variable);
        }
      }
      loadData(connection, "eng_job", "", Job.class).forEach(state::restore);
      loadData(connection, "eng_user_task", " where state = 'CREATED'", UserTask.class)
          .forEach(state::restore);
      loadData(connection, "eng_message_subscription", "", MessageSubscription.class)
          .forEach(state::restore);
      loadData(connection, "eng_message", "", Message.class).forEach(state::restore);
      loadData(connection, "eng_timer", "", Timer.class).forEach(state::restore);
      loadData(connection, "eng_incident", " where state = 'ACTIVE'", Incident.class)
          .forEach(state::restore);
      loadData(
              connection,
              "eng_element_instance",
              " where state = 'ACTIVE'",
              ElementInstanceRecord.class)
          .forEach(state::restore);
      return state;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot load the engine state: " + e.getMessage(), e);
    }
  }

  private static ExecutableProcess graphOf(BpmnCompiler compiler, ProcessDefinition definition) {
    return compiler
        .compile(definition.resourceName, definition.xml.getBytes(StandardCharsets.UTF_8))
        .stream()
        .filter(p -> p.bpmnProcessId().equals(definition.bpmnProcessId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Stored process " + definition.key + " is gone from its XML"));
  }

  private <T extends Entity> List<T> loadData(
      Connection connection, String table, String where, Class<T> type) throws SQLException {
    return rows(
        connection,
        "select data from " + table + where,
        rs -> {
          T entity = Json.read(rs.getString(1), type);
          entity.persisted = true;
          return entity;
        });
  }

  private static long nextKey(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("select next_key from eng_sequence where id = 1");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Writes one batch of changes in one transaction; nothing of it is visible before commit. */
  public void write(Changes changes) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (Kind kind : Kind.values()) {
          writeTable(
              connection, Tables.ALL.get(kind), changes.written(kind), changes.deleted(kind));
        }
        if (changes.nextKey() >= 0) {
          try (PreparedStatement statement =
              connection.prepareStatement("update eng_sequence set next_key = ? where id = 1")) {
            statement.setLong(1, changes.nextKey());
            statement.executeUpdate();
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void writeTable(
      Connection connection, Table table, Collection<Entity> written, Collection<Entity> deleted)
      throws SQLException {
    List<Entity> inserts = new ArrayList<>();
    List<Entity> updates = new ArrayList<>();
    for (Entity entity : written) {
      (entity.persisted ? updates : inserts).add(entity);
    }
    if (!inserts.isEmpty()) {
      try (PreparedStatement statement = connection.prepareStatement(table.insertSql())) {
        for (Entity entity : inserts) {
          statement.setLong(1, entity.key);
          for (int i = 0; i < table.columns().size(); i++) {
            bind(statement, i + 2, table.columns().get(i).sqlType(), table.value(i, entity));
          }
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }
    if (!updates.isEmpty()) {
      try (PreparedStatement statement = connection.prepareStatement(table.updateSql())) {
        for (Entity entity : updates) {
          int size = table.columns().size();
          for (int i = 0; i < size; i++) {
            bind(statement, i + 1, table.columns().get(i).sqlType(), table.value(i, entity));
          }
          statement.setLong(size + 1, entity.key);
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }
    if (!deleted.isEmpty()) {
      try (PreparedStatement statement = connection.prepareStatement(table.deleteSql())) {
        for (Entity entity : deleted) {
          statement.setLong(1, entity.key);
          statement.addBatch();
        }
        statement.executeBatch();
      }
    }
  }

  private static void bind(PreparedStatement statement, int index, int sqlType, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType);
    } else {
      statement.setObject(index, value, sqlType);
    }
  }

  // ---- Queries

  public SearchPage<ProcessInstance> searchProcessInstances(SearchQuery query) {
    return search(
        "eng_process_instance",
        query,
        rs -> Json.read(rs.getString("data"), ProcessInstance.class));
  }

  public SearchPage<UserTask> searchUserTasks(SearchQuery query) {
    return search("eng_user_task", query, rs -> Json.read(rs.getString("data"), UserTask.class));
  }

  public SearchPage<ElementInstanceRecord> searchElementInstances(SearchQuery query) {
    return search(
        "eng_element_instance",
        query,
        rs -> {
          ElementInstanceRecord record =
              Json.read(rs.getString("data"), ElementInstanceRecord.class);
          record.key = rs.getLong("element_instance_key");
          return record;
        });
  }

  public SearchPage<Incident> searchIncidents(SearchQuery query) {
    return search("eng_incident", query, rs -> Json.read(rs.getString("data"), Incident.class));
  }

  public SearchPage<Variable> searchVariables(SearchQuery query) {
    return search("eng_variable", query, JdbcStore::variable);
  }

  public SearchPage<ProcessDefinition> searchProcessDefinitions(SearchQuery query) {
    return search(
        "eng_process_definition",
        query,
        rs -> Json.read(rs.getString("data"), ProcessDefinition.class));
  }

  public SearchPage<Decision> searchDecisions(SearchQuery query) {
    return search("eng_decision", query, rs -> Json.read(rs.getString("data"), Decision.class));
  }

  public Optional<String> decisionXml(long decisionRequirementsKey) {
    try (Connection connection = dataSource.getConnection()) {
      return rows(
              connection,
              "select dmn_xml from eng_decision_requirements where decision_requirements_key = ?",
              List.of(decisionRequirementsKey),
              rs -> rs.getString(1))
          .stream()
          .findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<Form> form(long formKey) {
    SearchPage<Form> page =
        search(
            "eng_form",
            new SearchQuery(List.of(Criterion.eq("form_key", formKey)), List.of(), 0, 1),
            rs -> Json.read(rs.getString("data"), Form.class));
    return page.items().stream().findFirst();
  }

  public Optional<Form> latestForm(String formId) {
    SearchPage<Form> page =
        search(
            "eng_form",
            new SearchQuery(
                List.of(Criterion.eq("form_id", formId)),
                List.of(new SearchQuery.SortOrder("version", true)),
                0,
                1),
            rs -> Json.read(rs.getString("data"), Form.class));
    return page.items().stream().findFirst();
  }

  public Optional<String> processXml(long processDefinitionKey) {
    try (Connection connection = dataSource.getConnection()) {
      List<String> xml =
          rows(
              connection,
              "select bpmn_xml from eng_process_definition where process_definition_key = "
                  + processDefinitionKey,
              rs -> rs.getString(1));
      return xml.stream().findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Variable variable(ResultSet rs) throws SQLException {
    Variable variable = new Variable();
    variable.key = rs.getLong("variable_key");
    variable.name = rs.getString("name");
    variable.scopeKey = rs.getLong("scope_key");
    variable.processInstanceKey = rs.getLong("process_instance_key");
    variable.json = rs.getString("value_json");
    return variable;
  }

  private <T> SearchPage<T> search(String table, SearchQuery query, RowReader<T> reader) {
    StringBuilder where = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    for (Criterion criterion : query.criteria()) {
      where.append(where.length() == 0 ? " where " : " and ");
      appendCondition(where, parameters, criterion);
    }
    StringBuilder order = new StringBuilder();
    for (SearchQuery.SortOrder sort : query.sort()) {
      order
          .append(order.length() == 0 ? " order by " : ", ")
          .append(sort.column())
          .append(sort.descending() ? " desc" : " asc");
    }
    order.append(order.length() == 0 ? " order by " : ", ").append("1 asc");
    String select =
        "select * from "
            + table
            + where
            + order
            + " limit "
            + query.limit()
            + " offset "
            + query.from();
    try (Connection connection = dataSource.getConnection()) {
      List<T> items = rows(connection, select, parameters, reader);
      long total;
      if (query.from() == 0 && items.size() < query.limit()) {
        total = items.size();
      } else {
        total =
            rows(
                    connection,
                    "select count(*) from " + table + where,
                    parameters,
                    rs -> rs.getLong(1))
                .get(0);
      }
      return new SearchPage<>(items, total);
    } catch (SQLException e) {
      throw new IllegalStateException("Search in " + table + " failed: " + e.getMessage(), e);
    }
  }

  private static void appendCondition(StringBuilder where, List<Object> parameters, Criterion c) {
    String column = c.column();
    switch (c.op()) {
      case EQ -> append(where, parameters, column + " = ?", c.values().get(0));
      case NEQ -> append(where, parameters, column + " <> ?", c.values().get(0));
      case GT -> append(where, parameters, column + " > ?", c.values().get(0));
      case GTE -> append(where, parameters, column + " >= ?", c.values().get(0));
      case LT -> append(where, parameters, column + " < ?", c.values().get(0));
      case LTE -> append(where, parameters, column + " <= ?", c.values().get(0));
      case LIKE -> append(where, parameters, column + " like ?", c.values().get(0));
      case EXISTS -> where.append(column).append(" is not null");
      case NOT_EXISTS -> where.append(column).append(" is null");
      case SQL -> where.append('(').append(column).append(')');
      case SQL_WITH_VALUES -> {
        where.append('(').append(column).append(')');
        parameters.addAll(c.values());
      }
      case ANY_OF -> {
        where.append('(');
        for (int i = 0; i < c.values().size(); i++) {
          where.append(i == 0 ? "(" : " or (");
          List<?> group = (List<?>) c.values().get(i);
          for (int j = 0; j < group.size(); j++) {
            where.append(j == 0 ? "" : " and ");
            appendCondition(where, parameters, (Criterion) group.get(j));
          }
          where.append(group.isEmpty() ? "1 = 1)" : ")");
        }
        where.append(')');
      }
      case EXISTS_WHERE -> {
        where.append('(').append(column);
        for (Object related : c.values()) {
          where.append(" and ");
          appendCondition(where, parameters, (Criterion) related);
        }
        where.append("))");
      }
      case LIST_CONTAINS ->
          append(where, parameters, column + " like ?", "%," + c.values().get(0) + ",%");
      case IN, NOT_IN -> {
        where.append(column).append(c.op() == Criterion.Op.IN ? " in (" : " not in (");
        for (int i = 0; i < c.values().size(); i++) {
          where.append(i == 0 ? "?" : ", ?");
          parameters.add(c.values().get(i));
        }
        where.append(')');
      }
    }
  }

  private static void append(
      StringBuilder where, List<Object> parameters, String sql, Object value) {
    where.append(sql);
    parameters.add(value);
  }

  /** Reads one value from the current row. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> rows(Connection connection, String sql, RowReader<T> reader)
      throws SQLException {
    return rows(connection, sql, List.of(), reader);
  }

  private static <T> List<T> rows(
      Connection connection, String sql, List<Object> parameters, RowReader<T> reader)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rs.next()) {
          result.add(reader.read(rs));
        }
        return result;
      }
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
