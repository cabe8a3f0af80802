package io.cityflow.devices;

/** Maps an alarm code a device sends to the alarm type of the case it opens, and its priority. */
public record AlarmCodeRule(String code, String alarmType, Priority priority) {}
