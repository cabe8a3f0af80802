package io.cityflow.devices;

import java.util.Map;
import java.util.Set;

/**
 * What a batch needs before its rules run, read after its devices are locked.
 *
 * @param devices the registered devices among the batch's, as they were before the batch
 * @param fresh the keys of the events the ledger had not seen (only events whose device is
 *     registered with the event's type are recorded)
 * @param states the alarm states of the devices with fresh events: device id, then alarm type
 */
public record BatchStart(
    Map<String, Device> devices,
    Set<EventKey> fresh,
    Map<String, Map<String, AlarmState>> states) {}
