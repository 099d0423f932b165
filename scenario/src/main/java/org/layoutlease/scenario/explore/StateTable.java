package org.layoutlease.scenario.explore;

/**
 * The visited-state table: state hash to node number, open addressing on primitive arrays (a
 * boxed map costs more than the states it stores). Hash 0 is stored as a key like any other.
 */
final class StateTable {
    /** Beyond this the explorer stops with "state limit" rather than exhausting memory. */
    static final int MAX_STATES = 1 << 26;

    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    StateTable() {
        keys = new long[1 << 12];
        values = new int[1 << 12];
        used = new boolean[1 << 12];
    }

    int size() {
        return size;
    }

    /** The node stored for {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return -1;
    }

    /** Stores {@code key → value}; returns false (and stores nothing) if the key was there. */
    boolean putIfAbsent(long key, int value) {
        if (size >= MAX_STATES) {
            throw new IllegalStateException("more than " + MAX_STATES + " distinct states");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (used[i]) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
        return true;
    }

    private static int slot(long key, int mask) {
        long x = key * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldUsed[j]) {
                int i = slot(oldKeys[j], mask);
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
