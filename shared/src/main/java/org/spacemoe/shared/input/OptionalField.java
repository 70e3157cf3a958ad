package org.spacemoe.shared.input;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component a document read with {@link StrictJson} may leave out: absent, it is null (the record's
 * constructor may map that to a default), where any other missing field is an error. Present, the document's value
 * is used as usual. Only for reference types (a primitive has no absent value).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JacksonInject(value = OptionalField.ABSENT, useInput = OptBoolean.TRUE)
public @interface OptionalField {
  /** The injection id {@link StrictJson}'s mappers answer with null. */
  String ABSENT = "org.spacemoe.absent";
}
