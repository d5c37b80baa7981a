package dev.footfall.model.stats;

import dev.footfall.model.InvalidFieldException;

/**
 * A dimension as named on the wire: a {@link PropertyKind}, plus the custom property key for
 * {@code event:props:<key>} (empty otherwise).
 */
public record Property(PropertyKind kind, String propKey) {
    public Property {
        propKey = propKey == null ? "" : propKey;
        if (kind == PropertyKind.PROPS && propKey.isEmpty()) {
            throw new InvalidFieldException("property", "event:props needs a key: event:props:<key>");
        }
    }

    public static Property of(PropertyKind kind) {
        return new Property(kind, "");
    }

    /** Parses an API property name; {@code field} names the parameter in the error. */
    public static Property parse(String text, String field) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith(PropertyKind.PROPS.wireName())) {
            String key = t.substring(PropertyKind.PROPS.wireName().length());
            if (key.isEmpty()) {
                throw new InvalidFieldException(field, "event:props needs a key: event:props:<key>");
            }
            return new Property(PropertyKind.PROPS, key);
        }
        for (PropertyKind kind : PropertyKind.values()) {
            if (kind != PropertyKind.PROPS && kind.wireName().equals(t)) {
                return of(kind);
            }
        }
        throw new InvalidFieldException(field, "unknown property '" + t + "'");
    }

    /** The key of the value in a breakdown row: {@code page}, {@code source}, or the prop key. */
    public String rowKey() {
        return kind == PropertyKind.PROPS ? propKey : kind.key();
    }

    public String wireName() {
        return kind == PropertyKind.PROPS ? kind.wireName() + propKey : kind.wireName();
    }

    /** The Stats API v2 name: v1's, except that the hostname is {@code event:hostname}, as Plausible's v2 calls it. */
    public String v2Name() {
        return kind == PropertyKind.HOSTNAME ? "event:hostname" : wireName();
    }

    /** Reads a v2 dimension name ({@link #v2Name}); {@code field} names the part of the query in the error. */
    public static Property parseV2(String text, String field) {
        if ("event:hostname".equals(text)) {
            return of(PropertyKind.HOSTNAME);
        }
        if (PropertyKind.HOSTNAME.wireName().equals(text)) {
            throw new InvalidFieldException(field, "unknown property '" + text + "': v2 calls it event:hostname");
        }
        return parse(text, field);
    }
}
