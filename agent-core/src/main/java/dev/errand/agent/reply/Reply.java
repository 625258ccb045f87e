package dev.errand.agent.reply;

import java.util.Objects;

/** A neutral reply; each chat adapter renders it in its platform's format. */
public sealed interface Reply {

    /** The reply as plain text, for logs, storage and platforms without markdown. */
    String text();

    /** Plain text. */
    record Text(String text) implements Reply {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Markdown with a short title (DingTalk shows the title in notifications). */
    record Markdown(String title, String text) implements Reply {
        public Markdown {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
        }
    }
}
