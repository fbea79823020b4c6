package io.handraiser.starter.privacy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The personal values a bulk reader opens ({@link PersonalDataSerializer#forBulkReading}), by message class and
 * path: the property names from the message down to the value, joined by dots ({@code "detail.url"}). Every other
 * personal value reads as {@code null}, as an erased subject's does, and is never decrypted: a reader that needs few
 * of the values it passes need not pay for opening them all, and holds no more personal data than it uses.
 */
public final class PersonalValueSelection {

    /** Every personal value, as a reader that does not select opens them. */
    static final PersonalValueSelection ALL = new PersonalValueSelection(null);

    /** null for every value */
    private final Map<Class<?>, Set<String>> opened;

    private PersonalValueSelection(Map<Class<?>, Set<String>> opened) {
        this.opened = opened;
    }

    /**
     * Opens the named values only. A name that is no personal value of its class is refused, so that a renamed
     * property cannot silently read as {@code null} everywhere.
     */
    public static PersonalValueSelection only(Map<Class<?>, Set<String>> opened) {
        Map<Class<?>, Set<String>> checked = new HashMap<>();
        opened.forEach((type, paths) -> {
            PersonalDataLayout layout = PersonalDataLayout.of(type);
            for (String path : paths) {
                if (!layout.joinedPaths().contains(path)) {
                    throw new IllegalArgumentException(path + " is no personal value of " + type.getName() + "; it has " + layout.joinedPaths());
                }
            }
            checked.put(type, Set.copyOf(paths));
        });
        return new PersonalValueSelection(Map.copyOf(checked));
    }

    boolean opens(Class<?> type, String path) {
        if (opened == null) {
            return true;
        }
        Set<String> paths = opened.get(type);
        return paths != null && paths.contains(path);
    }
}
