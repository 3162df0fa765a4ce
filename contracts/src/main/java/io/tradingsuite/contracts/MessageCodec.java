package io.tradingsuite.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The one JSON codec of the contract messages: snake_case fields, decimals as plain JSON numbers
 * read exactly into {@link BigDecimal}, times as ISO-8601 UTC strings, null fields omitted, a
 * {@code schema_version} on every message.
 *
 * <p>Decoding tolerates unknown fields but is strict about types: no numbers as strings or strings
 * as numbers, no numeric timestamps, no duplicate keys, booleans present. It then validates with
 * {@link MessageValidator}, and every failure is an {@link InvalidMessageException} naming the
 * field. Encoding validates too, so an invalid message never leaves its producer.
 *
 * <p>{@code decode(encode(m)).equals(m)} for every valid message whose decimals have a scale >= 0;
 * a negative scale such as {@code 1E+3} is written plain, {@code 1000}, and read back with scale 0.
 * Thread-safe.
 */
public final class MessageCodec {
  /** The schema version this code writes and the highest it reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Larger messages are refused unread. */
  public static final int MAX_MESSAGE_BYTES = 1024 * 1024;

  private static final String SCHEMA_FIELD = "schema_version";
  private static final MessageCodec INSTANCE = new MessageCodec();

  private final ObjectMapper mapper = newMapper();
  private final ObjectMapper shared = newMapper();
  private final ObjectWriter writer = mapper.writer();
  private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

  private MessageCodec() {}

  public static MessageCodec instance() {
    return INSTANCE;
  }

  /**
   * A mapper configured like the codec's (naming, decimals, times, strictness), for REST bodies and
   * other JSON that should look the same. It is shared: do not reconfigure it, {@code copy()} it
   * first. It is not the codec's own, so nothing done to it changes how messages are encoded.
   */
  public ObjectMapper mapper() {
    return shared;
  }

