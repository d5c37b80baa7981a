package dev.footfall.console.dashboard;

import javafx.scene.input.KeyCode;

/** The date ranges of the range selector, each with its Ctrl+digit shortcut. */
public enum DatePreset {
    TODAY("Today", KeyCode.DIGIT1),
    YESTERDAY("Yesterday", KeyCode.DIGIT2),
    LAST_7_DAYS("Last 7 days", KeyCode.DIGIT3),
    LAST_30_DAYS("Last 30 days", KeyCode.DIGIT4),
    THIS_MONTH("This month", KeyCode.DIGIT5),
    LAST_MONTH("Last month", KeyCode.DIGIT6),
    LAST_6_MONTHS("Last 6 months", KeyCode.DIGIT7),
    LAST_12_MONTHS("Last 12 months", KeyCode.DIGIT8),
    CUSTOM("Custom range…", KeyCode.DIGIT9);

    private final String label;
    private final KeyCode key;

    DatePreset(String label, KeyCode key) {
        this.label = label;
        this.key = key;
    }

    public String label() {
        return label;
    }

    public KeyCode key() {
        return key;
    }

    @Override
    public String toString() {
        return label;
    }
}
