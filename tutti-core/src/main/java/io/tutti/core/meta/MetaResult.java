package io.tutti.core.meta;

import io.tutti.core.error.ErrorCode;

/** The outcome of a {@link MetaCommand}. */
public sealed interface MetaResult {
  record Done(ClusterState state) implements MetaResult {}

  record Rejected(ErrorCode code, String message) implements MetaResult {}
}
