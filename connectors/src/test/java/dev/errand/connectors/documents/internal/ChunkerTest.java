package dev.errand.connectors.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.connectors.documents.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void should_start_a_chunk_at_each_heading_and_keep_the_heading_path() {
        String md = "# Refunds\n\nIntro paragraph.\n\n## Damaged goods\n\nWe refund damaged goods in full.\n\n"
                + "### Shipping\n\nThe shop pays return shipping.\n\n## Late delivery\n\nA voucher of 10 CNY.\n";

        List<Chunk> chunks = new Chunker(200, 40).chunk(md);

        assertThat(chunks).extracting(Chunk::headingPath).containsExactly(List.of("Refunds"),
                List.of("Refunds", "Damaged goods"), List.of("Refunds", "Damaged goods", "Shipping"),
                List.of("Refunds", "Late delivery"));
        assertThat(chunks).extracting(Chunk::position).containsExactly(0, 1, 2, 3);
        assertThat(chunks.get(2).text()).isEqualTo("The shop pays return shipping.");
        assertThat(chunks.get(2).heading()).isEqualTo("Refunds > Damaged goods > Shipping");
    }

    @Test
    void should_pack_paragraphs_up_to_the_bound_and_never_exceed_it() {
        StringBuilder md = new StringBuilder("# Policy\n\n");
        for (int i = 0; i < 30; i++) {
            md.append("Paragraph ").append(i).append(" says something about expenses and receipts.\n\n");
        }

        List<Chunk> chunks = new Chunker(200, 40).chunk(md.toString());

        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(200));
        assertThat(String.join(" ", chunks.stream().map(Chunk::text).toList())).contains("Paragraph 0 ", "Paragraph 29 ");
    }

    @Test
    void should_cut_a_long_paragraph_at_sentences_with_overlap() {
        StringBuilder para = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            para.append("Sentence number ").append(i).append(" is about travel allowances. ");
        }

        List<Chunk> chunks = new Chunker(200, 60).chunk(para.toString());

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(200));
        // the start of each later chunk repeats the end of the one before
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).text();
            String start = chunks.get(i).text().substring(0, 15);
            assertThat(previous).contains(start);
        }
    }

    @Test
    void should_cut_chinese_text_without_spaces() {
        String para = "退货运费由买家承担。".repeat(60) + "质量问题由商家承担运费。".repeat(20);

        List<Chunk> chunks = new Chunker(200, 40).chunk("# 退货政策\n\n" + para);

        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text().length()).isLessThanOrEqualTo(200);
            assertThat(c.headingPath()).containsExactly("退货政策");
        });
    }

    @Test
    void should_cut_one_endless_word_hard() {
        List<Chunk> chunks = new Chunker(100, 20).chunk("x".repeat(1000));

        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(100));
        assertThat(chunks.stream().mapToInt(c -> c.text().length()).sum()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void should_not_read_hashes_inside_code_fences_as_headings() {
        List<Chunk> chunks = new Chunker(300, 40).chunk("# Setup\n\n```\n# not a heading\n```\n");

        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.headingPath()).containsExactly("Setup");
            assertThat(c.text()).contains("# not a heading");
        });
    }
}
