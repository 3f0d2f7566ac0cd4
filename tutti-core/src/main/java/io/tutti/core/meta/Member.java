package io.tutti.core.meta;

/** A node of the cluster and where to reach it. */
public record Member(String nodeId, String clientAddress, String peerAddress) {}
