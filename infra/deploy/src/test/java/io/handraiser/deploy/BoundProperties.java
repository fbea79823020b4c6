package io.handraiser.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The properties that the {@code @ConfigurationProperties} records of a source tree bind, read from the sources, so
 * that the check needs no service built. Only records are read (every Handraiser properties type is one); anything
 * else fails loudly rather than binding nothing.
 */
final class BoundProperties {

    /** @param container a map, collection or array: everything below the name binds too */
    record Property(String name, boolean container) {
    }

    private static final Pattern ANNOTATION =
            Pattern.compile("@ConfigurationProperties\\(\\s*(?:(?:value|prefix)\\s*=\\s*)?\"([^\"]+)\"");
    private static final Set<String> CONTAINERS = Set.of("Map", "SortedMap", "List", "Set", "SortedSet", "Collection");
    private static final int MAX_DEPTH = 8;

    private BoundProperties() {
    }

    static List<Property> in(Path sourceRoot) throws IOException {
        List<Property> properties = new ArrayList<>();
        if (!Files.isDirectory(sourceRoot)) {
            return properties;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher annotation = ANNOTATION.matcher(source);
            while (annotation.find()) {
                Matcher record = Pattern.compile("\\brecord\\s+(\\w+)\\s*\\(").matcher(source);
                boolean annotatesRecord = record.find(annotation.end())
                                          && source.substring(annotation.end(), record.start()).matches("[^{};]*");
                if (!annotatesRecord) {
                    throw new IllegalStateException(file + ": @ConfigurationProperties(\"" + annotation.group(1)
                                                    + "\") is not on a record, which this check cannot read");
                }
                walk(file, source, record.group(1), annotation.group(1), properties, 0);
            }
        }
        return properties;
    }

    private static void walk(Path file, String source, String record, String prefix, List<Property> out, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException(file + ": records nested deeper than " + MAX_DEPTH + " under " + prefix);
        }
        for (String component : splitTopLevel(components(file, source, record))) {
            String declaration = stripAnnotations(component);
            int space = declaration.lastIndexOf(' ');
            if (space < 0) {
                throw new IllegalStateException(file + ": cannot read the component '" + component.trim() + "' of " + record);
            }
            String type = declaration.substring(0, space).trim();
            String property = prefix + "." + kebab(declaration.substring(space + 1).trim());
            String raw = rawType(type);
            Path sibling = file.resolveSibling(raw + ".java");
            if (type.endsWith("[]") || CONTAINERS.contains(raw)) {
                out.add(new Property(property, true));
            } else if (declaresRecord(source, raw)) {
                walk(file, source, raw, property, out, depth + 1);
            } else if (Files.isRegularFile(sibling) && declaresRecord(Files.readString(sibling), raw)) {
                walk(sibling, Files.readString(sibling), raw, property, out, depth + 1);
            } else {
                out.add(new Property(property, false));
            }
        }
    }

    private static boolean declaresRecord(String source, String name) {
        return Pattern.compile("\\brecord\\s+" + Pattern.quote(name) + "\\s*\\(").matcher(source).find();
    }

    /** The text between the parentheses of {@code record name(...)}. */
    private static String components(Path file, String source, String record) {
        Matcher declaration = Pattern.compile("\\brecord\\s+" + Pattern.quote(record) + "\\s*\\(").matcher(source);
        if (!declaration.find()) {
            throw new IllegalStateException(file + ": no record " + record);
        }
        int open = declaration.end() - 1;
        return source.substring(open + 1, closing(source, open));
    }

    /** The index of the bracket closing the one at {@code open}, passing over string and character literals. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i);
            } else if (c == '(' || c == '{' || c == '[' || c == '<') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']' || c == '>') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("unbalanced brackets from: " + text.substring(open, Math.min(text.length(), open + 80)));
    }

    private static int endOfLiteral(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == quote) {
                return i;
            }
        }
        throw new IllegalStateException("unterminated literal from: " + text.substring(start, Math.min(text.length(), start + 80)));
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i);
            } else if (c == '(' || c == '{' || c == '[' || c == '<') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']' || c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.substring(start).isBlank()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** {@code @DefaultValue("8") int attempts} becomes {@code int attempts}, with one space before the name. */
    private static String stripAnnotations(String component) {
        String rest = component.strip();
        while (rest.startsWith("@")) {
            int i = 1;
            while (i < rest.length() && (Character.isJavaIdentifierPart(rest.charAt(i)) || rest.charAt(i) == '.')) {
                i++;
            }
            while (i < rest.length() && Character.isWhitespace(rest.charAt(i))) {
                i++;
            }
            if (i < rest.length() && rest.charAt(i) == '(') {
                i = closing(rest, i) + 1;
            }
            rest = rest.substring(i).strip();
        }
        return rest.replaceAll("\\s+", " ").replace(" <", "<").replace(", ", ",");
    }

    private static String rawType(String type) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        raw = raw.replace("[]", "").strip();
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    /** Boot's canonical form of a property name: {@code refillPerSecond} is {@code refill-per-second}. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
