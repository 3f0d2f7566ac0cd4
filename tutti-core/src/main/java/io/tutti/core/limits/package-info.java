/**
 * Size bounds on everything a user sends: keys, values, scan pages, request bodies, keyspace names, shard and
 * replica counts. One record, validated at start-up; every API surface calls the same checks so that HTTP, gRPC and
 * the CLI reject the same inputs with the same error code.
 */
package io.tutti.core.limits;
