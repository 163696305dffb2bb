package io.hivesafe.hive.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Any operation Hivesafe does not interpret (vote, comment, pow, …), carried as its legacy name and
 * its JSON body exactly as the API sent it. It cannot be serialized to bytes.
 */
public record OtherOperation(String name, JsonNode body) implements Operation {
  public OtherOperation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
  }
}
