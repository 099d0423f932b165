package org.layoutlease.kernel.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.uapi.Uapi;

class DirEntriesTest {

    private static Inode inode(long ino) {
        return new Inode(ino, null, Uapi.S_IFREG | 0644, 0, 0);
    }

    @Test
    void behavesAsTheSortedMapItReplacesUnderRandomChanges() {
        SplittableRandom rnd = new SplittableRandom(7);
        DirEntries d = new DirEntries();
        TreeMap<String, Inode> ref = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            // A small name space, so puts replace and removes hit, and probe runs collide.
            String name = "n" + rnd.nextInt(300);
            if (rnd.nextInt(3) == 0) {
                assertThat(d.remove(name)).isSameAs(ref.remove(name));
            } else {
                Inode i = inode(step);
                assertThat(d.put(name, i)).isSameAs(ref.put(name, i));
            }
            assertThat(d.size()).isEqualTo(ref.size());
            if (step % 500 == 0) {
                assertThat(new ArrayList<>(d.entrySet())).isEqualTo(new ArrayList<>(ref.entrySet()));
            }
        }
        for (String name : ref.keySet()) {
            assertThat(d.get(name)).isSameAs(ref.get(name));
        }
        assertThat(d).isEqualTo(ref);
    }

    @Test
    void looksUpAComponentInsideAPathWithoutCuttingIt() {
        DirEntries d = new DirEntries();
        Inode f = inode(1);
        d.put("file", f);
        String path = "/dir/file/x";
        assertThat(d.get(path, 5, 9)).isSameAs(f);
        assertThat(d.get(path, 5, 8)).isNull();
        assertThat(d.get(path, 1, 4)).isNull();
        assertThat(d.get("x", 0, 1)).isNull();
    }

    @Test
    void iteratesInNameOrderWhateverTheInsertionOrder() {
        DirEntries d = new DirEntries();
        List<String> names = List.of("b", "a", "B", "ab", "c", "aa");
        for (String n : names) {
            d.put(n, inode(n.hashCode()));
        }
        assertThat(d.entrySet().stream().map(Map.Entry::getKey).toList())
            .containsExactly("B", "a", "aa", "ab", "b", "c");
        d.remove("aa");
        assertThat(d.keySet()).containsExactly("B", "a", "ab", "b", "c");
    }
}
