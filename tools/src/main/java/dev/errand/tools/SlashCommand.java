package dev.errand.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the chat command that calls a tool straight, without a model: its words fill the tool's
 * arguments in order, the last one taking the rest of the line, e.g. {@code /refund 8812 20.00 CNY parcel
 * lost}. The command runs as a one-step plan, judged by the same policy as the model's plans.
 * {@code /help} lists commands by name.
 */
@Documented
@Inherited // a CDI subclass (interceptors) of the tool still declares the command
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SlashCommand {

    /** The word after the slash: lower case letters, digits, '-' or '_', e.g. {@code refund}. */
    String name();

    /**
     * The argument record's components the words fill, in order; empty (the default) means all of them in
     * declaration order. Every required component must be named.
     */
    String[] arguments() default {};

    /** One line for {@code /help}. */
    String summary();
}
