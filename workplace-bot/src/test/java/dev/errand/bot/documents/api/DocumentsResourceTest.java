package dev.errand.bot.documents.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.errand.bot.testkit.SessionWebhookResource;
import dev.errand.bot.testkit.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /api/documents on PostgreSQL: who may publish and read, search by tenant and group, bad input, versions. */
@QuarkusTest
@QuarkusTestResource(SessionWebhookResource.class)
class DocumentsResourceTest {

    private static RequestSpecification as(String key) {
        return given().header("Authorization", TestKeys.bearer(key));
    }

    private static Response json(String key, String method, String path, String body) {
        var request = as(key).contentType("application/json");
        return (body == null ? request : request.body(body)).request(method, path);
    }

    private static String publish(String key, String title, String content, String groups) {
        return json(key, "POST", "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"" + content
                + "\",\"format\":\"markdown\",\"groups\":" + groups + "}").then().statusCode(201)
                .body("version", equalTo(1)).extract().path("id");
    }

    @Test
    void should_publish_search_and_cite_only_what_the_caller_may_read() {
        String support = publish(TestKeys.FIONA, "Refund handbook",
                "# Refunds\\n\\n## Damaged parcels\\n\\nA damaged parcel is refunded in full within 7 days.", "[\"support\"]");
        String everyone = publish(TestKeys.FIONA, "退货政策", "# 退货\\n\\n## 运费\\n\\n质量问题的退货运费由商家承担。", "[]");
        String globex = publish(TestKeys.GLOBEX, "Globex damaged parcels",
                "A damaged parcel at Globex is refunded twice over.", "[]");

        as(TestKeys.LI_LEI).queryParam("q", "damaged parcel refund").get("/api/documents/search").then().statusCode(200)
                .body("[0].documentId", equalTo(support))
                .body("[0].cite", equalTo("[Refund handbook § Refunds > Damaged parcels]"))
                .body("[0].headingPath", equalTo(List.of("Refunds", "Damaged parcels")))
                .body("documentId", not(hasItem(globex)));
        as(TestKeys.LI_LEI).queryParam("q", "退货运费谁承担？").get("/api/documents/search").then().statusCode(200)
                .body("[0].documentId", equalTo(everyone)).body("[0].text", containsString("商家承担"));
        as(TestKeys.HAN_MEIMEI).queryParam("q", "damaged parcel refund").get("/api/documents/search").then()
                .statusCode(200).body("documentId", not(hasItem(support))).body("documentId", not(hasItem(globex)));
        as(TestKeys.GLOBEX).queryParam("q", "damaged parcel refund 退货运费").get("/api/documents/search").then()
                .statusCode(200).body("documentId", everyItem(equalTo(globex)));

        as(TestKeys.LI_LEI).get("/api/documents").then().statusCode(200).body("id", hasItem(support))
                .body("id", hasItem(everyone)).body("id", not(hasItem(globex)));
        as(TestKeys.HAN_MEIMEI).get("/api/documents").then().body("id", not(hasItem(support)));
        as(TestKeys.HAN_MEIMEI).get("/api/documents/" + support).then().statusCode(404);
        as(TestKeys.GLOBEX).get("/api/documents/" + support).then().statusCode(404);
        as(TestKeys.BOSS).get("/api/documents/" + support).then().statusCode(200)
                .body("document.groups", equalTo(List.of("support"))).body("chunks[0].headingPath[1]",
                        equalTo("Damaged parcels"));
    }

    @Test
    void should_filter_groups_inside_the_search_so_k_results_are_all_readable() {
        for (int i = 0; i < 8; i++) {
            publish(TestKeys.FIONA, "Finance bonus rules " + i, "Quarterly bonus rules for finance, part " + i + ".",
                    "[\"finance\"]");
        }
        for (int i = 0; i < 5; i++) {
            publish(TestKeys.FIONA, "Public bonus note " + i, "Quarterly bonus rules are announced each quarter, note "
                    + i + ".", "[]");
        }

        as(TestKeys.HAN_MEIMEI).queryParam("q", "quarterly bonus rules").queryParam("k", 5)
                .get("/api/documents/search").then().statusCode(200).body("$", hasSize(5))
                .body("title", everyItem(startsWith("Public bonus note")));
        as(TestKeys.FIONA).queryParam("q", "quarterly bonus rules finance").queryParam("k", 5)
                .get("/api/documents/search").then().statusCode(200).body("$", hasSize(5))
                .body("title", hasItem(startsWith("Finance bonus rules")));
    }

    @Test
    void should_let_only_publishers_write() {
        json(TestKeys.LI_LEI, "POST", "/api/documents", "{\"title\":\"T\",\"content\":\"x\"}").then().statusCode(403)
                .body("error", containsString("publish_documents"));
        String id = publish(TestKeys.BOSS, "Boss note", "Parking is free on Fridays.", "[]");
        json(TestKeys.LI_LEI, "DELETE", "/api/documents/" + id, null).then().statusCode(403);
        json(TestKeys.GLOBEX, "DELETE", "/api/documents/" + id, null).then().statusCode(404);
        json(TestKeys.FIONA, "DELETE", "/api/documents/" + id, null).then().statusCode(204);
        as(TestKeys.BOSS).get("/api/documents/" + id).then().statusCode(404);
        as(TestKeys.BOSS).queryParam("q", "parking fridays").get("/api/documents/search").then()
                .body("documentId", not(hasItem(id)));
    }

