package io.hivesafe.hive.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.hivesafe.hive.HiveFormatException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hived's hardfork version, {@code major.minor.patch} as condenser_api.get_hardfork_version sends it
 * ("1.28.0"). The hardfork number is the minor part: "0.13.0" is HF13, "1.28.0" is HF28. Ranges follow
 * fc's packed version (u8.u8.u16).
 */
public record HardforkVersion(int major, int minor, int patch) implements Comparable<HardforkVersion> {
  private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,4})");
  private static final Comparator<HardforkVersion> ORDER =
      Comparator.comparingInt(HardforkVersion::major)
          .thenComparingInt(HardforkVersion::minor)
          .thenComparingInt(HardforkVersion::patch);

  public HardforkVersion {
    if (major < 0 || major > 0xff || minor < 0 || minor > 0xff || patch < 0 || patch > 0xffff) {
      throw new HiveFormatException("hardfork version parts must be u8.u8.u16, got " + major + "." + minor + "." + patch);
    }
  }

  /** Parses {@code "1.28.0"}: three decimal parts, no sign, no leading zeros, nothing else. */
  public static HardforkVersion parse(String text) {
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new HiveFormatException("hardfork version must look like '1.28.0', got '" + text + "'");
    }
    return new HardforkVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  /** The bare JSON string result of condenser_api.get_hardfork_version. */
  public static HardforkVersion read(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw new HiveFormatException("hardfork version must be a JSON string, got " + node);
    }
    return parse(node.asText());
  }

  /** The hardfork number: the minor part. */
  public int hardfork() {
    return minor;
  }

  @Override
  public int compareTo(HardforkVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
