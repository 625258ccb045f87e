package dev.errand.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.agent.catalog.ToolCatalog;
import dev.errand.agent.testing.CountingPayments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * agent-core knows tools only through the tools SPI ({@code dev.errand.tools} and its {@code schema}) and
 * money only as {@code dev.errand.money}: no concrete tool and no connector type. Read from the compiled
 * classes, whose constant pools name every type a class uses, however it was written in the source.
 */
class ArchitectureTest {
    /** A connector type, or a type in a package under dev.errand.tools other than the SPI's schema. */
    private static final Pattern FORBIDDEN =
            Pattern.compile("dev/errand/(connectors/[A-Za-z0-9_/$]+|tools/(?!schema/)[a-z][a-z0-9_]*/[A-Za-z0-9_/$]+)");

    @Test
    void should_use_neither_concrete_tools_nor_connector_types_in_agent_core() {
        assertThat(violations(classesOf(ToolCatalog.class))).isEmpty();
    }

    @Test
    void should_see_a_connector_type_where_one_is_used() {
        // the test fixtures use connectors freely: the scan must find them there, or it proves nothing above
        assertThat(violations(classesOf(CountingPayments.class)))
                .anySatisfy(v -> assertThat(v).contains("CountingPayments.class uses dev/errand/connectors/payments/"))
                .anySatisfy(v -> assertThat(v).contains("uses dev/errand/tools/orders/GetOrderTool"));
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> violations(Path classes) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).sorted().forEach(file -> {
                // class names sit in the constant pool as (modified) UTF-8, ASCII for ours
                String bytes = new String(read(file), StandardCharsets.ISO_8859_1);
                Matcher m = FORBIDDEN.matcher(bytes);
                while (m.find()) {
                    String use = classes.relativize(file) + " uses " + m.group();
                    if (!found.contains(use)) {
                        found.add(use);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
