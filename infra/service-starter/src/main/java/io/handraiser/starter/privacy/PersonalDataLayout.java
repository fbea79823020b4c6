package io.handraiser.starter.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.handraiser.contract.shared.DataSubject;
import io.handraiser.contract.shared.PersonalData;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a message type keeps personal data, found once per type from its {@link PersonalData} and {@link
 * DataSubject} marks: the JSON paths of the personal values and the property naming whose they are. Nested
 * Handraiser value types are searched too, so a {@code Profile} marks its own personal parts wherever it is used.
 * Collections are not searched: a personal value inside a list would escape encryption, so none may exist. A
 * collection marked as a whole (a contact's personal custom properties, a map) is one personal value, sealed whole.
 */
final class PersonalDataLayout {

    static final PersonalDataLayout NONE = new PersonalDataLayout(null, List.of());

    private static final String OWN_TYPES = "io.handraiser.";
    private static final int MAX_DEPTH = 8;

    private final String subjectProperty;
    private final List<List<String>> personalPaths;
    private final List<String> joinedPaths;
    /** The paths again as arrays, for the parser's check of every value it passes ({@link #personalPathIn}). */
    private final String[][] pathNames;

    private PersonalDataLayout(String subjectProperty, List<List<String>> personalPaths) {
        this.subjectProperty = subjectProperty;
        this.personalPaths = personalPaths;
        this.joinedPaths = personalPaths.stream().map(path -> String.join(".", path)).toList();
        this.pathNames = personalPaths.stream().map(path -> path.toArray(String[]::new)).toArray(String[][]::new);
    }

    static PersonalDataLayout of(Class<?> type) {
        List<List<String>> paths = new ArrayList<>();
        collectPersonalPaths(type, List.of(), paths, 0);
        if (paths.isEmpty()) {
            return NONE;
        }
        String subject = null;
        for (Field field : instanceFields(type)) {
            if (field.isAnnotationPresent(DataSubject.class)) {
                if (subject != null) {
                    throw new IllegalStateException(type.getName() + " marks more than one @DataSubject");
                }
                subject = propertyName(field);
            }
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " carries @PersonalData but no @DataSubject says whose it is");
        }
        return new PersonalDataLayout(subject, List.copyOf(paths));
    }

    /** Each personal path with its names joined by dots, as bound into its ciphertext; indexes as elsewhere here. */
    List<String> joinedPaths() {
        return joinedPaths;
    }

    boolean isEmpty() {
        return personalPaths.isEmpty();
    }

    String subjectOf(JsonNode tree) {
        JsonNode subject = tree.get(subjectProperty);
        if (subject == null || !subject.isValueNode() || subject.isNull()) {
            throw new IllegalArgumentException("the @DataSubject property '" + subjectProperty + "' is missing, so personal data has no key");
        }
        return subject.asText();
    }

    /** Calls {@code visitor} for each personal value present in {@code tree}, with the object holding it. */
    void forEachPersonalValue(JsonNode tree, PersonalValueVisitor visitor) {
        for (int index = 0; index < personalPaths.size(); index++) {
            List<String> path = personalPaths.get(index);
            JsonNode parent = tree;
            for (int i = 0; i < path.size() - 1 && parent != null; i++) {
                parent = parent.get(path.get(i));
            }
            String property = path.get(path.size() - 1);
            if (parent instanceof ObjectNode holder && holder.hasNonNull(property)) {
                visitor.visit(holder, property, joinedPaths.get(index));
            }
        }
    }

    @FunctionalInterface
    interface PersonalValueVisitor {
        void visit(ObjectNode holder, String property, String path);
    }

    /**
     * For a parser standing on a value whose enclosing object is {@code holder}: whether the value is the subject
     * property of the message itself (not of a nested object).
     */
    boolean isSubjectIn(JsonStreamContext holder) {
        return holder.inObject() && holder.getParent().inRoot() && subjectProperty.equals(holder.getCurrentName());
    }

    /**
     * For a parser standing on a value whose enclosing object is {@code holder}: the index of the personal path that
     * leads to the value, or -1 if the value is not personal.
     */
    int personalPathIn(JsonStreamContext holder) {
        String name = holder.getCurrentName();
        for (int index = 0; index < pathNames.length; index++) {
            String[] path = pathNames[index];
            if (path[path.length - 1].equals(name) && leadsTo(path, holder.getParent())) {
                return index;
            }
        }
        return -1;
    }

    /** Whether the objects enclosing {@code context} are named by the path but its last name, from the root down. */
    private static boolean leadsTo(String[] path, JsonStreamContext context) {
        for (int i = path.length - 2; i >= 0; i--) {
            if (context == null || !context.inObject() || !path[i].equals(context.getCurrentName())) {
                return false;
            }
            context = context.getParent();
        }
        return context != null && context.inRoot();
    }

    private static void collectPersonalPaths(Class<?> type, List<String> prefix, List<List<String>> paths, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (Field field : instanceFields(type)) {
            List<String> path = new ArrayList<>(prefix);
            path.add(propertyName(field));
            if (field.isAnnotationPresent(PersonalData.class)) {
                paths.add(List.copyOf(path));
            } else if (isOwnValueType(field.getType())) {
                collectPersonalPaths(field.getType(), path, paths, depth + 1);
            }
        }
    }

    private static boolean isOwnValueType(Class<?> type) {
        return type.getName().startsWith(OWN_TYPES) && !type.isEnum() && !type.isInterface() && !type.isPrimitive();
    }

    private static List<Field> instanceFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static String propertyName(Field field) {
        JsonProperty renamed = field.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
    }
}
