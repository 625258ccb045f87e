package dev.errand.connectors.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DocumentServiceTest {
    private final DocumentStore store = DocumentStores.inMemory();
    private final DocumentService documents = new DocumentService(store, new HashingEmbedder(), Clock.systemUTC());

    @AfterEach
    void close() throws Exception {
        documents.close();
    }

    private UUID publish(String tenant, String title, String markdown, String... groups) {
        return publish(documents, tenant, title, markdown, groups);
    }

    private static UUID publish(DocumentService documents, String tenant, String title, String markdown, String... groups) {
        return documents.publish(tenant, "boss", NewDocument.text(title, DocumentFormat.MARKDOWN, markdown,
                List.of(groups))).id();
    }

    @Test
    void should_find_english_and_chinese_passages_and_cite_them() {
        publish("acme", "Refund policy", "# Refunds\n\n## Damaged goods\n\nDamaged goods are refunded in full "
                + "within 30 days.\n\n## Shipping\n\nThe customer pays return shipping unless the item is damaged.");
        publish("acme", "退货政策", "# 退货\n\n## 运费\n\n质量问题的退货运费由商家承担，其他情况由买家承担。");

        List<Passage> english = documents.search(Reader.of("acme", Set.of()), "refund for damaged goods", 3);
        List<Passage> chinese = documents.search(Reader.of("acme", Set.of()), "退货运费谁承担", 3);

        assertThat(english.get(0).cite()).isEqualTo("[Refund policy § Refunds > Damaged goods]");
        assertThat(english.get(0).text()).contains("refunded in full");
        assertThat(chinese.get(0).title()).isEqualTo("退货政策");
        assertThat(chinese.get(0).headingPath()).containsExactly("退货", "运费");
    }

    @Test
    void should_never_show_another_tenants_documents_whatever_the_query() {
        publish("globex", "Globex secrets", "Refund policy of globex: refunds of damaged goods always.");
        publish("acme", "Acme handbook", "Nothing about that here, only holidays.");

        for (SearchMode mode : SearchMode.values()) {
            for (String q : List.of("refund damaged goods globex", "*:*", "AND (", "globex")) {
                assertThat(documents.search(Reader.of("acme", Set.of()), q, 10, mode))
                        .extracting(Passage::title).doesNotContain("Globex secrets");
                assertThat(documents.search(Reader.admin("acme"), q, 10, mode))
                        .extracting(Passage::title).doesNotContain("Globex secrets");
            }
        }
        assertThat(documents.list(Reader.admin("acme"))).extracting(DocumentInfo::title).containsExactly("Acme handbook");
    }

    @Test
    void should_filter_by_group_inside_the_query_so_k_results_are_all_readable() throws Exception {
        // no similarity floor: this test is about which passages come back, not how close they are
        try (DocumentService documents = new DocumentService(store, new HashingEmbedder(), Clock.systemUTC(), 0)) {
            filterByGroup(documents);
        }
    }

    private static void filterByGroup(DocumentService documents) {
        // many hr-only chunks rank first for this query; the reader outside hr still gets k readable ones
        for (int i = 0; i < 30; i++) {
            publish(documents, "acme", "Salary bands " + i, "Salary bands and bonus rules, part " + i + ".", "hr");
        }
        for (int i = 0; i < 6; i++) {
            publish(documents, "acme", "Public note " + i, "Bonus rules are published by HR each year, note " + i + ".");
        }
        publish(documents, "acme", "Sales bonus", "Sales bonus rules for the sales team.", "sales");

        for (SearchMode mode : SearchMode.values()) {
            List<Passage> sales = documents.search(Reader.of("acme", Set.of("sales")), "salary bonus rules", 5, mode);
            assertThat(sales).hasSize(5).allSatisfy(p -> assertThat(p.title()).doesNotStartWith("Salary bands"));
            List<Passage> hr = documents.search(Reader.of("acme", Set.of("hr")), "salary bonus rules", 5, mode);
            assertThat(hr).extracting(Passage::title).noneMatch(t -> t.equals("Sales bonus"));
        }
        assertThat(documents.list(Reader.of("acme", Set.of("sales")))).hasSize(7);
        assertThat(documents.list(Reader.admin("acme"))).hasSize(37);
    }

    @Test
    void should_replace_a_document_and_drop_its_old_chunks_at_once() {
        UUID id = publish("acme", "Travel", "Flights in economy class only.");

        Ingested replaced = documents.replace("acme", "boss", id,
                NewDocument.text("Travel", DocumentFormat.TEXT, "Trains in second class only.", List.of()));

        assertThat(replaced.version()).isEqualTo(2);
        assertThat(documents.search(Reader.of("acme", Set.of()), "economy flights", 5, SearchMode.KEYWORDS)).isEmpty();
        assertThat(documents.search(Reader.of("acme", Set.of()), "trains class", 5)).extracting(Passage::text)
                .containsExactly("Trains in second class only.");
        documents.delete("acme", id);
        assertThat(documents.search(Reader.of("acme", Set.of()), "trains class", 5)).isEmpty();
        assertThatThrownBy(() -> documents.delete("acme", id)).isInstanceOf(DocumentNotFoundException.class);
    }

    @Test
    void should_keep_the_old_version_when_a_replacement_is_refused() {
        UUID id = publish("acme", "Travel", "Flights in economy class only.");

        assertThatThrownBy(() -> documents.replace("acme", "boss", id,
                NewDocument.text("Travel", DocumentFormat.MARKDOWN, "   ", List.of())))
                .isInstanceOf(InvalidDocumentException.class).hasMessage("content: has no text");
        assertThatThrownBy(() -> documents.replace("globex", "boss", id,
                NewDocument.text("Travel", DocumentFormat.TEXT, "x", List.of()))).isInstanceOf(DocumentNotFoundException.class);

        assertThat(documents.get(Reader.admin("acme"), id).info().version()).isEqualTo(1);
        assertThat(documents.search(Reader.of("acme", Set.of()), "economy flights", 5)).hasSize(1);
    }

    @Test
    void should_refuse_bad_documents_naming_the_field() {
        assertThatThrownBy(() -> publish("acme", " ", "text")).hasMessage("title: is missing");
        assertThatThrownBy(() -> publish("acme", "T", "")).hasMessage("content: is empty");
        assertThatThrownBy(() -> publish("acme", "T", "text", "bad group")).hasMessageStartingWith("groups: \"bad group\"");
        assertThatThrownBy(() -> publish("acme", "T", "x".repeat(DocumentLimits.MAX_SOURCE_BYTES + 1)))
                .hasMessageContaining("content: is 2097153 bytes, more than the limit");
        assertThatThrownBy(() -> documents.publish("acme", "boss", NewDocument.file("T", DocumentFormat.PDF,
                "%PDF-1.7 this is not really a pdf".getBytes(StandardCharsets.UTF_8), List.of())))
                .isInstanceOf(InvalidDocumentException.class).hasMessageStartingWith("file:");
        assertThatThrownBy(() -> documents.publish("acme", "boss", NewDocument.text("T", DocumentFormat.TEXT,
                "a\n\n".repeat(DocumentLimits.MAX_CHUNKS * 200), List.of()))).hasMessageContaining("more than the limit");
        assertThat(documents.list(Reader.admin("acme"))).isEmpty();
    }

    @Test
    void should_refuse_bad_queries_and_answer_syntax_as_words() {
        publish("acme", "Refunds", "Refunds are paid within 7 days.");
        Reader reader = Reader.of("acme", Set.of());

        assertThatThrownBy(() -> documents.search(reader, "q".repeat(10_000), 5)).hasMessageStartingWith("q: at most 2000");
        assertThatThrownBy(() -> documents.search(reader, " ", 5)).hasMessage("q: is empty");
        assertThatThrownBy(() -> documents.search(reader, "refund", 0)).hasMessageStartingWith("k:");
        assertThat(documents.search(reader, "refunds AND (", 5, SearchMode.KEYWORDS)).hasSize(1);
        assertThat(documents.search(reader, "*:*", 5, SearchMode.KEYWORDS)).isEmpty();
        assertThat(documents.search(reader, "title:\"refunds~ [paid TO", 5)).hasSize(1);
    }

    @Test
    void should_strip_scripts_from_html_and_keep_its_headings() {
        String html = "<html><head><title>t</title><script>alert('head')</script></head><body><h1>Leave</h1>"
                + "<p>Annual leave is 15 days.</p><script>document.cookie='x'</script><h2>Sick leave</h2>"
                + "<p onclick=\"evil()\">Sick leave needs a note.</p></body></html>";

        UUID id = documents.publish("acme", "boss", NewDocument.text("Leave", DocumentFormat.HTML, html, List.of())).id();

        StoredDocument stored = documents.get(Reader.admin("acme"), id);
        assertThat(stored.text()).doesNotContain("alert", "cookie", "evil", "<");
        assertThat(stored.chunks()).extracting(Chunk::headingPath).containsExactly(List.of("Leave"),
                List.of("Leave", "Sick leave"));
    }

    @Test
    void should_catch_up_with_writes_made_by_another_node() throws Exception {
        publish("acme", "Old", "Old text about parking.");
        try (DocumentService otherNode = new DocumentService(store, new HashingEmbedder(), Clock.systemUTC())) {
            assertThat(otherNode.catchUp()).isEqualTo(1);
            UUID added = otherNode.publish("acme", "boss", NewDocument.text("New", DocumentFormat.TEXT,
                    "New text about bicycles.", List.of())).id();

            assertThat(documents.catchUp()).isEqualTo(1);
            assertThat(documents.search(Reader.of("acme", Set.of()), "bicycles", 5)).extracting(Passage::documentId)
                    .containsExactly(added);
            assertThat(otherNode.search(Reader.of("acme", Set.of()), "parking", 5)).hasSize(1);
        }
    }

    @Test
    void should_answer_han_majority_questions_by_bm25_alone_and_mixed_ones_by_both() {
        assertThat(DocumentService.embeddingWeight("退货运费谁承担？")).isZero();
        assertThat(DocumentService.embeddingWeight("Alipay 退款几天到账")).isZero();
        assertThat(DocumentService.embeddingWeight("how long does an Alipay 退款 take")).isEqualTo(1.0);
        assertThat(DocumentService.embeddingWeight("*:* 123")).isEqualTo(1.0);
        publish("acme", "Holidays", "Ten public holidays a year.");

        // nothing in the documents shares a word with the question: BM25 finds nothing, and no embedding is consulted
        assertThat(documents.search(Reader.of("acme", Set.of()), "年假多少天", 5)).isEmpty();
    }

    @Test
    void should_refuse_a_query_of_control_characters_as_empty_and_read_words_around_them() {
        assertThatThrownBy(() -> documents.search(Reader.of("acme", Set.of()), "\u0000\u0007\n", 3))
                .isInstanceOf(InvalidDocumentException.class).hasMessage("q: is empty");
        publish("acme", "Refund policy", "# Refunds\n\nDamaged goods are refunded in full.");
        assertThat(documents.search(Reader.of("acme", Set.of()), "\u0000refund\u0000 damaged goods", 3)).isNotEmpty();
        assertThat(documents.search(Reader.of("acme", Set.of()), "\u0080 ?* \u200b", 3)).isEmpty();
    }
}
