package io.tutti.bench;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time in nanoseconds and a way to wait for it; injected so that tests can move time themselves. */
public interface NanoClock {
  long nanoTime();

  /** Returns at or after {@code deadlineNanos}; returns at once when that time has passed. */
  void sleepUntil(long deadlineNanos) throws InterruptedException;

  /** {@link System#nanoTime()} and {@link LockSupport#parkNanos}. */
  NanoClock SYSTEM = new NanoClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
      for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }
  };
}
