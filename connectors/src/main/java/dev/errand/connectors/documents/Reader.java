package dev.errand.connectors.documents;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who reads: a tenant and the employee's groups. A document is readable when it is of the same tenant and has no
 * groups (the whole tenant reads it) or shares one group with the reader; {@code everything} (a tenant's admin)
 * reads all of the tenant's documents. Never another tenant's.
 */
public record Reader(String tenant, Set<String> groups, boolean everything) {
    /** Group names: plain, so that none can collide with the index's marker for "the whole tenant". */
    public static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Reader {
        Objects.requireNonNull(tenant, "tenant");
        groups = Set.copyOf(groups);
    }

    public static Reader of(String tenant, Set<String> groups) {
        return new Reader(tenant, groups, false);
    }

    public static Reader admin(String tenant) {
        return new Reader(tenant, Set.of(), true);
    }

    /** Whether this reader may read a document of {@code tenant} readable by {@code documentGroups}. */
    public boolean mayRead(String documentTenant, Set<String> documentGroups) {
        if (!tenant.equals(documentTenant)) {
            return false;
        }
        return everything || documentGroups.isEmpty() || documentGroups.stream().anyMatch(groups::contains);
    }
}
