package dev.errand.tools;

import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Singleton;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers an {@link AgentTool} in the agent's catalog: the application finds every class so marked
 * and needs no line of wiring for it. The class needs one constructor; its parameters (connector
 * interfaces, usually) are injected. The jar holding the class must be a bean archive (an empty
 * {@code META-INF/beans.xml}, as this module has). Without CDI a tool stays a plain class: construct it
 * and hand it to the catalog.
 *
 * <p>A singleton, not a normal scope: the catalog holds the tool itself, never a client proxy, so a
 * tool class may be final.
 */
@Stereotype
@Singleton
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CatalogTool {
}
