package io.cityflow.devices;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert rules of one device type: which readings and alarm codes it may send, the thresholds
 * that turn readings into alarms, and how long it may stay silent before it counts as offline.
 */
public record DeviceTypeRules(
    DeviceType type,
    Duration offlineAfter,
    Priority offlinePriority,
    Set<String> readings,
    List<ThresholdRule> thresholds,
    Map<String, AlarmCodeRule> alarms) {}
