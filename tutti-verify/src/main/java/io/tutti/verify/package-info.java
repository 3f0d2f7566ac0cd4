/**
 * {@code tutti verify}: Jepsen-style evidence that Tutti keeps its guarantees. Clients record every operation into a
 * history ({@code history}), nemeses kill, pause and partition real node processes ({@code nemesis}, {@code net}),
 * and checkers decide whether the guarantees held ({@code checker}).
 */
package io.tutti.verify;
