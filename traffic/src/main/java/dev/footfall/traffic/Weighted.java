package dev.footfall.traffic;

import java.util.List;
import java.util.random.RandomGenerator;

/** A value with a share of traffic; {@link #pick} draws one in proportion to the weights. */
record Weighted<T>(T value, double weight) {
    Weighted {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be positive: " + value);
        }
    }

    static <T> Weighted<T> of(T value, double weight) {
        return new Weighted<>(value, weight);
    }

    static <T> T pick(RandomGenerator random, List<Weighted<T>> options) {
        double total = 0;
        for (Weighted<T> option : options) {
            total += option.weight();
        }
        double r = random.nextDouble() * total;
        for (Weighted<T> option : options) {
            r -= option.weight();
            if (r <= 0) {
                return option.value();
            }
        }
        return options.getLast().value();
    }
}
