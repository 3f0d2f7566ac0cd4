package io.tutti.verify.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shutdown hooks that remove what a run created if the JVM exits (Ctrl-C, SIGTERM) before it is closed. */
final class ExitHooks {
  private static final Logger LOG = LoggerFactory.getLogger(ExitHooks.class);

  private ExitHooks() {}

  static Thread register(String name, Runnable cleanup) {
    Thread hook = new Thread(() -> {
      try {
        cleanup.run();
      } catch (RuntimeException e) {
        LOG.error("cleanup {} at exit failed", name, e);
      }
    }, name);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Unregisters {@code hook}; during shutdown (when the hook itself may be the caller) there is nothing to do. */
  static void cancel(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      LOG.debug("shutdown in progress: hook {} stays", hook.getName());
    }
  }
}
