package io.cityflow.cases.worker;

/**
 * An expected business outcome that the model catches by its error code (see {@code ErrorCodes}).
 * The worker throws it; {@link JobWorkers} turns it into the job's throw-error command.
 */
public class BpmnError extends RuntimeException {
  private final String code;

  public BpmnError(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
