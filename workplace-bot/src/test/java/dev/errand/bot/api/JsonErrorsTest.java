package dev.errand.bot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.bot.chat.api.ChatApiResource.ChatRequest;
import dev.errand.bot.chat.dingtalk.DingTalkCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonErrorsTest {
    private static final ObjectMapper JSON = mapper();

    private static ObjectMapper mapper() {
        // as Quarkus configures it, plus this application's customizer
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    private static String describe(String body, Class<?> type) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> JSON.readValue(body, type));
        assertThat(e).as("reading " + body).isNotNull();
        String message = JsonErrors.describe(e);
        assertThat(ApiError.leaksInternals(message)).as(message).isFalse();
        return message;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"tenant":"a","user":"u","text":"x","text":"y"}  | duplicate field 'text'
            {"tenant":"a","tenant":"b"}                      | duplicate field 'tenant'
            {"tenant":"a","user":"u","text":5}               | field 'text' must be a string
            {"tenant":"a","user":"u","text":true}            | field 'text' must be a string
            {"tenant":"a","user":"u","text":[5]}             | field 'text' must be a string
            {"text":{}}                                      | field 'text' must be a string
            {"text":1.5}                                     | field 'text' must be a string
            [1]                                              | body must be a JSON object
            "x"                                              | body must be a JSON object
            5                                                | body must be a JSON object
            ''                                               | body is empty
            {not json                                        | body is not valid JSON (line 1, column 2)
            {"tenant":"a",}                                  | body is not valid JSON (line 1, column 15)
            """)
    void should_name_the_field_of_a_bad_chat_request(String body, String expected) {
        assertThat(describe(body.equals("''") ? "" : body, ChatRequest.class)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"msgId":["a"]}                                  | field 'msgId' must be a string
            {"text":5}                                       | field 'text' must be an object
            {"text":"hello"}                                 | field 'text' must be an object
            {"text":{"content":5}}                           | field 'text.content' must be a string
            {"text":{"content":"a","content":"b"}}           | duplicate field 'content'
            {"createAt":"soon"}                              | field 'createAt' must be an integer
            {"createAt":true}                                | field 'createAt' must be an integer
            {"createAt":99999999999999999999999}             | field 'createAt' is out of range
            {"sessionWebhookExpiredTime":1e300}              | field 'sessionWebhookExpiredTime' is out of range
            {"java.lang.String":1,"java.lang.String":2}      | body has a duplicate field
            """)
    void should_name_the_field_of_a_bad_dingtalk_callback(String body, String expected) {
        assertThat(describe(body, DingTalkCallback.class)).isEqualTo(expected);
    }

    @Test
    void should_say_which_field_is_not_utf8() throws Exception {
        byte[] body = "{\"text\":\"a\u00ff\u00fe\"}".getBytes("ISO-8859-1");
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> JSON.readValue(body, ChatRequest.class));

        assertThat(JsonErrors.describe(e)).startsWith("field 'text' is not valid UTF-8 (line 1, column ");
    }

    @ParameterizedTest
    @CsvSource({"2000", "1500"})
    void should_refuse_deep_nesting_without_naming_jackson(int depth) {
        String body = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThat(describe(body, ChatRequest.class))
                .isEqualTo("body is nested too deeply or holds a number or a string that is too long");
    }
}
