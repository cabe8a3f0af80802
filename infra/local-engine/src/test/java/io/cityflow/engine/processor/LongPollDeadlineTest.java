package io.cityflow.engine.processor;

import static io.cityflow.engine.processor.CommandProcessor.longPollMillis;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongPollDeadlineTest {

  @Test
  void longTimeoutsKeepATenthAsMargin() {
    assertThat(longPollMillis(60_000)).isEqualTo(54_000);
    assertThat(longPollMillis(10_000)).isEqualTo(9_000);
  }

  @Test
  void shortTimeoutsKeepAtLeastOneSecond() {
    assertThat(longPollMillis(5_000)).isEqualTo(4_000);
    assertThat(longPollMillis(1_500)).isEqualTo(500);
  }

  @Test
  void timeoutsOfASecondOrLessAreAnsweredAtOnce() {
    assertThat(longPollMillis(1_000)).isZero();
    assertThat(longPollMillis(999)).isZero();
    assertThat(longPollMillis(1)).isZero();
    assertThat(longPollMillis(0)).isZero();
    assertThat(longPollMillis(-5_000)).isZero();
  }

  @Test
  void theWaitNeverComesCloserThanTheMarginAndGrowsWithTheTimeout() {
    long previous = 0;
    for (long timeout = 0; timeout <= 120_000; timeout += 7) {
      long wait = longPollMillis(timeout);
      assertThat(wait).isBetween(0L, Math.max(0, Math.min(timeout - 1_000, timeout * 9 / 10)));
      assertThat(wait).isGreaterThanOrEqualTo(previous);
      previous = wait;
    }
  }
}
