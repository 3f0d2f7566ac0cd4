package io.tutti.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvItem;
import io.tutti.core.kv.RequestId;
import io.tutti.core.kv.ScanPage;
import io.tutti.core.meta.Keyspace;
import io.tutti.core.read.Consistency;
import io.tutti.core.read.SessionToken;
import io.tutti.server.node.ClusterView;
import io.tutti.server.node.NodeService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The HTTP/JSON API of DESIGN.md, under {@code /v1/}. Paths are parsed here so that every unknown route, wrong
 * method and malformed input gets an error from the one table, as JSON.
 */
final class HttpApi implements HttpService {
  static final String DURABILITY = "majority-fsync";
  static final String CONSISTENCY_HEADER = "tutti-consistency";
  static final String SESSION_HEADER = "tutti-session";
  private static final Set<String> KEYSPACE_FIELDS = Set.of("name", "mode", "shards", "replicas");
  private static final int IDEMPOTENCY_KEY_MAX_CHARS = 256;

  private final NodeService service;
  private final Supplier<CompletableFuture<ClusterView>> status;

  HttpApi(NodeService service, Supplier<CompletableFuture<ClusterView>> status) {
    this.service = service;
    this.status = status;
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    return HttpResponse.of(req.aggregate().thenCompose(request -> {
      try {
        return route(ctx, request);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }).exceptionally(HttpErrors::response));
  }

  private CompletableFuture<HttpResponse> route(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    List<String> segments = PathSegments.decode(ctx.path());
    HttpMethod method = request.method();
    QueryParams query = ctx.query() == null ? QueryParams.of() : QueryParams.fromQueryString(ctx.query());
    if (segments.size() >= 2 && segments.get(0).equals("v1")) {
      String resource = segments.get(1);
      if (resource.equals("kv") && segments.size() == 3) {
        requireMethod(method, HttpMethod.GET);
        return scan(segments.get(2), query, request);
      }
      if (resource.equals("kv") && segments.size() >= 4) {
        String keyspace = segments.get(2);
        byte[] key = String.join("/", segments.subList(3, segments.size())).getBytes(StandardCharsets.UTF_8);
        return switch (method.name()) {
          case "PUT" -> put(keyspace, key, request);
          case "GET" -> get(keyspace, key, request);
          case "DELETE" -> delete(keyspace, key, request);
          default -> throw methodNotAllowed(method, "PUT, GET, DELETE");
        };
      }
      if (resource.equals("keyspaces") && segments.size() == 2) {
        return switch (method.name()) {
          case "POST" -> createKeyspace(request);
          case "GET" -> CompletableFuture.completedFuture(json(200, keyspacesJson(
              service.localState().keyspaces().values().stream().toList())));
          default -> throw methodNotAllowed(method, "POST, GET");
        };
      }
      if (resource.equals("keyspaces") && segments.size() == 3) {
        requireMethod(method, HttpMethod.DELETE);
        String name = segments.get(2);
        return service.dropKeyspace(name).thenApply(done -> {
          ObjectNode body = HttpErrors.JSON.createObjectNode().put("dropped", name);
          return json(200, body);
        });
      }
      if (resource.equals("cluster") && segments.size() == 2) {
        requireMethod(method, HttpMethod.GET);
        return status.get().thenApply(view -> json(200, HttpErrors.JSON.valueToTree(view)));
      }
    }
    throw TuttiException.of(ErrorCode.NOT_FOUND, "no route %s %s", method, ctx.path());
  }

  private static void requireMethod(HttpMethod actual, HttpMethod allowed) {
    if (actual != allowed) {
      throw methodNotAllowed(actual, allowed.name());
    }
  }

  private static TuttiException methodNotAllowed(HttpMethod method, String allowed) {
    return TuttiException.of(ErrorCode.METHOD_NOT_ALLOWED, "method %s is not allowed here; use %s", method, allowed);
  }

  // ------------------------------------------------------------------ key-value

  private CompletableFuture<HttpResponse> put(String keyspace, byte[] key, AggregatedHttpRequest request) {
    Condition condition = condition(request);
    RequestId requestId = requestId(request);
    byte[] value = request.content().array();
    SessionToken session = session(request);
    return service.put(keyspace, key, value, condition, requestId, session).thenApply(outcome -> {
      ObjectNode body = HttpErrors.JSON.createObjectNode()
          .put("version", outcome.version()).put("revision", outcome.revision())
          .put("session", outcome.session().encode());
      return HttpResponse.of(writeHeaders(outcome.revision(), outcome.servedBy(), outcome.session())
          .add("etag", "\"" + outcome.version() + "\"").contentType(MediaType.JSON_UTF_8).build(),
          HttpData.ofUtf8(body.toString()));
    });
  }

  private CompletableFuture<HttpResponse> delete(String keyspace, byte[] key, AggregatedHttpRequest request) {
    Condition condition = condition(request);
    if (condition instanceof Condition.Absent) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "If-None-Match is not allowed on DELETE");
    }
    return service.delete(keyspace, key, condition, requestId(request), session(request)).thenApply(outcome -> {
      ObjectNode body = HttpErrors.JSON.createObjectNode()
          .put("existed", outcome.existed()).put("revision", outcome.revision())
          .put("session", outcome.session().encode());
      return HttpResponse.of(writeHeaders(outcome.revision(), outcome.servedBy(), outcome.session())
          .contentType(MediaType.JSON_UTF_8).build(), HttpData.ofUtf8(body.toString()));
    });
  }

  private CompletableFuture<HttpResponse> get(String keyspace, byte[] key, AggregatedHttpRequest request) {
    Consistency consistency = Consistency.parse(request.headers().get(CONSISTENCY_HEADER));
    SessionToken session = session(request);
    return service.get(keyspace, key, consistency, session).thenApply(outcome -> {
      if (outcome.value() == null) {
        HttpResponse notFound = HttpErrors.response(ErrorCode.NOT_FOUND,
            "key '" + new String(key, StandardCharsets.UTF_8) + "' does not exist in keyspace '" + keyspace + "'");
        return notFound.mapHeaders(headers -> headers.toBuilder()
            .add(CONSISTENCY_HEADER, outcome.servedAt().toString())
            .add("tutti-served-by", outcome.servedBy())
            .add("tutti-revision", Long.toString(outcome.revision()))
            .add(SESSION_HEADER, outcome.session().encode()).build());
      }
      return HttpResponse.of(ResponseHeaders.builder(200)
          .contentType(MediaType.OCTET_STREAM)
          .add("etag", "\"" + outcome.version() + "\"")
          .add(CONSISTENCY_HEADER, outcome.servedAt().toString())
          .add("tutti-served-by", outcome.servedBy())
          .add("tutti-revision", Long.toString(outcome.revision()))
          .add(SESSION_HEADER, outcome.session().encode()).build(), HttpData.wrap(outcome.value()));
    });
  }

  private CompletableFuture<HttpResponse> scan(String keyspace, QueryParams query, AggregatedHttpRequest request) {
    for (String name : query.names()) {
      if (!Set.of("prefix", "after", "limit", "encoding").contains(name)) {
        throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
            "unknown query parameter '%s'; use prefix, after, limit, encoding", name);
      }
    }
    boolean base64 = switch (query.get("encoding", "utf-8")) {
      case "utf-8", "utf8" -> false;
      case "base64" -> true;
      default -> throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "encoding must be utf-8 or base64");
    };
    byte[] prefix = decodeParam(query.get("prefix", ""), base64, "prefix");
    byte[] after = decodeParam(query.get("after", ""), base64, "after");
    long limit;
    try {
      limit = Long.parseLong(query.get("limit", "0"));
    } catch (NumberFormatException e) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "limit must be a whole number");
    }
    Consistency consistency = Consistency.parse(request.headers().get(CONSISTENCY_HEADER));
    SessionToken session = session(request);
    return service.scan(keyspace, prefix, after, limit, consistency, session).thenApply(outcome -> {
      List<String> servedBy = outcome.shards().stream().map(NodeService.ShardRead::servedBy).distinct().toList();
      List<String> revisions = outcome.shards().stream().map(shard -> Long.toString(shard.revision())).toList();
      HttpResponse reply = json(200, scanJson(outcome, base64));
      return reply.mapHeaders(headers -> headers.toBuilder()
          .add(CONSISTENCY_HEADER, outcome.servedAt().toString())
          .add("tutti-served-by", String.join(",", servedBy))
          .add("tutti-revision", String.join(",", revisions))
          .add(SESSION_HEADER, outcome.session().encode()).build());
    });
  }

  private static byte[] decodeParam(String value, boolean base64, String name) {
    if (!base64) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "%s is not base64url", name);
    }
  }

  private static JsonNode scanJson(NodeService.ScanOutcome outcome, boolean base64) {
    ScanPage page = outcome.page();
    ObjectNode body = HttpErrors.JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (KvItem item : page.items()) {
      items.addObject().put("key", encodeBytes(item.key(), base64)).put("value", encodeBytes(item.value(), base64))
          .put("version", item.version());
    }
    if (page.hasMore()) {
      body.put("next", encodeBytes(page.next(), base64));
    } else {
      body.putNull("next");
    }
    body.put("consistency", outcome.servedAt().toString());
    ArrayNode shards = body.putArray("shards");
    for (NodeService.ShardRead shard : outcome.shards()) {
      shards.addObject().put("shard", shard.shard()).put("servedBy", shard.servedBy())
          .put("revision", shard.revision()).put("consistency", shard.servedAt().toString());
    }
    body.put("session", outcome.session().encode());
    return body;
  }

  private static String encodeBytes(byte[] bytes, boolean base64) {
    return base64 ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        : new String(bytes, StandardCharsets.UTF_8);
  }

  private static ResponseHeadersBuilder writeHeaders(long revision, String servedBy, SessionToken session) {
    return ResponseHeaders.builder(200)
        .add("tutti-revision", Long.toString(revision))
        .add("tutti-served-by", servedBy)
        .add("tutti-durability", DURABILITY)
        .add(SESSION_HEADER, session.encode());
  }

  /** The request's session token ({@code Tutti-Session}); the empty token when absent. */
  static SessionToken session(AggregatedHttpRequest request) {
    return SessionToken.decode(request.headers().get(SESSION_HEADER));
  }

  /** The write's precondition from If-Match / If-None-Match. */
  static Condition condition(AggregatedHttpRequest request) {
    String ifMatch = request.headers().get("if-match");
    String ifNoneMatch = request.headers().get("if-none-match");
    if (ifMatch != null && ifNoneMatch != null) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "use If-Match or If-None-Match, not both");
    }
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.trim().equals("*")) {
        throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "If-None-Match must be * (create only)");
      }
      return Condition.ABSENT;
    }
    if (ifMatch != null) {
      String text = ifMatch.trim();
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        text = text.substring(1, text.length() - 1);
      }
      try {
        long version = Long.parseLong(text);
        if (version <= 0) {
          throw new NumberFormatException();
        }
        return new Condition.VersionEquals(version);
      } catch (NumberFormatException e) {
        throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
            "If-Match must be a version as returned in ETag, like \"42\"; got %s", ifMatch);
      }
    }
    return Condition.ALWAYS;
  }

  /** The request id of a write: derived from Idempotency-Key when given, else assigned by the node. */
  static RequestId requestId(AggregatedHttpRequest request) {
    String key = request.headers().get("idempotency-key");
    if (key == null) {
      return null;
    }
    if (key.isEmpty() || key.length() > IDEMPOTENCY_KEY_MAX_CHARS) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "Idempotency-Key must be 1..%d characters",
          IDEMPOTENCY_KEY_MAX_CHARS);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      byte[] clientId = new byte[16];
      System.arraycopy(digest, 0, clientId, 0, 16);
      return RequestId.of(clientId, 0);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // ------------------------------------------------------------------ keyspaces

  private CompletableFuture<HttpResponse> createKeyspace(AggregatedHttpRequest request) {
    JsonNode body = parseJsonObject(request);
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!KEYSPACE_FIELDS.contains(field)) {
        throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
            "unknown field '%s'; a keyspace has name, mode, shards, replicas", field);
      }
    }
    String name = textField(body, "name", null);
    if (name == null) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "field 'name' is required");
    }
    String mode = textField(body, "mode", Keyspace.MODE_CP);
    int shards = intField(body, "shards", 0);
    int replicas = intField(body, "replicas", 0);
    return service.createKeyspace(name, mode, shards, replicas).thenApply(keyspace ->
        json(201, keyspaceJson(keyspace)));
  }

  private static JsonNode parseJsonObject(AggregatedHttpRequest request) {
    try {
      JsonNode node = HttpErrors.JSON.readTree(request.content().array());
      if (node == null || !node.isObject()) {
        throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "malformed JSON: %s", e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "unreadable body");
    }
  }

  private static String textField(JsonNode body, String name, String fallback) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "field '%s' must be a string", name);
    }
    return node.asText();
  }

  private static int intField(JsonNode body, String name, int fallback) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "field '%s' must be a whole number", name);
    }
    return node.asInt();
  }

  static ObjectNode keyspaceJson(Keyspace keyspace) {
    return HttpErrors.JSON.createObjectNode().put("name", keyspace.name()).put("mode", keyspace.mode())
        .put("shards", keyspace.shards()).put("replicas", keyspace.replicas());
  }

  private static JsonNode keyspacesJson(List<Keyspace> keyspaces) {
    ObjectNode body = HttpErrors.JSON.createObjectNode();
    ArrayNode array = body.putArray("keyspaces");
    keyspaces.forEach(k -> array.add(keyspaceJson(k)));
    return body;
  }

  static HttpResponse json(int status, JsonNode body) {
    return HttpResponse.of(ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8).build(),
        HttpData.ofUtf8(body.toString()));
  }

  /** Splits a raw request path into percent-decoded segments. */
  static final class PathSegments {
    private PathSegments() {}

    static List<String> decode(String rawPath) {
      String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
      if (path.isEmpty()) {
        return List.of();
      }
      return java.util.Arrays.stream(path.split("/", -1)).map(PathSegments::percentDecode).toList();
    }

    static String percentDecode(String segment) {
      if (segment.indexOf('%') < 0) {
        return segment;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
      byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '%') {
          if (i + 2 >= bytes.length) {
            throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "bad percent-encoding in the path");
          }
          int hi = Character.digit(bytes[i + 1], 16);
          int lo = Character.digit(bytes[i + 2], 16);
          if (hi < 0 || lo < 0) {
            throw new TuttiException(ErrorCode.INVALID_ARGUMENT, "bad percent-encoding in the path");
          }
          out.write(hi * 16 + lo);
          i += 2;
        } else {
          out.write(bytes[i]);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
