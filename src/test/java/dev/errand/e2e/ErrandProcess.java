package dev.errand.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application ({@code workplace-bot/target/quarkus-app/quarkus-run.jar}, path in system property
 * {@code errand.app.jar}) started as a user starts it: {@code java -jar} in a fresh working directory, configured by
 * environment variables only. The embedded database and any generated secret land in {@code ./data} of that
 * directory unless {@code ERRAND_DATA_DIR} says otherwise. Standard output and error of every start go to one log
 * file, readable through {@link #output()}.
 */
public final class ErrandProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String jarProperty;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ErrandProcess(String jarProperty, Map<String, String> env, Path workDir, int port) {
        this.jarProperty = jarProperty;
        this.env = Map.copyOf(env);
        this.workDir = workDir;
        this.log = workDir.resolve("errand-output.log");
        this.port = port;
    }

    /** Starts the application on a free port with {@code env} and waits until {@code /q/health/ready} answers 200. */
    public static ErrandProcess start(Map<String, String> env) {
        return start("errand.app.jar", env);
    }

    /**
     * Like {@link #start(Map)}, with the package built with the {@code server} profile (PostgreSQL and RabbitMQ,
     * {@code workplace-bot/target/server/quarkus-run.jar}, path in system property
     * {@code errand.app.server.jar}); it starts in that profile.
     */
    public static ErrandProcess startServer(Map<String, String> env) {
        return start("errand.app.server.jar", env);
    }

    private static ErrandProcess start(String jarProperty, Map<String, String> env) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("errand-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ErrandProcess app = new ErrandProcess(jarProperty, env, workDir, freePort());
        app.launch();
        return app;
    }

    /** {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The process's working directory (it holds {@code ./data} by default). */
    public Path workDir() {
        return workDir;
    }

    /** The data directory: {@code ERRAND_DATA_DIR} when the test set it, else {@code ./data} of the working directory. */
    public Path dataDir() {
        String configured = env.get("ERRAND_DATA_DIR");
        return configured == null ? workDir.resolve("data") : workDir.resolve(configured);
    }

    /**
     * The API key of the demo policy's {@code demo.admin} (support and admin of tenant {@code demo}), which the
     * application generated into {@code <data dir>/api-key} at its first start.
     */
    public String apiKey() {
        return readKey("api-key");
    }

    /** The API key of the demo policy's {@code demo.approver} (finance), in {@code <data dir>/approver-api-key}. */
    public String approverApiKey() {
        return readKey("approver-api-key");
    }

    private String readKey(String name) {
        try {
            return Files.readString(dataDir().resolve(name), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no generated API key in " + dataDir().resolve(name), e);
        }
    }

    /** {@code Bearer <demo.admin's key>}, for the Authorization header of {@code /api/*}. */
    public String bearer() {
        return "Bearer " + apiKey();
    }

    /** Everything the process (all of its starts) wrote to standard output and standard error so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that none of {@code secrets} appears in the output of any start so far; the output must show that the
     * application started, so that a capture that failed cannot pass for a clean log.
     */
    public void assertOutputKeepsSecret(String... secrets) {
        String output = output();
        assertThat(output).as("process output").contains("Listening on: http://");
        for (String secret : secrets) {
            assertThat(output.contains(secret)).as("a configured secret (%s...) appears in the process output",
                    secret.substring(0, 6)).isFalse();
        }
    }

    /** Stops the process as a service manager would (SIGTERM, then a forced kill if it hangs). */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Kills the process without warning (SIGKILL), as a crash or an out-of-memory killer would; {@link #restart()} starts it again. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the process and starts it again in the same working directory, on the same port, with the same environment. */
    public void restart() {
        stop();
        launch();
    }

    /** Stops the process and deletes its working directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a left-over temporary directory is harmless
        }
    }

    private void launch() {
        String jar = System.getProperty(jarProperty);
        assertThat(jar).as("system property " + jarProperty + " (set by src/test/pom.xml)").isNotBlank();
        assertThat(Path.of(jar)).as("the packaged application; build it with mvn install -DskipTests").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", Path.of(jar).toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        // only what the test says configures the application, not what happens to be set on this machine
        environment.keySet().removeIf(name -> name.startsWith("ERRAND_") || name.startsWith("QUARKUS_"));
        Map<String, String> settings = new LinkedHashMap<>(env);
        settings.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.putAll(settings);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            await("Errand ready at " + baseUrl())
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(ConnectException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Errand exited with code " + process.exitValue());
                        }
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            String output = output();
            stop();
            throw new AssertionError("Errand did not become ready: " + e.getMessage() + "\n--- process output ---\n"
                    + output, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
