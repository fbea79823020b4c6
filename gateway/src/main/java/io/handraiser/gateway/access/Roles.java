package io.handraiser.gateway.access;

import java.util.List;

/** The roles of DESIGN section 5 as a token's {@code roles} claim names them; the services use the same names. */
public final class Roles {

    public static final String CLAIM = "roles";
    public static final List<String> ALL = List.of("automation", "marketing", "sales", "analyst", "auditor", "admin");

    private Roles() {
    }
}
