package io.hivesafe.engine.doctor;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that keeps the lines a reused node component writes (through {@link io.hivesafe.engine.NodeEvents})
 * instead of printing them, so that doctor's report stays one line per check and can quote the reason a
 * component gave.
 */
final class CapturedLog extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  private final List<String> lines = new ArrayList<>();

  CapturedLog() {
    this.name = "doctor";
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable throwable) {
    lines.add(MessageFormatter.basicArrayFormat(pattern, arguments));
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
