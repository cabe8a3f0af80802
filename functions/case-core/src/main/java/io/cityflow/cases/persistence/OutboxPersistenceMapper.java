package io.cityflow.cases.persistence;

import io.cityflow.cases.OutboxEntry;
import io.cityflow.cases.WorkflowCommand;
import java.util.Map;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.MappingConstants;

/** Maps outbox commands to and from rows; the variables are JSON, converted by the caller. */
@Mapper(componentModel = MappingConstants.ComponentModel.JAKARTA)
public interface OutboxPersistenceMapper {

  @Mapping(target = "id", source = "command.id")
  @Mapping(target = "caseId", source = "command.caseId")
  @Mapping(target = "messageName", source = "command.messageName")
  @Mapping(target = "correlationKey", source = "command.correlationKey")
  @Mapping(target = "messageId", source = "command.messageId")
  @Mapping(target = "createdAt", source = "command.createdAt")
  @Mapping(target = "variables", source = "variablesJson")
  @Mapping(target = "attempts", constant = "0")
  @Mapping(target = "nextAttemptAt", source = "command.createdAt")
  @Mapping(target = "lastError", ignore = true)
  @Mapping(target = "sentAt", ignore = true)
  OutboxRow toRow(WorkflowCommand command, String variablesJson);

  @Mapping(target = "id", source = "row.id")
  @Mapping(target = "caseId", source = "row.caseId")
  @Mapping(target = "messageName", source = "row.messageName")
  @Mapping(target = "correlationKey", source = "row.correlationKey")
  @Mapping(target = "messageId", source = "row.messageId")
  @Mapping(target = "createdAt", source = "row.createdAt")
  @Mapping(target = "variables", source = "variables")
  WorkflowCommand toCommand(OutboxRow row, Map<String, Object> variables);

  default OutboxEntry toEntry(OutboxRow row, Map<String, Object> variables) {
    return new OutboxEntry(
        toCommand(row, variables), row.attempts(), row.nextAttemptAt(), row.lastError());
  }
}
