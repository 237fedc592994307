package dev.jalloy.component.loki.source.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.jalloy.component.loki.write.wire.LabelSetString;
import dev.jalloy.component.loki.write.wire.MalformedPushException;
import dev.jalloy.component.loki.write.wire.PushEntry;
import dev.jalloy.component.loki.write.wire.PushRequest;
import dev.jalloy.component.loki.write.wire.PushStream;
import dev.jalloy.model.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the JSON push body (spec 7.2): {@code {"streams":[{"stream":{..},"values":[["<unix
 * ns>","line",{..metadata..}]]}]}}. Streaming with Jackson's parser, so a large body is never a
 * tree. Timestamps are strings of Unix nanoseconds (integers are accepted too); the optional third
 * element of a value is structured metadata with string values. Unknown fields are skipped, as Loki
 * does.
 */
final class PushJsonDecoder {
  private static final JsonFactory JSON = new JsonFactory();

  private PushJsonDecoder() {}

  static PushRequest decode(byte[] body) throws MalformedPushException {
    try (JsonParser p = JSON.createParser(body)) {
      List<PushStream> streams = new ArrayList<>();
      expect(p.nextToken(), JsonToken.START_OBJECT, "the body");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("streams") && t != JsonToken.VALUE_NULL) {
          expect(t, JsonToken.START_ARRAY, "streams");
          while (p.nextToken() != JsonToken.END_ARRAY) {
            streams.add(stream(p));
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new MalformedPushException("unexpected data after the JSON object");
      }
      return new PushRequest(streams);
    } catch (JsonProcessingException e) {
      throw new MalformedPushException("invalid JSON push request: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedPushException("invalid JSON push request: " + e.getMessage(), e);
    }
  }

  private static PushStream stream(JsonParser p) throws IOException, MalformedPushException {
    expect(p.currentToken(), JsonToken.START_OBJECT, "a stream");
    Labels labels = Labels.EMPTY;
    List<PushEntry> entries = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "stream" -> labels = stringMap(p, "stream");
        case "values" -> {
          if (t != JsonToken.VALUE_NULL) {
            expect(t, JsonToken.START_ARRAY, "values");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              entries.add(value(p));
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return new PushStream(LabelSetString.format(labels), entries);
  }

  private static PushEntry value(JsonParser p) throws IOException, MalformedPushException {
    expect(p.currentToken(), JsonToken.START_ARRAY, "a value");
    long ts = timestamp(p.nextToken(), p);
    JsonToken t = p.nextToken();
    expect(t, JsonToken.VALUE_STRING, "a log line");
    String line = p.getText();
    Labels metadata = Labels.EMPTY;
    t = p.nextToken();
    if (t == JsonToken.START_OBJECT) {
      metadata = stringMap(p, "structured metadata");
      t = p.nextToken();
    } else if (t == JsonToken.VALUE_NULL) {
      t = p.nextToken();
    }
    if (t != JsonToken.END_ARRAY) {
      throw new MalformedPushException(
          "a value must be [timestamp, line] or [timestamp, line, {metadata}]");
    }
    return new PushEntry(ts, line, metadata);
  }

  private static long timestamp(JsonToken t, JsonParser p)
      throws IOException, MalformedPushException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    expect(t, JsonToken.VALUE_STRING, "a timestamp");
    String s = p.getText();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new MalformedPushException("timestamp " + s + " is not a string of Unix nanoseconds");
    }
  }

  private static Labels stringMap(JsonParser p, String what)
      throws IOException, MalformedPushException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Labels.EMPTY;
    }
    expect(p.currentToken(), JsonToken.START_OBJECT, what);
    Labels.Builder b = Labels.builder();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      expect(p.nextToken(), JsonToken.VALUE_STRING, "the value of " + name + " in " + what);
      b.set(name, p.getText());
    }
    return b.build();
  }

  private static void expect(JsonToken got, JsonToken want, String what)
      throws MalformedPushException {
    if (got != want) {
      throw new MalformedPushException(
          "invalid JSON push request: expected "
              + describe(want)
              + " for "
              + what
              + " but found "
              + (got == null ? "end of input" : describe(got)));
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
