package io.deploycheck.cli;

import io.deploycheck.diagnosis.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every command's Go-style duration options ({@code 90s}, {@code 3m}, {@code 1h30m}), parsed one way. */
public class GoDurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Invalid(e.getMessage());
    }
  }

  /**
   * Whole seconds of at least 1s, for durations a DeployCheck stores (wait's timeout and stuckAfter): sub-second
   * waits make no sense there.
   */
  public static final class WholeSeconds extends GoDurationConverter {
    @Override
    public Duration convert(String text) {
      Duration value = super.convert(text);
      if (value.isZero() || value.toNanos() % 1_000_000_000L != 0) {
        throw new Invalid("\"" + text + "\" must be a whole number of seconds, at least 1s");
      }
      return value;
    }
  }

  /** A value that is not a Go duration; {@link Main} prints it as {@code --option: why}, like other bad input. */
  static final class Invalid extends TypeConversionException {
    Invalid(String message) {
      super(message);
    }
  }
}
