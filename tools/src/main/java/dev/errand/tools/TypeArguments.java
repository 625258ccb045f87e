package dev.errand.tools;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the record types a tool class binds {@link AgentTool}'s type parameters to. */
final class TypeArguments {
    private TypeArguments() {
    }

    /** The class bound to {@code AgentTool}'s parameter {@code index} (0: arguments, 1: result) by {@code tool}. */
    static Class<?> ofAgentTool(Class<?> tool, int index) {
        return find(tool, new HashMap<>(), index).orElseThrow(() -> new IllegalStateException(tool.getName()
                + " does not bind AgentTool's type parameters to classes: override argumentsType() and resultType()"));
    }

    private static Optional<Class<?>> find(Type type, Map<TypeVariable<?>, Type> bound, int index) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] actual = p.getActualTypeArguments();
            Map<TypeVariable<?>, Type> inner = new HashMap<>();
            for (int i = 0; i < variables.length; i++) {
                inner.put(variables[i], actual[i] instanceof TypeVariable<?> v ? bound.getOrDefault(v, v) : actual[i]);
            }
            if (raw == AgentTool.class) {
                Type argument = inner.get(variables[index]);
                return argument instanceof Class<?> c ? Optional.of(c)
                        : argument instanceof ParameterizedType pt ? Optional.of((Class<?>) pt.getRawType())
                        : Optional.empty();
            }
            bound = inner;
        } else if (type instanceof Class<?> c) {
            raw = c;
            bound = Map.of();
        } else {
            return Optional.empty();
        }
        // a tool may implement AgentTool directly, through a superclass or through a sub-interface
        for (Type parent : raw.getGenericInterfaces()) {
            Optional<Class<?>> found = find(parent, bound, index);
            if (found.isPresent()) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? Optional.empty() : find(superclass, bound, index);
    }
}
