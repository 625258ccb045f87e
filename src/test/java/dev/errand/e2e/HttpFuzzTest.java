package dev.errand.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Malformed requests over every HTTP endpoint of the packaged application (the DingTalk callback signed and
 * unsigned, {@code /api/chat}, {@code /api/runs}, {@code /api/approvals}, {@code /api/documents}, the payment
 * platform's notifications, unknown paths and methods): none may be answered 5xx, and no
 * answer may name a Java class or package. Bodies start from a valid request and are edited (wrong types,
 * over-long fields, control characters, duplicate keys, removed fields) and damaged (truncated, invalid UTF-8,
 * deeply nested, huge). A callback's session webhook is on a local stub or on DingTalk's real host, which the
 * application is not allowed to call, so no reply goes anywhere else.
 */
class HttpFuzzTest {
    private static final String SECRET = "fuzz-dingtalk-secret-Hq4mX8rT2v";
    private static final Pattern LEAK = Pattern.compile(
            "dev\\.errand|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.jboss|io\\.quarkus|Exception");
    /** Around every limit of a stored field (ids 128/255, text 8000, reply address 2048), and far beyond. */
    private static final List<Integer> LENGTHS = List.of(0, 1, 127, 128, 129, 254, 255, 256, 2047, 2048, 2049, 7999,
            8000, 8001, 20_000, 300_000);
    /** Names that must never come back, even when the caller sends them as keys or paths. */
    private static final List<String> BAIT = List.of("dev.errand.bot.chat.ChatMessage", "java.lang.String",
            "com.fasterxml.jackson.Foo", "IllegalStateException", "jakarta.ws.rs.Path", "io.quarkus.X");
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    /** Answers by endpoint and status, printed at the end to show what the run covered. */
    private static final Map<String, Integer> ANSWERS = new ConcurrentSkipListMap<>();

    private static SessionWebhook webhook;
    private static ErrandProcess app;
    private static HttpClient http;
    private static int port;
    private static long startedAt;

    @BeforeContainer
    static void startErrand() {
        webhook = SessionWebhook.start();
        app = ErrandProcess.start(Map.of(
                "ERRAND_DINGTALK_APP_SECRET", SECRET,
                "ERRAND_DINGTALK_WEBHOOK_HOSTS", webhook.allowedHost()));
        port = URI.create(app.baseUrl()).getPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
        startedAt = System.nanoTime();
    }

    @AfterContainer
    static void stopErrand() {
        try {
            System.out.printf("HttpFuzzTest: %d requests in %.1f s; answers: %s%n", REQUESTS.get(),
                    (System.nanoTime() - startedAt) / 1e9, ANSWERS);
            if (app != null) {
                // a 5xx would have failed a property already; this also catches one the app logged but hid
                assertThat(app.output()).as("application output").doesNotContain("HTTP Request to /")
                        .doesNotContain("(error ");
                app.assertOutputKeepsSecret(SECRET);
            }
        } finally {
            if (app != null) {
                app.close();
            }
            if (webhook != null) {
                webhook.close();
            }
        }
    }

    // ---- the properties: 1600 + 500 + 1500 + 600 + 200 + 800 + 900 + 700 = 6800 requests

    @Property(tries = 1600, generation = GenerationMode.RANDOMIZED)
    void signed_callbacks_are_answered_200_or_400_naming_the_field(@ForAll("callbackEdits") List<Edit> edits,
            @ForAll("damage") Damage damage, @ForAll("callbackContentTypes") String contentType,
            @ForAll("toStub") boolean toStub) {
        byte[] body = damage.apply(render(Edit.applyAll(edits, validCallback(toStub))));
        long timestamp = DingTalkRobot.nextTimestamp();

        Answer answer = post("/bot/dingtalk", contentType, body,
                Map.of("timestamp", Long.toString(timestamp), "sign", DingTalkSigner.sign(SECRET, timestamp)));

        assertSafe(answer);
        // 415: a Content-Type header that is no media type at all
        assertThat(answer.status()).as(answer.toString()).isIn(200, 400, 413, 415);
        if (answer.status() == 200) {
            assertThat(answer.body()).isEqualTo("{}");
        }
    }

    @Property(tries = 500, generation = GenerationMode.RANDOMIZED)
    void unsigned_or_badly_signed_callbacks_are_answered_401(@ForAll("badSignatures") Map<String, String> headers,
            @ForAll("callbackEdits") List<Edit> edits, @ForAll("damage") Damage damage) {
        byte[] body = damage.apply(render(Edit.applyAll(edits, validCallback(false))));

        Answer answer = post("/bot/dingtalk", "application/json; charset=utf-8", body, headers);

        assertSafe(answer);
        assertThat(answer.status()).as(answer.toString()).isIn(401, 413);
    }

    @Property(tries = 1500, generation = GenerationMode.RANDOMIZED)
    void chat_requests_never_fail_and_name_the_bad_field(@ForAll("chatEdits") List<Edit> edits,
            @ForAll("damage") Damage damage, @ForAll("chatContentTypes") String contentType,
            @ForAll("accepts") String accept) {
        byte[] body = damage.apply(render(Edit.applyAll(edits, validChatRequest())));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", app.bearer());
        if (accept != null) {
            headers.put("Accept", accept);
        }
        Answer answer = post("/api/chat", contentType, body, headers);

        assertSafe(answer);
        assertThat(answer.status()).as(answer.toString()).isIn(200, 202, 400, 406, 413, 415);
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void documents_published_or_searched_never_fail(@ForAll("documentEdits") List<Edit> edits,
            @ForAll("damage") Damage damage, @ForAll("chatContentTypes") String contentType,
            @ForAll("searchQueries") String query) {
        byte[] body = damage.apply(render(Edit.applyAll(edits, validDocument())));

        Answer published = post("/api/documents", contentType, body, Map.of("Authorization", app.bearer()));
        Answer searched = raw("GET", "/api/documents/search?k=5&q=" + encode(query),
                Map.of("Authorization", app.bearer()), null);

        assertSafe(published);
        assertThat(published.status()).as(published.toString()).isIn(201, 400, 413, 415);
        assertSafe(searched);
        assertThat(searched.status()).as(searched.toString()).isIn(200, 400, 414, 431);
    }

    @Property(tries = 200, generation = GenerationMode.RANDOMIZED)
    void payment_notifications_without_a_valid_signature_are_refused(@ForAll("damage") Damage damage,
            @ForAll("anyContentTypes") String contentType, @ForAll("searchQueries") String junk) {
        byte[] body = damage.apply(("notify_id=" + encode(junk) + "&app_id=2021000000000000&sign_type=RSA2&sign="
                + encode(junk) + "&out_trade_no=8812&trade_status=TRADE_SUCCESS"));

        Answer answer = post("/connectors/alipay/notify", contentType, body, Map.of());

        assertSafe(answer);
        // no payment platform is configured here, so nothing can verify: always refused
        assertThat(answer.status()).as(answer.toString()).isIn(400, 413, 415);
    }

    @Property(tries = 800, generation = GenerationMode.RANDOMIZED)
    void run_listings_and_lookups_never_fail(@ForAll("runTargets") String target, @ForAll boolean head) {
        Answer answer = raw(head ? "HEAD" : "GET", target, Map.of("Authorization", app.bearer()), null);

        assertSafe(answer);
        assertThat(answer.status()).as(answer.toString()).isIn(200, 400, 404, 414);
    }

    /** Approvals waiting for a decision, made once by a refund above the demo limit (for decisions on real ids). */
    private static List<String> pendingApprovals;

    private static synchronized List<String> pendingApprovals() {
        if (pendingApprovals == null) {
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Answer asked = post("/api/chat", "application/json",
                        "{\"text\":\"/refund 8815 600.00 CNY fuzz\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of("Authorization", app.bearer()));
                assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
                ids.add(Json.parse(asked.body()).path("approvals").get(0).asText());
            }
            pendingApprovals = List.copyOf(ids);
        }
        return pendingApprovals;
    }

    @Property(tries = 700, generation = GenerationMode.RANDOMIZED)
    void approval_listings_lookups_and_decisions_never_fail(@ForAll("approvalIds") String id,
            @ForAll("approvalQueries") String query, @ForAll("decisionBodies") byte[] body,
            @ForAll("chatContentTypes") String contentType, @ForAll("approvalCallers") int caller,
            @ForAll("approvalActions") String action) {
        String key = caller == 0 ? app.approverApiKey() : app.apiKey();
        String target = id.equals("{pending}") ? pendingApprovals().get(Math.abs(query.hashCode()) % 3) : id;
        Answer answer = switch (action) {
            case "list" -> raw("GET", "/api/approvals" + query, Map.of("Authorization", "Bearer " + key), null);
            case "get" -> raw("GET", "/api/approvals/" + target, Map.of("Authorization", "Bearer " + key), null);
            // raw: an id may hold escapes no URI accepts (%zz), which only a raw request target can carry
            default -> raw("POST", "/api/approvals/" + target, contentType == null
                    ? Map.of("Authorization", "Bearer " + key)
                    : Map.of("Authorization", "Bearer " + key, "Content-Type", contentType), body);
        };

        assertSafe(answer);
        assertThat(answer.status()).as(answer.toString()).isIn(200, 400, 403, 404, 405, 409, 413, 414, 415);
    }

    @Provide
    Arbitrary<String> approvalIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("{pending}")),
                Tuple.of(2, Arbitraries.of(UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000",
                        "not-a-uuid", "..", "%zz", "%00", "x".repeat(5000), "字", "{id}")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20).map(HttpFuzzTest::encode)));
    }

    @Provide
    Arbitrary<String> approvalQueries() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("", "?status=PENDING", "?status=ALL", "?status=approved", "?status=EXPIRED",
                        "?status=", "?status=nope", "?limit=-1", "?limit=99999999999", "?limit=x", "?status=%zz",
                        "?status=PENDING&status=ALL", "?limit=5&status=REJECTED")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12).map(v -> "?status=" + encode(v))),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12).map(v -> "?limit=" + encode(v))));
    }

    @Provide
    Arbitrary<byte[]> decisionBodies() {
        Arbitrary<String> valid = Arbitraries.of("{\"decision\":\"approve\"}", "{\"decision\":\"reject\",\"comment\":\"no\"}",
                "{\"decision\":\"APPROVE\"}", "{\"decision\":\"maybe\"}", "{\"decision\":5}", "{\"decision\":null}",
                "{\"comment\":\"x\"}", "{\"decision\":\"approve\",\"decision\":\"reject\"}",
                "{\"decision\":\"approve\",\"extra\":1}", "{\"decision\":\"approve\",\"comment\":\"" + "c".repeat(1001) + "\"}",
                "{\"decision\":[\"approve\"]}", "{}", "[]", "null", "", "{", "\"approve\"");
        return Arbitraries.frequencyOf(
                Tuple.of(4, valid.map(v -> v.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, jsonValues().map(v -> ("{\"decision\":" + v + "}").getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    @Provide
    Arbitrary<Integer> approvalCallers() {
        return Arbitraries.integers().between(0, 1);
    }

    @Provide
    Arbitrary<String> approvalActions() {
        return Arbitraries.of("list", "get", "decide", "decide");
    }

    @Property(tries = 900, generation = GenerationMode.RANDOMIZED)
    void unknown_paths_wrong_methods_and_content_types_never_fail(@ForAll("methods") String method,
            @ForAll("paths") String path, @ForAll("anyContentTypes") String contentType,
            @ForAll("accepts") String accept, @ForAll("smallOrHugeBodies") byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (accept != null) {
            headers.put("Accept", accept);
        }

        Answer answer = raw(method, path, headers, body);

        assertSafe(answer);
    }

    // ---- what every answer must be

    private static void assertSafe(Answer answer) {
        String endpoint = Stream.of("/bot/dingtalk", "/api/chat", "/api/runs", "/api/approvals", "/api/documents",
                "/connectors/alipay/notify").filter(answer.target()::startsWith)
                .findFirst().orElse("other");
        ANSWERS.merge(endpoint + " " + answer.status(), 1, Integer::sum);
        assertThat(answer.status()).as("status of " + answer).isBetween(100, 499);
        assertThat(LEAK.matcher(answer.body()).find()).as("a class or package name in " + answer).isFalse();
        // answers of the HTTP layer, before any route: too large, and (empty) a request target that is no URI
        boolean beforeRoutes = answer.status() == 413 || answer.status() == 414 || answer.status() == 431
                || answer.status() == 400 && answer.body().isEmpty() && !isUri(answer.target());
        if (answer.target().startsWith("/connectors/alipay/notify") && answer.status() < 413) {
            // the payment platform reads exactly "failure" (or "success"), as its protocol says
            assertThat(answer.body()).as(answer.toString()).isIn("failure", "success");
        } else if (answer.status() >= 400 && !beforeRoutes && !answer.method().equals("HEAD")) {
            assertThat(answer.contentType()).as("content type of " + answer).startsWith("application/json");
            JsonNode error = Json.parse(answer.body()).path("error");
            assertThat(error.isTextual() && !error.asText().isBlank()).as("an error message in " + answer).isTrue();
        }
    }

    private static boolean isUri(String target) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(target)) {
            return false;
        }
        try {
            new URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    // ---- valid starting points

    /**
     * {@code toStub}: the session webhook is on the local stub, so the callback can be accepted and answered;
     * otherwise on DingTalk's real host, which this application may not call (400 once the body is checked).
     */
    private static List<Field> validCallback(boolean toStub) {
        long now = System.currentTimeMillis();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("msgtype", quote("text")));
        fields.add(new Field("text", "{\"content\":" + quote(" /help") + "}"));
        fields.add(new Field("msgId", quote("msgFuzz" + UUID.randomUUID())));
        fields.add(new Field("createAt", Long.toString(now)));
        fields.add(new Field("conversationType", quote("2")));
        fields.add(new Field("conversationId", quote("cidFuzz==")));
        fields.add(new Field("senderId", quote("$:LWCP_v1:$fuzz")));
        fields.add(new Field("senderNick", quote("Fuzz")));
        fields.add(new Field("senderStaffId", quote("fuzz-staff")));
        fields.add(new Field("senderCorpId", quote(DingTalkRobot.CORP_ID)));
        fields.add(new Field("chatbotCorpId", quote(DingTalkRobot.CORP_ID)));
        fields.add(new Field("sessionWebhook", quote(toStub ? webhook.newSession()
                : "https://oapi.dingtalk.com/robot/sendBySession?session=" + UUID.randomUUID())));
        fields.add(new Field("sessionWebhookExpiredTime", Long.toString(now + 5_400_000)));
        return fields;
    }

    private static List<Field> validDocument() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("title", quote("Fuzz policy")));
        fields.add(new Field("format", quote("markdown")));
        fields.add(new Field("content", quote("# Returns\n\nReturns are accepted within 7 days.")));
        fields.add(new Field("groups", "[\"support\"]"));
        return fields;
    }

    private static List<Field> validChatRequest() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("text", quote("/help")));
        return fields;
    }

    // ---- generators

    /** Accepted callbacks each cost a stored run and a reply: a quarter of them is enough. */
    @Provide
    Arbitrary<Boolean> toStub() {
        return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
    }

    @Provide
    Arbitrary<List<Edit>> callbackEdits() {
        return edits(List.of("msgtype", "text", "msgId", "createAt", "conversationType", "conversationId", "senderId",
                "senderNick", "senderStaffId", "senderCorpId", "chatbotCorpId", "sessionWebhook",
                "sessionWebhookExpiredTime"));
    }

    @Provide
    Arbitrary<List<Edit>> chatEdits() {
        // tenant and user come from the API key: sent in the body they are unknown fields (400)
        return edits(List.of("text", "text", "text", "tenant", "user"));
    }

    @Provide
    Arbitrary<List<Edit>> documentEdits() {
        return edits(List.of("title", "format", "content", "content", "groups"));
    }

    /** Words, query syntax, control and CJK characters, and lengths up to far beyond the 2,000-character limit. */
    @Provide
    Arbitrary<String> searchQueries() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.of("AND (", "*:*", "\"unbalanced", "title:x OR", "退货运费谁承担？", "", " ",
                        "a\u0000b", "%zz", "\\", "NOT NOT NOT", "?*~^2")),
                // the 10,000-character query of the issue and around it; a URL of megabytes is the HTTP layer's to refuse
                Tuple.of(1, Arbitraries.of(LENGTHS).filter(n -> n <= 20_000).map(n -> "退".repeat(n))));
    }

    private static Arbitrary<List<Edit>> edits(List<String> knownFields) {
        Arbitrary<String> keys = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(knownFields)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of(BAIT)));
        Arbitrary<EditKind> kinds = Arbitraries.frequency(Tuple.of(5, EditKind.SET), Tuple.of(2, EditKind.DUPLICATE),
                Tuple.of(2, EditKind.REMOVE), Tuple.of(1, EditKind.ADD));
        Arbitrary<Edit> edit = Combinators.combine(kinds, Arbitraries.integers().between(0, 50), keys, jsonValues())
                .as(Edit::new);
        // harmless edits (an unknown field, a value at a limit) keep some requests valid, so the accepted path is
        // fuzzed too; an unedited request would be a waste, so no empty list, not even as an edge case
        return edit.list().ofMinSize(1).ofMaxSize(4).edgeCases(config -> config.filter(list -> !list.isEmpty()));
    }

    /** Raw JSON fragments: strings of every kind, numbers, wrong types, deep nesting and broken JSON. */
    private static Arbitrary<String> jsonValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, strings().map(HttpFuzzTest::quote)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("99999999999999999999999999", "-1e400", "1e400", "0.5", "-0", "1E-7",
                        "9223372036854775807", "-9223372036854775808", "1" + "0".repeat(1200))),
                Tuple.of(2, Arbitraries.of("true", "false", "null", "[]", "{}", "[1,\"a\"]", "{\"content\":5}",
                        "{\"content\":[\"a\"]}", "{\"content\":\"x\",\"content\":\"y\"}", "[[[[[]]]]]",
                        "{\"content\":null}", "{\"a\":{\"b\":{\"c\":[{}]}}}")),
                Tuple.of(1, Arbitraries.integers().between(900, 3000).map(d -> "[".repeat(d) + "]".repeat(d))),
                Tuple.of(1, Arbitraries.of("tru", "\"unterminated", "NaN", "Infinity", "'single'", "0x10", "\"\\x41\"",
                        "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "", "\"a\tb\"", "\"\u0001\"", "{", "]")),
                Tuple.of(3, strings().map(s -> "{\"content\":" + quote(s) + "}")));
    }

    /** Strings with any character (control characters, lone surrogates), and lengths around every limit. */
    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u001f').withChars('\u007f', '\u0085',
                        '\u2028', '\ud800', '\udfff', 'a', ' ').ofMinLength(1).ofMaxLength(8)),
                Tuple.of(3, Combinators.combine(Arbitraries.of(LENGTHS), Arbitraries.of("a", "é", "字", " ", "\t", "😀"))
                        .as((length, unit) -> unit.repeat(Math.max(0, length / unit.length())))),
                Tuple.of(1, Arbitraries.of("/help", "/order 8812", "/payment 8812", "/order", "/", "  ",
                        "/order " + "9".repeat(300), "hello\r\nworld", "https://oapi.dingtalk.com/x",
                        "http://169.254.169.254/latest", "http://" + "h".repeat(300) + "/x", "ftp://x/y")));
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(
                Arbitraries.frequency(Tuple.of(12, DamageKind.NONE), Tuple.of(1, DamageKind.TRUNCATE),
                        Tuple.of(1, DamageKind.INVALID_UTF8), Tuple.of(1, DamageKind.WRAP_IN_ARRAY),
                        Tuple.of(1, DamageKind.REPLACE_WITH_JUNK), Tuple.of(1, DamageKind.DEEP_NESTING),
                        Tuple.of(1, DamageKind.TRAILING_GARBAGE), Tuple.of(1, DamageKind.BYTE_ORDER_MARK),
                        Tuple.of(1, DamageKind.EMPTY), Tuple.of(1, DamageKind.HUGE)),
                Arbitraries.integers().between(0, 10_000), Arbitraries.strings().all().ofMaxLength(30))
                .as(Damage::new);
    }

    @Provide
    Arbitrary<String> callbackContentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("application/json; charset=utf-8")),
                Tuple.of(3, Arbitraries.of("application/json", "text/plain", "application/xml", "*/*",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data",
                        "application/json; charset=utf-16", "application/json; charset=iso-8859-1",
                        "application/json; charset=nonsense", "application/octet-stream", "garbage", "a/b; c")));
    }

    @Provide
    Arbitrary<String> chatContentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("application/json; charset=utf-8", "application/json; charset=utf-16",
                        "application/json; charset=nonsense", "text/plain", "application/xml", "*/*",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json",
                        "application/octet-stream", "garbage", "application/json;;;", "")));
    }

    @Provide
    Arbitrary<String> anyContentTypes() {
        return Arbitraries.oneOf(Arbitraries.just(null), chatContentTypes());
    }

    @Provide
    Arbitrary<String> accepts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(2, Arbitraries.of("application/json", "*/*", "text/html", "application/xml", "text/plain",
                        "image/png", "application/json;q=0", "garbage", "*/*;q=nonsense")));
    }

    @Provide
    Arbitrary<Map<String, String>> badSignatures() {
        long now = System.currentTimeMillis();
        String valid = Long.toString(now);
        Arbitrary<String> timestamps = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(valid)),
                Tuple.of(1, Arbitraries.of("", " ", "abc", "-1", "0", "1e12", "9223372036854775807",
                        "-9223372036854775808", "9223372036854775808", Long.toString(now - 7_200_000),
                        Long.toString(now + 7_200_000), "0x1", valid + "0")),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> signs = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(DingTalkSigner.sign("not-the-secret", now))),
                Tuple.of(1, Arbitraries.just(DingTalkSigner.sign(SECRET, now - 1))),
                Tuple.of(1, Arbitraries.of("", " ", "=", "not base64!",
                        "wZ7y3d63egNuxxobkwJGnqpm2R6ixdh7+HrMXU2Ik+U=")),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60)),
                Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(timestamps, signs).as((timestamp, sign) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            if (timestamp != null) {
                headers.put("timestamp", timestamp);
            }
            if (sign != null) {
                headers.put("sign", sign);
            }
            return headers;
        });
    }

    @Provide
    Arbitrary<String> runTargets() {
        Arbitrary<String> junk = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(2, Arbitraries.of("", "-1", "0", "1", "200", "201", "2147483647", "2147483648",
                        "-2147483649", "99999999999999999999", "1e3", "0x10", " 5", "5 ", "+5", "1.5", "NaN", "null")),
                Tuple.of(2, Arbitraries.of(UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000",
                        "not-a-uuid", "0-0-0-0-0", "ffffffff-ffff-ffff-ffff-fffffffffffff", "{id}", "..", ".",
                        "x".repeat(5000), "-0-0-0-0-0-", "字")),
                Tuple.of(1, Arbitraries.of(BAIT)));
        Arbitrary<String> rawEscapes = Arbitraries.of("%zz", "%", "%0", "%00", "%ff", "%c0%80", "%ed%a0%80", "%2f",
                "%2e%2e", "%25", "%u0041", "%e4%b8");
        return Arbitraries.frequencyOf(
                Tuple.of(3, junk.map(v -> "/api/runs?limit=" + encode(v))),
                Tuple.of(3, junk.map(v -> "/api/runs/" + encode(v).replace("+", "%20"))),
                Tuple.of(1, rawEscapes.map(v -> "/api/runs/" + v)),
                Tuple.of(1, rawEscapes.map(v -> "/api/runs?limit=" + v)),
                Tuple.of(1, Arbitraries.of("/api/runs/字", "/api/runs?limit=字", "/api/runs/\u00e9")),
                Tuple.of(1, Arbitraries.of("/api/runs?limit=1&limit=2", "/api/runs?limit", "/api/runs?=5",
                        "/api/runs?limit=5&&&", "/api/runs/", "/api/runs//", "/api/runs/x/steps", "/api/runs?%zz=1")));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FROB", "get",
                "PROPFIND");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8).map(HttpFuzzTest::encode)),
                Tuple.of(1, Arbitraries.of(BAIT)),
                Tuple.of(1, Arbitraries.of("..", ".", "%2e%2e", "%00", "%ff", "%zz", "q", "api", "bot", "%20",
                        ";x=1")));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("/bot/dingtalk", "/api/chat", "/api/runs", "/api/runs/" + UUID.randomUUID(),
                        "/api/approvals", "/api/approvals/" + UUID.randomUUID(),
                        "/q/health/ready", "/q/openapi", "/")),
                Tuple.of(4, segment.list().ofMinSize(1).ofMaxSize(4).map(s -> "/" + String.join("/", s))),
                Tuple.of(1, Arbitraries.of("/bot/dingtalk/", "/bot//dingtalk", "/api/chat/extra", "/api/chat?x=%zz",
                        "/bot/dingtalk?" + "a".repeat(3000), "/" + "p".repeat(6000), "/%2e%2e/%2e%2e/etc/passwd",
                        "/q/", "/q/health/nope", "/api", "/API/CHAT")));
    }

    @Provide
    Arbitrary<byte[]> smallOrHugeBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just((byte[]) null)),
                Tuple.of(4, jsonValues().map(v -> v.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
                Tuple.of(1, Arbitraries.of(1_100_000, 2_000_000).map(n -> ("{\"text\":\"" + "x".repeat(n) + "\"}")
                        .getBytes(StandardCharsets.UTF_8))));
    }

    // ---- request bodies as edited lists of fields

    record Field(String key, String value) {
    }

    enum EditKind { SET, REMOVE, DUPLICATE, ADD }

    /** One change to a valid body; {@code index} picks a field modulo the fields there are. */
    record Edit(EditKind kind, int index, String key, String value) {
        static List<Field> applyAll(List<Edit> edits, List<Field> fields) {
            List<Field> edited = new ArrayList<>(fields);
            for (Edit edit : edits) {
                edit.apply(edited);
            }
            return edited;
        }

        private void apply(List<Field> fields) {
            if (fields.isEmpty() && kind != EditKind.ADD) {
                return;
            }
            int at = fields.isEmpty() ? 0 : index % fields.size();
            switch (kind) {
                case SET -> fields.set(at, new Field(fields.get(at).key(), value));
                case REMOVE -> fields.remove(at);
                case DUPLICATE -> fields.add(new Field(fields.get(at).key(), value));
                case ADD -> fields.add(Math.min(at, fields.size()), new Field(key, value));
            }
        }
    }

    enum DamageKind { NONE, TRUNCATE, INVALID_UTF8, WRAP_IN_ARRAY, REPLACE_WITH_JUNK, DEEP_NESTING, TRAILING_GARBAGE,
        BYTE_ORDER_MARK, EMPTY, HUGE }

    /** Damage to the encoded body as a whole. */
    record Damage(DamageKind kind, int position, String junk) {
        /** Never valid, overlong, a surrogate, cut short, stray continuation, UTF-16 mark, zeros (UTF-32 at 0). */
        private static final byte[][] BAD_UTF8 = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0x80},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe4, (byte) 0xb8}, {(byte) 0x80},
            {(byte) 0xfe, (byte) 0xff}, {0, 0, 0}};

        byte[] apply(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int at = bytes.length == 0 ? 0 : position % bytes.length;
            return switch (kind) {
                case NONE -> bytes;
                case TRUNCATE -> java.util.Arrays.copyOf(bytes, at);
                case INVALID_UTF8 -> splice(bytes, at, BAD_UTF8[position % BAD_UTF8.length]);
                case WRAP_IN_ARRAY -> ("[" + body + "]").getBytes(StandardCharsets.UTF_8);
                case REPLACE_WITH_JUNK -> junk.getBytes(StandardCharsets.UTF_8);
                case DEEP_NESTING -> {
                    int depth = 500 + position;
                    yield ("{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "," + body.substring(1))
                            .getBytes(StandardCharsets.UTF_8);
                }
                case TRAILING_GARBAGE -> (body + junk).getBytes(StandardCharsets.UTF_8);
                case BYTE_ORDER_MARK -> splice(bytes, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
                case EMPTY -> new byte[0];
                case HUGE -> (body.substring(0, body.length() - 1) + ",\"padding\":\""
                        + "p".repeat(1_100_000 + position) + "\"}").getBytes(StandardCharsets.UTF_8);
            };
        }

        private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
            byte[] result = new byte[bytes.length + inserted.length];
            System.arraycopy(bytes, 0, result, 0, at);
            System.arraycopy(inserted, 0, result, at, inserted.length);
            System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
            return result;
        }
    }

    private static String render(List<Field> fields) {
        StringBuilder json = new StringBuilder("{");
        for (Field field : fields) {
            json.append(json.length() > 1 ? "," : "").append(quote(field.key())).append(':').append(field.value());
        }
        return json.append('}').toString();
    }

    /** A JSON string; lone surrogates are escaped, since UTF-8 cannot carry them. */
    private static String quote(String value) {
        char[] escaped = JsonStringEncoder.getInstance().quoteAsString(value);
        StringBuilder quoted = new StringBuilder(escaped.length + 2).append('"');
        for (int i = 0; i < escaped.length; i++) {
            char c = escaped[i];
            if (Character.isHighSurrogate(c) && i + 1 < escaped.length && Character.isLowSurrogate(escaped[i + 1])) {
                quoted.append(c).append(escaped[++i]);
            } else if (Character.isSurrogate(c)) {
                quoted.append("\\u").append(Integer.toHexString(c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- sending

    /** What came back; {@code method} and {@code target} say what it answers. */
    record Answer(String method, String target, int status, String contentType, String body) {
        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            String where = target.length() > 120 ? target.substring(0, 120) + "..." : target;
            return method + " " + where + " -> " + status + " " + contentType + " " + shown;
        }
    }

    private static Answer post(String path, String contentType, byte[] body, Map<String, String> headers) {
        REQUESTS.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer("POST", path, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One request over a fresh socket, written byte for byte: unlike an HTTP client it sends any method and
     * request target (invalid percent escapes, raw non-ASCII).
     */
    private static Answer raw(String method, String target, Map<String, String> headers, byte[] body) {
        REQUESTS.incrementAndGet();
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer (413) and close before reading a huge body; read what it said
                }
            }
            out.flush();
            return parse(method, target, readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " got no answer", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after a complete answer (the server closed with unread request bytes) is fine
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toByteArray();
    }

    private static Answer parse(String method, String target, byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete answer to " + method + " " + target + ": " + text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        return new Answer(method, target, status, headers.getOrDefault("content-type", ""),
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
