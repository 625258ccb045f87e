package dev.errand.bot.wiring;

import static dev.errand.bot.testkit.TestKeys.LI_LEI;
import static dev.errand.bot.testkit.TestKeys.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.bot.testkit.SessionWebhookResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tool class marked {@code @CatalogTool} is in the running application's catalog and answers its
 * {@code @SlashCommand}, with its connector injected: {@link OrderStatusTool} is written nowhere else. A tool
 * built by hand gets in by one producer method ({@link ExampleToolProducer}).
 */
@QuarkusTest
@TestProfile(ToolDiscoveryTest.WithExampleTool.class)
@QuarkusTestResource(SessionWebhookResource.class)
class ToolDiscoveryTest {
    /** A fixed path: the test and the application load this class in different class loaders. */
    static final Path POLICY = Path.of("target/tool-discovery-policy.yaml").toAbsolutePath();

    /** The example tool no longer excluded, and allowed to acme's support role in a copy of the test policy. */
    public static class WithExampleTool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                String policy = Files.readString(Path.of("src/test/resources/test-policy.yaml"));
                String support = "- name: support\n        tools: [get_order, get_payment, refund_payment";
                if (!policy.contains(support)) {
                    throw new IllegalStateException("test-policy.yaml has no support role to extend");
                }
                Files.createDirectories(POLICY.getParent());
                Files.writeString(POLICY, policy.replaceFirst(java.util.regex.Pattern.quote(support),
                        support + ", order_paid, order_status"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // exclude a type that does not exist instead of the example tools
            return Map.of("quarkus.arc.exclude-types", "dev.errand.bot.wiring.NoSuchTool",
                    "errand.policy.file", POLICY.toString());
        }
    }

    @Inject
    ToolCatalog catalog;

    @Test
    void should_find_every_catalog_tool_sorted_by_name() {
        assertThat(catalog.entries()).extracting(e -> e.tool().name().value())
                .containsExactly("get_logistics", "get_order", "get_order_refunds", "get_payment", "get_refund", "list_orders",
                        "order_paid", "order_status", "refund_payment", "search_documents");
        assertThat(catalog.entries()).extracting(e -> e.tool().getClass().getName())
                .contains(OrderStatusTool.class.getName());
    }

    @Test
    void should_answer_the_slash_command_the_tool_declares_with_its_injected_connector() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/status 8814\"}")
                .post("/api/chat")
                .then().statusCode(200)
                .body("title", equalTo("Status of order 8814"))
                .body("text", containsString("Order 8814: TRADE_CLOSED"))
                .body("text", containsString("_Demo data:"));
    }

    @Test
    void should_answer_the_command_of_a_tool_registered_by_a_producer() {
        given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/paid 8812\"}")
                .post("/api/chat")
                .then().statusCode(200)
                .body("title", equalTo("Payment status of order 8812"))
                .body("text", containsString("Order 8812 payment: TRADE_SUCCESS"));
    }

    @Test
    void should_list_the_new_command_in_help_by_name() {
        String help = given().header("Authorization", bearer(LI_LEI)).contentType("application/json")
                .body("{\"text\":\"/help\"}")
                .post("/api/chat")
                .then().statusCode(200).extract().path("text");

        assertThat(help).contains("- `/status <order id>`: the status of an order, in one line\n");
        assertThat(help.indexOf("`/refund")).isLessThan(help.indexOf("`/status"));
        assertThat(help.indexOf("`/status")).isLessThan(help.indexOf("`/help"));
    }
}
