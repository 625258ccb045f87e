package dev.errand.connectors.documents.internal;

import dev.errand.connectors.documents.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits markdown into chunks along headings and paragraphs. A heading always starts a new chunk and becomes part of
 * the heading path of the chunks under it; paragraphs are packed into a chunk up to {@code maxChars}; a paragraph
 * longer than that is cut at sentence ends (or, failing those, hard), and each cut chunk repeats the last
 * {@code overlap} characters of the one before, so a sentence split between two chunks is found in either.
 */
public final class Chunker {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    /** Sentence ends in English and Chinese; the split keeps the punctuation with its sentence. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？；;])\\s*");

    private final int maxChars;
    private final int overlap;

    public Chunker(int maxChars, int overlap) {
        if (maxChars < 50 || overlap < 0 || overlap >= maxChars / 2) {
            throw new IllegalArgumentException("maxChars must be at least 50 and overlap under half of it");
        }
        this.maxChars = maxChars;
        this.overlap = overlap;
    }

    /** The defaults: about 700 characters, 100 of overlap (≈ 150-250 tokens of English, fit for MiniLM). */
    public static Chunker standard() {
        return new Chunker(700, 100);
    }

    public List<Chunk> chunk(String markdown) {
        List<Chunk> chunks = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        boolean inFence = false;
        for (String raw : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String line = raw.stripTrailing();
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            }
            Matcher heading = inFence ? null : HEADING.matcher(line.strip());
            if (heading != null && heading.matches()) {
                flushParagraph(paragraph, current, headings, chunks);
                flushChunk(current, headings, chunks);
                int level = heading.group(1).length();
                while (headings.size() >= level) {
                    headings.remove(headings.size() - 1);
                }
                while (headings.size() < level - 1) {
                    headings.add("");
                }
                headings.add(heading.group(2).strip());
                headings.removeIf(String::isEmpty);
                continue;
            }
            if (line.isBlank() && !inFence) {
                flushParagraph(paragraph, current, headings, chunks);
                continue;
            }
            if (paragraph.length() > 0) {
                paragraph.append('\n');
            }
            paragraph.append(line);
        }
        flushParagraph(paragraph, current, headings, chunks);
        flushChunk(current, headings, chunks);
        return chunks;
    }

    private void flushParagraph(StringBuilder paragraph, StringBuilder current, List<String> headings,
            List<Chunk> chunks) {
        String text = paragraph.toString().strip();
        paragraph.setLength(0);
        if (text.isEmpty()) {
            return;
        }
        if (current.length() > 0 && current.length() + 2 + text.length() > maxChars) {
            flushChunk(current, headings, chunks);
        }
        if (text.length() <= maxChars - current.length()) {
            if (current.length() > 0) {
                current.append("\n\n");
            }
            current.append(text);
            return;
        }
        // a paragraph longer than a chunk: cut it at sentence ends, with overlap between the pieces
        for (String sentence : sentences(text)) {
            if (current.length() > 0 && current.length() + 1 + sentence.length() > maxChars) {
                String tail = tail(current);
                flushChunk(current, headings, chunks);
                current.append(tail);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(sentence);
        }
    }

    /** Sentences, none longer than what fits next to an overlap. */
    private List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int room = maxChars - overlap - 1;
        for (String s : SENTENCE_END.split(text)) {
            String sentence = s.strip();
            while (sentence.length() > room) {
                int cut = sentence.lastIndexOf(' ', room);
                cut = cut < room / 2 ? room : cut;
                out.add(sentence.substring(0, cut).strip());
                sentence = sentence.substring(cut).strip();
            }
            if (!sentence.isEmpty()) {
                out.add(sentence);
            }
        }
        return out;
    }

    /** The last {@code overlap} characters of a chunk, starting at a word boundary when there is one. */
    private String tail(StringBuilder chunk) {
        if (overlap == 0) {
            return "";
        }
        String text = chunk.toString();
        int from = Math.max(0, text.length() - overlap);
        int space = text.indexOf(' ', from);
        if (space > 0 && space < text.length() - 1 && space - from < overlap / 2) {
            from = space + 1;
        }
        return text.substring(from).strip();
    }

    private static void flushChunk(StringBuilder current, List<String> headings, List<Chunk> chunks) {
        String text = current.toString().strip();
        current.setLength(0);
        if (!text.isEmpty()) {
            chunks.add(new Chunk(chunks.size(), headings, text));
        }
    }
}
