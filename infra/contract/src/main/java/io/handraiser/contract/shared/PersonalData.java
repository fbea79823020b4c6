package io.handraiser.contract.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value that identifies or describes a person, so it must become unreadable when that person is erased.
 * The event log stores it encrypted with a key of the {@link DataSubject} it belongs to; destroying that key
 * erases it everywhere the log has been copied, without rewriting history. After erasure the value reads as
 * {@code null}, so every marked component must tolerate {@code null}.
 * <p>
 * May mark a component of a nested record too (a {@code Profile} inside an event); the enclosing message
 * names the subject.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {
}
