/**
 * Operating conditions as values: {@link io.tutti.core.error.ErrorCode} is DESIGN.md's error table, and
 * {@link io.tutti.core.error.TuttiException} carries one code and a message that names the offender. Every surface
 * maps these the same way; a broken invariant is a different kind of error and is never turned into a code here.
 */
package io.tutti.core.error;
