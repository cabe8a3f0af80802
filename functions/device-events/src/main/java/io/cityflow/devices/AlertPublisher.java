package io.cityflow.devices;

import java.util.List;

/**
 * Hands signals off to the workflow engine. Port: the Camunda adapter publishes BPMN messages.
 *
 * <p>{@link #publish} returns only when the engine has accepted every signal, and throws otherwise;
 * signals of one correlation key must reach the engine in list order. It is called while the state
 * change is still uncommitted, so a failure rolls the change back and the events are retried; the
 * message id (= event id) keeps a retried publication from counting twice.
 */
public interface AlertPublisher {
  void publish(List<Signal> signals);
}
