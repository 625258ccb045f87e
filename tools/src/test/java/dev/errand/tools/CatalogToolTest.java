package dev.errand.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.orders.OrderSummary;
import dev.errand.tools.payments.GetPaymentTool;
import dev.errand.tools.payments.RefundPaymentTool;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogToolTest {

    /** A tool without {@link CatalogTool} would be silently missing from the application's catalog. */
    @Test
    void should_mark_every_tool_of_this_module_for_the_catalog() throws Exception {
        List<Class<?>> tools = toolClasses();

        assertThat(tools).contains(GetOrderTool.class, GetPaymentTool.class, RefundPaymentTool.class);
        assertThat(tools).allSatisfy(tool -> assertThat(tool.isAnnotationPresent(CatalogTool.class))
                .as("%s is annotated @CatalogTool", tool.getName()).isTrue());
    }

    @Test
    void should_make_catalog_tool_a_cdi_stereotype_with_a_scope() {
        assertThat(CatalogTool.class.isAnnotationPresent(jakarta.enterprise.inject.Stereotype.class)).isTrue();
        assertThat(CatalogTool.class.isAnnotationPresent(jakarta.inject.Singleton.class)).isTrue();
        assertThat(getClass().getResource("/META-INF/beans.xml")).as("tools jar is a bean archive").isNotNull();
    }

    @Test
    void should_give_the_built_in_commands_from_their_tools() {
        assertThat(new GetOrderTool(new DemoShopConnector()).slashCommand()).hasValueSatisfying(command -> {
            assertThat(command.name()).isEqualTo("order");
            assertThat(command.arguments()).isEmpty(); // all of the argument record's components
        });
        assertThat(new GetPaymentTool(new DemoPaymentsConnector()).slashCommand().map(SlashCommand::name))
                .hasValue("payment");
        assertThat(new RefundPaymentTool(new DemoPaymentsConnector()).slashCommand().map(SlashCommand::summary))
                .hasValueSatisfying(summary -> assertThat(summary).contains("/refund 8812 20.00 CNY"));
    }

    @Test
    void should_declare_no_command_for_a_tool_without_the_annotation() {
        AgentTool<GetOrderTool.Args, OrderSummary> bare = new AgentTool<>() {
            @Override
            public ToolName name() {
                return ToolName.of("bare");
            }

            @Override
            public String description() {
                return "no command";
            }

            @Override
            public Class<GetOrderTool.Args> argumentsType() {
                return GetOrderTool.Args.class;
            }

            @Override
            public Class<OrderSummary> resultType() {
                return OrderSummary.class;
            }

            @Override
            public OrderSummary call(GetOrderTool.Args arguments, ToolContext context) {
                throw new UnsupportedOperationException();
            }
        };

        assertThat(bare.slashCommand()).isEmpty();
    }

    @Test
    void should_call_demo_data_demo_data() {
        OrderSummary demo = new GetOrderTool(new DemoShopConnector()).call(
                new GetOrderTool.Args(dev.errand.connectors.shop.OrderId.of("8812")),
                new ToolContext("acme", "alice", java.util.UUID.randomUUID(), "s1"));

        assertThat(demo.demoData()).isTrue();
        assertThat(new OrderSummary(demo.orderId(), demo.status(), demo.items(), demo.amount(), demo.buyer(),
                DataOrigin.LIVE).demoData()).isFalse();
    }

    private static List<Class<?>> toolClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(AgentTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(CatalogToolTest::load)
                    .filter(c -> AgentTool.class.isAssignableFrom(c) && !c.isInterface()
                            && !Modifier.isAbstract(c.getModifiers()) && !c.isAnonymousClass())
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CatalogToolTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
