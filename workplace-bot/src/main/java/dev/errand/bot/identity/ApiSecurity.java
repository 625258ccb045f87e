package dev.errand.bot.identity;

/**
 * The OpenAPI name of the security scheme of {@code /api/*}: an employee's API key sent as a bearer token. The scheme
 * is declared on {@code RunsResource} (SmallRye reads it from a resource class).
 */
public final class ApiSecurity {
    public static final String SCHEME = "apiKey";

    private ApiSecurity() {
    }
}
