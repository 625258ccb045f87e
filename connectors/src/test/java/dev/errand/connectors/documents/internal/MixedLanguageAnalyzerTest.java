package dev.errand.connectors.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MixedLanguageAnalyzerTest {
    private final LuceneIndex index = new LuceneIndex();

    @Test
    void should_make_bigrams_of_chinese_and_keep_single_characters() {
        assertThat(index.terms("退货运费")).contains("退货", "货运", "运费", "退", "费");
    }

    @Test
    void should_stem_english_and_drop_stop_words() {
        assertThat(index.terms("The Refunds are REFUNDED")).containsExactly("refund");
    }

    @Test
    void should_handle_both_languages_in_one_text_and_fold_full_width() {
        assertThat(index.terms("Alipay退款 ＶＩＰ１２")).contains("alipai", "退款", "vip12");
    }

    @Test
    void should_turn_query_syntax_into_nothing_or_plain_words() {
        assertThat(index.terms("*:* AND (")).isEmpty();
        assertThat(index.terms("title:refund~2 OR \"x")).containsExactly("title:refund", "2", "x");
    }
}
