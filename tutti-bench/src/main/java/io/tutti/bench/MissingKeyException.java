package io.tutti.bench;

/** A get found nothing under a key the benchmark had written: counted as {@link #KIND} whatever the system. */
public final class MissingKeyException extends Exception {
  private static final long serialVersionUID = 1L;
  /** The error kind in reports; Tutti's own code for an absent key. */
  public static final String KIND = "NOT_FOUND";

  public MissingKeyException(String system) {
    super(system + " has no value for a key the benchmark wrote");
  }
}
