package io.cityflow.localstack;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Starts the local stack with its embedded defaults, prints where everything is, and stops cleanly
 * (exit code 0) on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    LocalStack stack = LocalStack.start(Map.of());
    Runnable stop =
        () -> {
          System.out.println("\nCityFlow is stopping...");
          stack.close();
          System.exit(0);
        };
    // The JVM's default answer to SIGINT is exit code 130; an operator's Ctrl-C is a clean stop.
    Signal.handle(new Signal("INT"), signal -> stop.run());
    Signal.handle(new Signal("TERM"), signal -> stop.run());

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.println(ReadyBanner.render(stack, millis));
  }
}
