package dev.errand.bot.testkit;

/** API keys of the employees of {@code src/test/resources/test-policy.yaml} (which holds their SHA-256). */
public final class TestKeys {
    /** li.lei of acme: support; DingTalk user manager4711 of corp dingcorp0001. */
    public static final String LI_LEI = "errand_test-li-lei-0000000000000000000000000000000000";
    /** han.meimei of acme: support. */
    public static final String HAN_MEIMEI = "errand_test-han-meimei-000000000000000000000000000000";
    /** fiona of acme: finance (decides refund approvals). */
    public static final String FIONA = "errand_test-fiona-000000000000000000000000000000000000";
    /** boss of acme: admin (reads every run of acme). */
    public static final String BOSS = "errand_test-boss-00000000000000000000000000000000000000";
    /** wang.wu of globex: support and admin of globex. */
    public static final String GLOBEX = "errand_test-globex-000000000000000000000000000000000000";

    private TestKeys() {
    }

    /** The Authorization header's value for a key. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
