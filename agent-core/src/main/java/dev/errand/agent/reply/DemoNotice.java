package dev.errand.agent.reply;

/** The line every reply built on demo data ends with. */
public final class DemoNotice {
    public static final String TEXT =
            "_Demo data: no shop or payment platform is configured, these orders are samples._";

    private DemoNotice() {
    }

    public static String append(String markdown) {
        return markdown.stripTrailing() + "\n\n" + TEXT;
    }
}
