/**
 * Read consistency: the levels a read may ask for ({@link io.tutti.core.read.Consistency}) and the session token
 * that carries a session's positions between requests and processes ({@link io.tutti.core.read.SessionToken}).
 */
package io.tutti.core.read;
