package io.cityflow.cases;

/** How a case reached the city. */
public enum Channel {
  WEB,
  APP,
  PHONE,
  COUNTER,
  DEVICE
}