  /**
   * Encodes {@code m} as JSON after checking it.
   *
   * @throws InvalidMessageException if the message breaks a {@link MessageValidator} rule
   */
  public byte[] encode(ContractMessage m) {
    MessageValidator.validate(m);
    try {
      return writer.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + m.getClass().getSimpleName(), e);
    }
  }

  /** {@link #encode} as a String. */
  public String encodeToString(ContractMessage m) {
    return new String(encode(m), StandardCharsets.UTF_8);
  }

  /**
   * Reads and validates one message.
   *
   * @throws InvalidMessageException if the input is empty, larger than {@link #MAX_MESSAGE_BYTES},
   *     not JSON, of a newer schema version, has a field of the wrong type, or breaks a rule
   */
  public <T extends ContractMessage> T decode(byte[] json, Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (json == null || isBlank(json)) {
      throw new InvalidMessageException(InvalidMessageException.ROOT, "empty message");
    }
    if (json.length > MAX_MESSAGE_BYTES) {
      throw tooLarge(json.length);
    }
    T message;
    try (JsonParser parser = mapper.createParser(json)) {
      try {
        message = type.cast(reader(type).readValue(parser));
      } catch (JacksonException e) {
        throw translate(e, parser); // while the parser still points at the offending token
      }
    } catch (IOException e) {
      throw new InvalidMessageException(
          InvalidMessageException.ROOT, "unreadable: " + e.getMessage(), e);
    }
    if (message == null) {
      throw new InvalidMessageException(
          InvalidMessageException.ROOT, "must be a JSON object, not null");
    }
    MessageValidator.validate(message);
    return message;
  }

  /** {@link #decode(byte[], Class)} for a String. */
  public <T extends ContractMessage> T decode(String json, Class<T> type) {
    if (json != null && json.length() > MAX_MESSAGE_BYTES) {
      throw tooLarge(json.length());
    }
    return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
  }

  private ObjectReader reader(Class<?> type) {
    return readers.computeIfAbsent(
        type, t -> mapper.readerFor(t).withHandler(new SchemaVersionCheck(t)));
  }

  private static JsonMapper newMapper() {
    SimpleModule strictInstants =
        new SimpleModule("strict-instants")
            .addDeserializer(Instant.class, new IsoInstantDeserializer());
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(
            strictInstants) // registered last, so it replaces JavaTimeModule's Instant reader
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // JSON types are the contract: "1.5" is not a number, 1.5 is not a string, "true" is not a
        // boolean
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            cfg ->
                cfg.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }

  private static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static InvalidMessageException tooLarge(int size) {
    return new InvalidMessageException(
        InvalidMessageException.ROOT,
        "message too large: " + size + " bytes, the limit is " + MAX_MESSAGE_BYTES);
  }

  private static InvalidMessageException translate(JacksonException e, JsonParser parser) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidMessageException refused) {
        return refused;
      }
    }
    // databind wraps a parse error in the middle of a value with a path that stops at the enclosing
    // object
    Throwable cause = e;
    while (cause instanceof DatabindException
        && cause.getCause() instanceof JacksonException inner) {
      cause = inner;
    }
    if (cause instanceof JsonMappingException m) {
      return new InvalidMessageException(path(m.getPath()), describe(m, parser), e);
    }
    JsonProcessingException malformed = (JsonProcessingException) cause;
    JsonLocation at = malformed.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new InvalidMessageException(
        path(parser.getParsingContext()),
        "malformed JSON: " + firstClause(malformed.getOriginalMessage()) + where,
        e);
  }

  /**
   * {@code exit_plan.minimal_roi}, {@code reasons[2]}; {@value InvalidMessageException#ROOT} for
   * the root.
   */
  private static String path(Collection<JsonMappingException.Reference> refs) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.length() == 0 ? InvalidMessageException.ROOT : s.toString();
  }

  private static String path(JsonStreamContext context) {
    StringBuilder s = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        s.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        s.insert(
            0, (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
      }
    }
    return s.length() == 0 ? InvalidMessageException.ROOT : s.toString();
  }

  private static String describe(JsonMappingException e, JsonParser parser) {
    Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (target == null) {
      return firstClause(e.getOriginalMessage());
    }
    if (parser.currentToken() == JsonToken.END_OBJECT) {
      return "is required, expected " + expectation(target);
    }
    String got;
    if (e instanceof InvalidFormatException f && f.getValue() != null) {
      got = f.getValue() instanceof String s ? quoted(s) : String.valueOf(f.getValue());
    } else {
      got = token(parser);
    }
    return "expected " + expectation(target) + (got == null ? "" : ", got " + got);
  }

  private static String expectation(Class<?> type) {
    if (type == BigDecimal.class
        || (Number.class.isAssignableFrom(type) && type != Integer.class)) {
      return "a JSON number";
    }
    if (type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == String.class) {
      return "a JSON string";
    }
    if (type == Instant.class) {
      return "an ISO-8601 UTC time string like 2024-01-01T00:00:00Z";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord()
        ? "a JSON object"
        : type.getSimpleName();
  }

  private static String token(JsonParser p) {
    JsonToken t = p.currentToken();
    if (t == null) {
      return null;
    }
    try {
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> quoted(p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
            p.getText();
        default -> null;
      };
    } catch (IOException e) {
      return null;
    }
  }

  private static String quoted(String s) {
    return '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
  }

  /** Jackson's message up to its first hint or source excerpt. */
  private static String firstClause(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message.lines().findFirst().orElse(message);
    int hint = m.indexOf(": enable ");
    return hint > 0 ? m.substring(0, hint) : m;
  }

  /**
   * Reads {@code schema_version} at the top of a message: absent means 1, newer than ours is
   * refused.
   */
  private static final class SchemaVersionCheck extends DeserializationProblemHandler {
    private final Class<?> root;

    SchemaVersionCheck(Class<?> root) {
      this.root = root;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      if (!SCHEMA_FIELD.equals(propertyName)
          || deserializer == null
          || deserializer.handledType() != root) {
        return false;
      }
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT) {
        throw new InvalidMessageException(SCHEMA_FIELD, "must be an integer, got " + token(p));
      }
      int version = p.getIntValue();
      if (version < 1 || version > SCHEMA_VERSION) {
        throw new InvalidMessageException(
            SCHEMA_FIELD,
            "unsupported schema version "
                + version
                + ", this reader supports 1 to "
                + SCHEMA_VERSION);
      }
      return true;
    }
  }

  /** ISO-8601 strings only: a bare number could be seconds or milliseconds, so it is refused. */
  private static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    IsoInstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      String text = p.getText();
      try {
        return Instant.parse(text);
      } catch (DateTimeException e) {
        return (Instant)
            ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 UTC time");
      }
    }
  }
}
