package org.liandong.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Text in request bodies may not contain U+0000 (NUL): PostgreSQL cannot store it in text columns
 * (SQLSTATE 22021), and no field of ours has a use for it. Refusing it while the JSON is read makes
 * it a 400 problem naming the field (ProblemMappers, via the Jackson path), the same on H2 and
 * PostgreSQL, instead of a 500 from the database.
 */
@Singleton
public class JsonTextRules implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("liandong-text").addDeserializer(String.class, new NoNulStrings()));
    }

    static final class NoNulStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, "contains a NUL character (U+0000)");
            }
            return value;
        }
    }
}
