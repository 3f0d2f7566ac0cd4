package io.tutti.cli;

import io.tutti.core.error.TuttiException;
import io.tutti.core.read.Consistency;
import io.tutti.client.TuttiClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every client command shares ({@code --endpoints}, {@code --timeout}), and how they make a client. */
final class ClientOptions {
  static final String ENDPOINTS_DEFAULT = "127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103";
  static final String ENDPOINTS_ENV = "TUTTI_ENDPOINTS";

  @Option(names = "--endpoints", paramLabel = "HOST:PORT,...",
      description = "Client addresses of some nodes (default: $" + ENDPOINTS_ENV + ", else " + ENDPOINTS_DEFAULT + ")")
  String endpoints;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Time budget of the request, retries included, e.g. 500ms, 10s, 1m (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--session", paramLabel = "TOKEN",
      description = "Continue the session of this token (as printed by an earlier command or a reply's Tutti-Session):"
          + " session reads then see everything that session wrote and read")
  String session;

  /** Connects to the cluster. Client commands log at WARN so that only problems reach the terminal. */
  TuttiClient connect() {
    if (System.getProperty("tutti.log.level") == null) {
      System.setProperty("tutti.log.level", "WARN"); // read by logback.xml when the first logger is created
    }
    TuttiClient client = TuttiClient.builder().endpoints(endpointList()).requestTimeout(timeout).build();
    if (session != null) {
      try {
        client.joinSession(session);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }
    return client;
  }

  /** {@code --consistency}: linearizable, session, bounded;ms=N or eventual. */
  static final class ConsistencyConverter implements ITypeConverter<Consistency> {
    @Override
    public Consistency convert(String value) {
      try {
        return Consistency.parse(value);
      } catch (TuttiException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  List<String> endpointList() {
    String text = endpoints;
    if (text == null) {
      String env = System.getenv(ENDPOINTS_ENV);
      text = env == null || env.isBlank() ? ENDPOINTS_DEFAULT : env;
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** {@code 250ms}, {@code 10s}, {@code 2m}, or a number of seconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.trim().toLowerCase(java.util.Locale.ROOT);
      try {
        Duration duration;
        if (text.endsWith("ms")) {
          duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        } else if (text.endsWith("s")) {
          duration = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        } else if (text.endsWith("m")) {
          duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
        } else {
          duration = Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        }
        if (!duration.isPositive()) {
          throw new TypeConversionException("'" + value + "' must be > 0");
        }
        return duration;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a duration like 500ms, 10s or 1m");
      }
    }
  }
}
