package io.handraiser.starter.security;

/**
 * The roles of DESIGN section 5 as they appear in a token's {@code roles} claim. Controllers name them in
 * {@code @PreAuthorize("hasAnyRole(...)")}; admin may do everything.
 */
public final class Roles {

    public static final String CLAIM = "roles";
    public static final String AUTOMATION = "automation";
    public static final String MARKETING = "marketing";
    public static final String SALES = "sales";
    public static final String ANALYST = "analyst";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
