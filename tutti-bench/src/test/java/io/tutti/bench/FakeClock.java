package io.tutti.bench;

/** Time that moves only when a test (or a fake driver) moves it; sleeping jumps to the deadline. One thread only. */
final class FakeClock implements NanoClock {
  private long nowNanos;

  @Override
  public long nanoTime() {
    return nowNanos;
  }

  @Override
  public void sleepUntil(long deadlineNanos) {
    nowNanos = Math.max(nowNanos, deadlineNanos);
  }

  void advance(long nanos) {
    nowNanos += nanos;
  }
}
