package dev.footfall.server.event;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The acquisition channel of a visit: Google Analytics 4's default channel grouping, with the AI
 * Assistants channel Plausible adds. Declared in the order the rules are tried
 * ({@code ChannelRules}), the first that matches wins, {@link #DIRECT} when none does. The label
 * is the dimension value stored and shown ("Organic Search").
 */
public enum Channel {
    CROSS_NETWORK("Cross-network"),
    PAID_SHOPPING("Paid Shopping"),
    PAID_SEARCH("Paid Search"),
    PAID_SOCIAL("Paid Social"),
    PAID_VIDEO("Paid Video"),
    DISPLAY("Display"),
    PAID_OTHER("Paid Other"),
    ORGANIC_SHOPPING("Organic Shopping"),
    ORGANIC_SOCIAL("Organic Social"),
    ORGANIC_VIDEO("Organic Video"),
    AI_ASSISTANTS("AI Assistants"),
    ORGANIC_SEARCH("Organic Search"),
    EMAIL("Email"),
    AFFILIATES("Affiliates"),
    AUDIO("Audio"),
    SMS("SMS"),
    MOBILE_PUSH_NOTIFICATIONS("Mobile Push Notifications"),
    REFERRAL("Referral"),
    DIRECT("Direct");

    private static final Map<String, Channel> BY_LABEL = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Channel::label, Function.identity()));

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The channel named {@code label}; throws for text that names none. */
    public static Channel ofLabel(String label) {
        Channel c = BY_LABEL.get(label);
        if (c == null) {
            throw new IllegalArgumentException("no channel is labelled " + label);
        }
        return c;
    }
}
