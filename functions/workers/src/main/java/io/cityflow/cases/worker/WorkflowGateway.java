package io.cityflow.cases.worker;

import io.cityflow.cases.WorkflowCommand;

/** Port: hands workflow commands to the engine. */
public interface WorkflowGateway {

  /**
   * Publishes the command's message. Publishing the same message id again must not start or
   * correlate anything twice; the engine answers {@link Delivery#ALREADY_PUBLISHED}.
   *
   * @throws RuntimeException when the engine cannot be reached or refuses the command; the
   *     dispatcher retries later
   */
  Delivery publish(WorkflowCommand command);

  /** How the engine took a command. */
  enum Delivery {
    PUBLISHED,
    ALREADY_PUBLISHED
  }
}
