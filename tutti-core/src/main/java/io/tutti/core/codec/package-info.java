/**
 * Compact big-endian binary encoding shared by log entries and snapshots. Hand-written rather than protobuf because
 * the core has no dependencies and these formats are internal: every encoding starts with a type tag byte, uses
 * varints for lengths, and a reader rejects truncated input and trailing bytes.
 */
package io.tutti.core.codec;
