package org.liandong.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Query parameters of enum, number and time types. JAX-RS answers a query parameter it cannot
 * convert with a bare 404 (the spec's rule for {@code @QueryParam}); here it is a 400 problem naming
 * the parameter and what it accepts ({@code GET /api/projects?status=XYZ} → {@code status}).
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    /** A query parameter that could not be read; {@link ProblemMappers} names it in the problem. */
    public static class InvalidParameter extends BadRequestException {
        private final String parameter;

        InvalidParameter(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = Arrays.stream(annotations)
                .filter(QueryParam.class::isInstance)
                .map(a -> ((QueryParam) a).value())
                .findFirst()
                .orElse(null);
        if (name == null) {
            return null; // path parameters keep JAX-RS behaviour: an unreadable id is a resource that does not exist
            // (404)
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(
                    name,
                    "must be one of " + allowed,
                    s -> Enum.valueOf(type, s.strip().toUpperCase(Locale.ROOT)));
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>)
                    converter(name, "must be an ISO-8601 instant such as 2026-11-30T01:00:00Z", Instant::parse);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "must be a date such as 2026-11-30", LocalDate::parse);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", s -> Long.valueOf(s.strip()));
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", s -> Integer.valueOf(s.strip()));
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, String expected, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value);
                } catch (RuntimeException e) {
                    throw new InvalidParameter(name, expected);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
