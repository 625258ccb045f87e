package dev.errand.connectors.documents.internal;

import dev.errand.connectors.documents.DocumentFormat;
import dev.errand.connectors.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns a source into markdown the chunker reads: markdown and text pass through; HTML, PDF and Word go through
 * Apache Tika, whose XHTML events become headings ({@code h1}-{@code h6}) and paragraphs. Tika drops HTML
 * {@code script} and {@code style} content, and nothing here keeps markup, so no script survives into the text.
 */
public final class DocumentParser {
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "br", "blockquote", "pre", "table",
            "ul", "ol", "section", "article", "dd", "dt");

    private final Parser tika = new AutoDetectParser();

    /** The source as markdown; {@code field} is what a refusal calls the source ({@code content}, {@code file}). */
    public String toMarkdown(DocumentFormat format, byte[] source, String field) {
        switch (format) {
            case MARKDOWN:
            case TEXT:
                return utf8(source, field);
            default:
                return throughTika(format, source, field);
        }
    }

    private static String utf8(byte[] source, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(source)).toString()
                    .replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw new InvalidDocumentException(field, "is not valid UTF-8 text");
        }
    }

    private String throughTika(DocumentFormat format, byte[] source, String field) {
        Metadata metadata = new Metadata();
        if (format == DocumentFormat.HTML) {
            metadata.set(Metadata.CONTENT_TYPE, "text/html; charset=UTF-8");
        }
        MarkdownHandler handler = new MarkdownHandler();
        try {
            tika.parse(new ByteArrayInputStream(source), handler, metadata, new ParseContext());
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            throw new InvalidDocumentException(field, "could not be read as " + format.wire()
                    + " (damaged, encrypted or not that format)", e);
        }
        String detected = metadata.get(Metadata.CONTENT_TYPE);
        // any text is HTML; a PDF or Word document must be one, not a renamed file of another kind
        if (format != DocumentFormat.HTML && detected != null && !matches(format, detected.toLowerCase(Locale.ROOT))) {
            throw new InvalidDocumentException(field, "is not " + format.wire() + " (it reads as " + detected + ")");
        }
        return handler.markdown();
    }

    private static boolean matches(DocumentFormat format, String type) {
        switch (format) {
            case HTML:
                return type.contains("html");
            case PDF:
                return type.contains("pdf");
            case WORD:
                return type.contains("word") || type.contains("officedocument") || type.contains("msword");
            default:
                return true;
        }
    }

    /** Tika's XHTML events to markdown: headings as {@code #} lines, block elements as paragraphs. */
    private static final class MarkdownHandler extends DefaultHandler {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder heading = new StringBuilder();
        private int headingLevel;
        private int skip;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            String name = localName.isEmpty() ? qName : localName;
            name = name.toLowerCase(Locale.ROOT);
            if (name.equals("script") || name.equals("style") || name.equals("head")) {
                skip++;
            } else if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
                headingLevel = Math.max(1, Math.min(6, name.charAt(1) - '0'));
                heading.setLength(0);
            } else if (BLOCKS.contains(name)) {
                out.append("\n\n");
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String name = localName.isEmpty() ? qName : localName;
            name = name.toLowerCase(Locale.ROOT);
            if (name.equals("script") || name.equals("style") || name.equals("head")) {
                skip = Math.max(0, skip - 1);
            } else if (headingLevel > 0 && name.length() == 2 && name.charAt(0) == 'h') {
                String text = heading.toString().replaceAll("\\s+", " ").strip();
                if (!text.isEmpty()) {
                    out.append("\n\n").append("#".repeat(headingLevel)).append(' ').append(text).append("\n\n");
                }
                headingLevel = 0;
            } else if (BLOCKS.contains(name)) {
                out.append("\n\n");
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (skip > 0) {
                return;
            }
            (headingLevel > 0 ? heading : out).append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        String markdown() {
            // Tika keeps a line of white space per layout line: fold runs of blank lines
            return out.toString().replaceAll("[ \\t\\x0B\\f]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        }
    }
}
