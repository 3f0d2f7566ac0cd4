/** Always-on invariant checks ({@link io.tutti.core.check.Check}), used by every module. */
package io.tutti.core.check;