    @Test
    void should_replace_a_version_and_keep_it_when_the_replacement_is_refused() {
        String id = publish(TestKeys.FIONA, "Travel", "Flights in economy class only, zeppelins never.", "[]");

        json(TestKeys.FIONA, "PUT", "/api/documents/" + id, "{\"title\":\"Travel\",\"content\":\"Trains in second "
                + "class, hovercraft allowed.\",\"format\":\"text\"}").then().statusCode(200).body("version", equalTo(2));
        as(TestKeys.LI_LEI).queryParam("q", "zeppelins").get("/api/documents/search").then()
                .body("documentId", not(hasItem(id)));
        as(TestKeys.LI_LEI).queryParam("q", "hovercraft").get("/api/documents/search").then()
                .body("[0].documentId", equalTo(id));

        json(TestKeys.FIONA, "PUT", "/api/documents/" + id, "{\"title\":\"Travel\",\"content\":\"\"}").then()
                .statusCode(400).body("error", equalTo("content: is empty"));
        json(TestKeys.FIONA, "PUT", "/api/documents/" + id, "{\"title\":\"Travel\",\"content\":\"x\",\"format\":\"pdf\"}")
                .then().statusCode(400).body("error", startsWith("format:"));
        as(TestKeys.LI_LEI).get("/api/documents/" + id).then().statusCode(200).body("document.version", equalTo(2))
                .body("text", containsString("hovercraft"));
    }

    @Test
    void should_answer_bad_input_with_a_400_naming_the_field_never_a_500() {
        json(TestKeys.FIONA, "POST", "/api/documents", "{\"content\":\"x\"}").then().statusCode(400)
                .body("error", equalTo("title: is missing"));
        json(TestKeys.FIONA, "POST", "/api/documents", "{\"title\":\"T\"}").then().statusCode(400)
                .body("error", equalTo("content: is missing"));
        json(TestKeys.FIONA, "POST", "/api/documents", "{\"title\":\"T\",\"content\":\"x\",\"format\":\"rtf\"}").then()
                .statusCode(400).body("error", startsWith("format:"));
        json(TestKeys.FIONA, "POST", "/api/documents", "{\"title\":\"T\",\"content\":\"x\",\"groups\":[\"a b\"]}").then()
                .statusCode(400).body("error", startsWith("groups:"));
        json(TestKeys.FIONA, "POST", "/api/documents", "{\"title\":\"T\",\"content\":\"" + "x".repeat(2_100_000) + "\"}")
                .then().statusCode(400).body("error", containsString("content: is 2100000 bytes"));

        as(TestKeys.FIONA).multiPart("file", "broken.pdf", "%PDF-1.4 not really".getBytes(StandardCharsets.UTF_8),
                "application/pdf").post("/api/documents").then().statusCode(400).body("error", startsWith("file:"));
        as(TestKeys.FIONA).multiPart("file", "macro.exe", new byte[] {1, 2, 3}, "application/octet-stream")
                .post("/api/documents").then().statusCode(400).body("error", containsString("unsupported format"));

        String q = "退".repeat(10_000);
        as(TestKeys.LI_LEI).queryParam("q", q).get("/api/documents/search").then().statusCode(400)
                .body("error", startsWith("q: at most 2000"));
        as(TestKeys.LI_LEI).get("/api/documents/search").then().statusCode(400).body("error", equalTo("q: is empty"));
        as(TestKeys.LI_LEI).queryParam("q", "refund").queryParam("k", "abc").get("/api/documents/search").then()
                .statusCode(400).body("error", startsWith("k:"));
        as(TestKeys.LI_LEI).queryParam("q", "refund").queryParam("k", 500).get("/api/documents/search").then()
                .statusCode(400).body("error", startsWith("k:"));
        for (String syntax : List.of("AND (", "*:*", "title:\"x~ [a TO", "\\", "-")) {
            as(TestKeys.LI_LEI).queryParam("q", syntax).get("/api/documents/search").then().statusCode(200);
        }
        as(TestKeys.LI_LEI).get("/api/documents/not-a-uuid").then().statusCode(404);
    }

    @Test
    void should_upload_html_with_its_scripts_stripped_and_never_echoed() {
        String html = "<html><head><script>alert('x')</script></head><body><h1>Dress code</h1>"
                + "<p>Business casual on weekdays.</p><script>steal(document.cookie)</script></body></html>";
        String id = as(TestKeys.FIONA).multiPart("file", "dress-code.html", html.getBytes(StandardCharsets.UTF_8),
                "text/html").multiPart("groups", "support,finance").post("/api/documents").then().statusCode(201)
                .body("chunks", equalTo(1)).extract().path("id");

        String shown = as(TestKeys.LI_LEI).get("/api/documents/" + id).then().statusCode(200)
                .body("document.title", equalTo("dress-code")).body("document.groups", equalTo(List.of("finance", "support")))
                .body("chunks[0].headingPath", equalTo(List.of("Dress code"))).extract().asString();
        assertThat(shown).contains("Business casual").doesNotContain("alert", "steal", "cookie", "<script");
        String found = as(TestKeys.LI_LEI).queryParam("q", "dress code weekdays").get("/api/documents/search").then()
                .statusCode(200).body("[0].documentId", equalTo(id)).extract().asString();
        assertThat(found).doesNotContain("steal", "alert");
    }

    @Test
    void should_answer_a_broken_content_type_or_multipart_body_with_a_4xx_naming_it() {
        as(TestKeys.BOSS).contentType("garbage").body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/documents").then()
                .statusCode(415).body("error", org.hamcrest.Matchers.containsString("Content-Type"));
        as(TestKeys.BOSS).contentType("multipart/form-data; boundary=XyZ")
                .body("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHalf a form".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/documents").then()
                .statusCode(400).body("error", org.hamcrest.Matchers.containsString("multipart"));
    }
}
