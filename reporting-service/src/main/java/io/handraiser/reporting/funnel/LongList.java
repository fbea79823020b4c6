package io.handraiser.reporting.funnel;

import java.util.Arrays;

/** A growable list of primitive longs: durations of many stays without a Long object each. */
public final class LongList {

    private long[] values = new long[16];
    private int size;

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
