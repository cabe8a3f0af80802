package io.cityflow.devices.persistence;

import java.text.NumberFormat;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Initialises, on a thread of its own, the JDK services that the PostgreSQL driver sets up while it
 * connects: the default time zone, an integer number format (the server version) and a calendar
 * (its timestamp codec). Each is a one-time initialisation of locale and calendar data, together
 * about a quarter of the connecting thread's work at a cold start here; done in parallel, the
 * connecting thread finds them ready (ADR 0016, cold start with AppCDS). Nothing here depends on
 * the driver, and nothing is kept.
 */
final class JdkWarmUp implements Runnable {

  static void start() {
    Thread thread = new Thread(new JdkWarmUp(), "device-db-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    TimeZone.getDefault();
    NumberFormat.getIntegerInstance();
    new GregorianCalendar();
  }
}
