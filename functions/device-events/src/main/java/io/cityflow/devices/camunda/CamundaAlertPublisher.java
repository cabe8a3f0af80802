package io.cityflow.devices.camunda;

import io.camunda.client.CamundaClient;
import io.cityflow.devices.AlertPublisher;
import io.cityflow.devices.Signal;
import io.cityflow.workflows.contract.MessageNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes signals as BPMN messages through the Camunda client: alerts as {@code Msg_DeviceAlert},
 * repeats as {@code Msg_DeviceAlertRepeated}, recoveries as {@code Msg_DeviceRecovered}, each with
 * correlation key {@code deviceId:alarmType} and message id = event id.
 *
 * <p>Messages are not buffered (time to live zero): an alert that finds a case already open for its
 * key must not linger and open a second case after the first one ends, and a recovery that finds no
 * case waiting for it has nothing to close. Signals of different keys go out concurrently; those of
 * one key one after the other, in order.
 */
public final class CamundaAlertPublisher implements AlertPublisher {

  private final Supplier<CamundaClient> client;
  private final Duration timeout;

  /** {@code client} is asked for on first use, so that a cold start without alerts stays cheap. */
  public CamundaAlertPublisher(Supplier<CamundaClient> client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public void publish(List<Signal> signals) {
    if (signals.isEmpty()) {
      return;
    }
    CamundaClient camunda = client.get();
    Map<String, CompletableFuture<?>> tails = new LinkedHashMap<>();
    for (Signal signal : signals) {
      CompletableFuture<?> previous =
          tails.getOrDefault(signal.correlationKey(), CompletableFuture.completedFuture(null));
      tails.put(
          signal.correlationKey(),
          previous.thenCompose(ignored -> send(camunda, signal).toCompletableFuture()));
    }
    List<CompletableFuture<?>> all = new ArrayList<>(tails.values());
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing device messages", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the engine did not accept device messages in " + timeout, e);
    } catch (java.util.concurrent.ExecutionException | CompletionException e) {
      throw new IllegalStateException(
          "the engine refused a device message: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static CompletionStage<?> send(CamundaClient camunda, Signal signal) {
    return camunda
        .newPublishMessageCommand()
        .messageName(DeviceMessages.nameOf(signal.kind()))
        .correlationKey(MessageNames.deviceCorrelationKey(signal.deviceId(), signal.alarmType()))
        .messageId(signal.messageId())
        .timeToLive(Duration.ZERO)
        .variables(variables(signal))
        .send();
  }

  /**
   * The message variables; names are process variables of {@code device-maintenance}. Repeats and
   * recoveries carry only their own, so that they do not overwrite what the alert set.
   */
  static Map<String, Object> variables(Signal signal) {
    Map<String, Object> variables = new LinkedHashMap<>();
    switch (signal.kind()) {
      case ALERT -> {
        variables.put("deviceId", signal.deviceId());
        variables.put("deviceType", signal.deviceType().wireName());
        variables.put("alarmType", signal.alarmType());
        variables.put("priority", signal.priority().wireName());
        variables.put("zone", signal.zone());
        variables.put("location", signal.location());
        variables.put("alertEventId", signal.messageId());
        variables.put("alertedAt", signal.occurredAt().toString());
        variables.put("alertCause", signal.cause());
        variables.put("repeatCount", 0);
      }
      case REPEAT -> {
        variables.put("repeatCount", signal.repeatCount());
        variables.put("lastRepeatEventId", signal.messageId());
        variables.put("lastRepeatAt", signal.occurredAt().toString());
      }
      case RECOVERY -> {
        variables.put("recoveryEventId", signal.messageId());
        variables.put("recoveredAt", signal.occurredAt().toString());
      }
    }
    return variables;
  }
}
