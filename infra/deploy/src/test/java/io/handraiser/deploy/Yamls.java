package io.handraiser.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Typed access to what SnakeYAML loads; an absent value reads as empty. */
final class Yamls {

    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    static Object at(Object value, String... path) {
        Object current = value;
        for (String key : path) {
            current = map(current).get(key);
        }
        return current;
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }

    /** A value written the same way twice describes the same way, whatever the order of its keys. */
    static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map.entrySet().stream().collect(Collectors.toMap(entry -> String.valueOf(entry.getKey()),
                                                                                  entry -> describe(entry.getValue()))))
                    .toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Yamls::describe).toList().toString();
        }
        return String.valueOf(value);
    }
}
