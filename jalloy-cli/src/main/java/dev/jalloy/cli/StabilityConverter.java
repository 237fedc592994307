package dev.jalloy.cli;

import dev.jalloy.component.Stability;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --stability.level} as Alloy spells its values. */
final class StabilityConverter implements ITypeConverter<Stability> {
  @Override
  public Stability convert(String value) {
    return Stability.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "invalid stability level \""
                        + value
                        + "\"; expected one of "
                        + Arrays.stream(Stability.values())
                            .map(Stability::flagValue)
                            .collect(Collectors.joining("|"))));
  }
}
