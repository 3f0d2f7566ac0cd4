package io.tutti.bench;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import java.util.List;

/**
 * One {@code --endpoints} entry of etcd or Redis: {@code HOST:PORT}, or {@code [IPV6]:PORT}. etcd also takes
 * {@code http://HOST:PORT}, the form of its own client URLs (the benchmark speaks plaintext only).
 */
public record HostPort(String host, int port) {
  public HostPort {
    if (host.isBlank() || port < 1 || port > 65_535) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--endpoints: '%s:%d' is not HOST:PORT", host, port);
    }
  }

  /** Parses {@code text}; an INVALID_ARGUMENT naming it when it is not HOST:PORT. */
  public static HostPort parse(String text) {
    String address = text.trim();
    if (address.startsWith("http://")) {
      address = address.substring("http://".length());
    }
    address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    int colon = address.lastIndexOf(':');
    if (colon > 0 && colon < address.length() - 1 && !address.contains("/")) {
      String host = address.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        return new HostPort(host, Integer.parseInt(address.substring(colon + 1)));
      } catch (NumberFormatException e) {
        // falls through to the one message below
      }
    }
    throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--endpoints: '%s' is not HOST:PORT", text);
  }

  /** Parses every endpoint of a target that is not Tutti: at least one, and exactly one for Redis (one server). */
  public static List<HostPort> parseAll(List<String> endpoints, Target target) {
    if (endpoints.isEmpty() || (target == Target.REDIS && endpoints.size() != 1)) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "--endpoints for %s must be %s, got %d",
          target.label(), target == Target.REDIS ? "exactly one HOST:PORT (one server)" : "at least one HOST:PORT",
          endpoints.size());
    }
    return endpoints.stream().map(HostPort::parse).toList();
  }

  /** {@code http://host:port}, with brackets around an IPv6 address. */
  String httpUri() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
