package dev.errand.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.connectors.DataOrigin;
import dev.errand.connectors.payments.demo.DemoPaymentsConnector;
import dev.errand.connectors.shop.demo.DemoShopConnector;
import dev.errand.tools.orders.GetOrderTool;
import dev.errand.tools.orders.OrderSummary;
import dev.errand.tools.payments.RefundPaymentTool;
import dev.errand.tools.payments.RefundSummary;
import org.junit.jupiter.api.Test;

class TypeArgumentsTest {

    record Args(String text) {
    }

    record Done(DataOrigin origin) implements ToolResult {
        @Override
        public String title() {
            return "done";
        }

        @Override
        public String markdown() {
            return "done";
        }
    }

    /** Binds the result itself, leaves the arguments to subclasses. */
    abstract static class Base<X extends Record> implements AgentTool<X, Done> {
        @Override
        public ToolName name() {
            return ToolName.of("base");
        }

        @Override
        public String description() {
            return "a base";
        }

        @Override
        public Done call(X arguments, ToolContext context) {
            return new Done(DataOrigin.LIVE);
        }
    }

    static final class Derived extends Base<Args> {
    }

    interface TextTool<R extends ToolResult> extends AgentTool<Args, R> {
    }

    static final class ThroughInterface extends Base<Args> implements TextTool<Done> {
    }

    static final class Unbound<X extends Record> extends Base<X> {
    }

    @Test
    void should_read_the_records_a_tool_binds_directly() {
        var refund = new RefundPaymentTool(new DemoPaymentsConnector());

        assertThat(refund.argumentsType()).isEqualTo(RefundPaymentTool.Args.class);
        assertThat(refund.resultType()).isEqualTo(RefundSummary.class);
        assertThat(new GetOrderTool(new DemoShopConnector()).resultType()).isEqualTo(OrderSummary.class);
    }

    @Test
    void should_follow_type_parameters_through_a_superclass_and_a_sub_interface() {
        assertThat(new Derived().argumentsType()).isEqualTo(Args.class);
        assertThat(new Derived().resultType()).isEqualTo(Done.class);
        assertThat(new ThroughInterface().argumentsType()).isEqualTo(Args.class);
    }

    @Test
    void should_ask_for_the_types_when_the_class_leaves_them_open() {
        assertThatThrownBy(() -> new Unbound<Args>().argumentsType())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("override argumentsType() and resultType()");
    }
}
