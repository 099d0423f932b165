package org.layoutlease.scenario.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Merges several orderings of keys into one that keeps, as far as possible, each one's order. */
final class Merge {
    private Merge() {
    }

    /**
     * Folds the orders left to right, each merged into the result so far along their longest
     * common subsequence; a key the orders place inconsistently appears once, where it came first.
     */
    static List<String> orders(List<List<String>> orders) {
        List<String> merged = new ArrayList<>();
        for (List<String> o : orders) {
            merged = two(merged, o);
        }
        return new ArrayList<>(new LinkedHashSet<>(merged));
    }

    static List<String> two(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add(a.get(i++));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return out;
    }
}
