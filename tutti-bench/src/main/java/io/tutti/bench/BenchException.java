package io.tutti.bench;

/** A run that could not be carried out (for example, the preload failed); the message is one line for the user. */
public final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }
}
