package io.cityflow.devices.function;

import io.cityflow.devices.Rejection;

/** Where an SQS record goes that can never be processed, with the reason. */
public interface RejectedEventSink {

  /**
   * Diverts the record; returns {@code false} if there is nowhere to divert it to, and the record
   * must be reported as a batch item failure so that the queue's redrive policy moves it instead.
   */
  boolean divert(String messageId, String body, Rejection rejection);
}
