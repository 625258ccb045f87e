package dev.errand.bot.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;

import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class ApiExceptionMappersTest {
    private static final Pattern LEAK = Pattern.compile(
            "dev\\.errand|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.jboss|io\\.quarkus|Exception");

    private static ValidatableResponse chat(String body) {
        return given().header("Authorization", bearer(LI_LEI)).contentType("application/json").body(body).post("/api/chat").then();
    }

    private static void assertNoClassNames(ValidatableResponse response) {
        String body = response.extract().asString();
        assertThat(LEAK.matcher(body).find()).as(body).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"text":"/help","text":"/order 8812"}       | duplicate field 'text'
            {"text":5}                                  | field 'text' must be a string
            {"tenant":"acme","user":"u1","text":"/help"} | unknown field 'tenant'
            {"user":"u1","text":"/help"}                | unknown field 'user'
            {"text":"/help\\u0000"}                      | field 'text' contains a control character
            [{"text":"/help"}]                          | body must be a JSON object
            {"text":"/help",                            | body is not valid JSON (line 1, column 17)
            """)
    void should_answer_400_naming_the_field_of_a_malformed_chat_request(String body, String error) {
        ValidatableResponse response = chat(body).statusCode(400).contentType("application/json")
                .body("error", equalTo(error));
        assertNoClassNames(response);
    }

    @Test
    void should_check_lengths_before_the_database_sees_them() {
        chat("{\"text\":\"" + "x".repeat(8001) + "\"}").statusCode(400)
                .body("error", equalTo("field 'text' is longer than 8000 characters"));
    }

    @Test
    void should_answer_400_to_a_body_that_is_no_text_at_all() {
        byte[] utf32Garbage = {0, 0, 0, '{', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xc0, (byte) 0x80, '"', '}'};

        for (byte[] body : new byte[][] {utf32Garbage, invalidUtf8}) {
            ValidatableResponse response = given().header("Authorization", bearer(LI_LEI)).contentType("application/json").body(body).post("/api/chat").then()
                    .statusCode(400).contentType("application/json");
            assertNoClassNames(response);
        }
    }

    @Test
    void should_answer_json_errors_for_paths_methods_and_media_types() {
        assertNoClassNames(given().get("/no/such/path").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("no resource at this path")));
        assertNoClassNames(given().header("Authorization", bearer(LI_LEI)).get("/api/chat").then().statusCode(405).contentType("application/json")
                .body("error", startsWith("method not allowed")));
        assertNoClassNames(given().header("Authorization", bearer(LI_LEI)).contentType("text/plain").body("hello").post("/api/chat").then().statusCode(415)
                .body("error", equalTo("content type not supported; send application/json")));
        assertNoClassNames(given().header("Authorization", bearer(LI_LEI)).accept("text/xml").get("/api/runs").then().statusCode(406)
                .contentType("application/json")
                .body("error", equalTo("only application/json responses are available")));
        assertNoClassNames(given().header("Authorization", bearer(LI_LEI)).get("/api/runs/not-a-uuid").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("run not-a-uuid not found")));
        assertNoClassNames(given().header("Authorization", bearer(LI_LEI)).get("/api/runs?limit=lots").then().statusCode(404).contentType("application/json"));
    }
}
