/**
 * The Tutti Java client: {@link io.tutti.client.TuttiClient}.
 *
 * <h2>Routing</h2>
 * At start and whenever it may be stale, the client fetches the cluster status from any node and keeps it as an
 * immutable {@code ClusterMap}: member id to client address, keyspace to shard count, shard to leader. A key goes to
 * {@code Sharding.shardOf(key, shards)}'s leader directly. Every node serves every request (it forwards to the
 * leader), so an unknown keyspace, an unknown leader or an empty map only costs a hop: the request goes to another
 * candidate (the shard's replicas, live members, then the seed endpoints). The map is refreshed in the background,
 * at most once per 200 ms, when a reply is served by another node than the cached leader, on UNAVAILABLE or
 * NO_QUORUM, and on transport failures.
 *
 * <h2>Retries and idempotency</h2>
 * {@code RequestExecutor} runs each request within its time budget ({@code requestTimeout}, 10 s by default) and a
 * bounded number of attempts. Retryable failures (UNAVAILABLE, NO_QUORUM, OUTCOME_UNKNOWN, RATE_LIMITED, transport
 * failures and per-attempt timeouts) are retried on another node after an exponential backoff with jitter;
 * others (INVALID_ARGUMENT, NOT_FOUND, VERSION_MISMATCH, TOO_LARGE, ...) are thrown at once. Every write carries a
 * request id (a random 16-byte client id per {@code TuttiClient} and a sequence number) built once, before the first
 * attempt, so a retry is the same request and the shard applies it once. A write that may have reached a node and
 * whose outcome the client never learned ends as OUTCOME_UNKNOWN, never as a definite failure. Keyspace changes
 * carry no request id in the API, so they are resent only when the previous attempt provably never left the client.
 *
 * <h2>Circuit breaking</h2>
 * Each node has an Armeria {@code CircuitBreaker}. Transport failures, client-side timeouts and UNAVAILABLE from the
 * node itself count as failures; when half of the recent calls fail, the circuit opens for 2 s and the client tries
 * other nodes first, then lets one trial request through.
 *
 * <h2>Errors</h2>
 * One exception type, {@link io.tutti.client.TuttiClientException}, carrying an {@link io.tutti.core.error.ErrorCode}:
 * the node's {@code tutti-error-code} trailer when present, else the gRPC status read through DESIGN.md's table.
 */
package io.tutti.client;
