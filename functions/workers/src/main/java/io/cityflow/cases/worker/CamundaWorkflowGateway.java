package io.cityflow.cases.worker;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.cityflow.cases.WorkflowCommand;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes through the Camunda client. The message id is the command's message id (the case id for
 * the start message), and the engine rejects a repeat while the message is buffered (time to live);
 * a message start event also starts at most one active instance per correlation key.
 */
@Singleton
class CamundaWorkflowGateway implements WorkflowGateway {
  static final Duration TIME_TO_LIVE = Duration.ofHours(24);
  private static final int CONFLICT = 409;

  private final CamundaClient client;

  CamundaWorkflowGateway(CamundaClient client) {
    this.client = client;
  }

  @Override
  public Delivery publish(WorkflowCommand command) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(command.messageName())
          .correlationKey(command.correlationKey())
          .messageId(command.messageId())
          .timeToLive(TIME_TO_LIVE)
          .variables(command.variables())
          .send()
          .join();
      return Delivery.PUBLISHED;
    } catch (ClientHttpException e) {
      if (e.code() == CONFLICT) {
        return Delivery.ALREADY_PUBLISHED;
      }
      throw e;
    }
  }
}
