package org.layoutlease.kernel.fs;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A directory's entries, name to inode. Lookups go through a hash index, as Linux's dcache does,
 * so a path walk costs the same whether the directory holds ten names or a million; iteration
 * is in name order ({@link String#compareTo}), the order of the sorted map this replaces, so
 * anything that walks a directory (the explorer's state hash) sees what it saw before.
 *
 * <p>The index is open addressing with linear probing over two parallel arrays: two references
 * per slot instead of a node object per entry. The name-ordered view is built on the first
 * iteration after a change and kept until the next change.
 */
public final class DirEntries extends AbstractMap<String, Inode> {
    private static final int FIRST_CAPACITY = 8;

    /** Slot keys; null marks a free slot. The length is a power of two, or 0 before the first entry. */
    private String[] names = NO_NAMES;
    private Inode[] inodes = NO_INODES;
    private int size;
    /** The entries in name order; null when a change made it stale. */
    private Map.Entry<String, Inode>[] sorted;
    /**
     * The mount attached on this directory (what d_mountpoint() finds), or null; set by
     * Vfs.mount. Only directories are mount points, so it lives here rather than on every inode.
     */
    Mount mounted;
    /**
     * For procfs directories whose entries come and go (/proc, fdinfo): looks up a name that
     * has no entry here. Only directories have one, so it lives here rather than on every inode.
     */
    public java.util.function.Function<String, Inode> dynamicLookup;
    /**
     * The path by which a file was last opened in this directory, without the trailing slash
     * ("" for the root): the files opened here share it as the directory part of their path.
     */
    String pathHint;

    private static final String[] NO_NAMES = new String[0];
    private static final Inode[] NO_INODES = new Inode[0];

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Inode get(Object key) {
        return key instanceof String s ? get(s, 0, s.length()) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /**
     * The inode named by {@code path.substring(from, to)}, or null; allocates nothing, so a path
     * walk can look each component up in place.
     */
    public Inode get(String path, int from, int to) {
        int slot = indexOf(path, from, to);
        return slot < 0 ? null : inodes[slot];
    }

    /** The slot of {@code path.substring(from, to)}, or -1; valid until the next change. */
    int indexOf(String path, int from, int to) {
        if (size == 0) {
            return -1;
        }
        int len = to - from;
        int h = hash(path, from, to);
        int mask = names.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String k = names[i];
            if (k == null) {
                return -1;
            }
            if (k.hashCode() == h && k.length() == len && k.regionMatches(0, path, from, len)) {
                return i;
            }
        }
    }

    Inode inodeAt(int slot) {
        return inodes[slot];
    }

    /** The name as stored here: one String shared by everything that names the entry. */
    String nameAt(int slot) {
        return names[slot];
    }

    @Override
    public Inode put(String name, Inode inode) {
        assert name != null && inode != null : "null directory entry";
        if ((size + 1) * 4 > names.length * 3) {
            resize(Math.max(FIRST_CAPACITY, names.length * 2));
        }
        int slot = slotOf(name);
        Inode old = inodes[slot];
        if (names[slot] == null) {
            names[slot] = name;
            size++;
        }
        inodes[slot] = inode;
        sorted = null;
        return old;
    }

    @Override
    public Inode remove(Object key) {
        if (!(key instanceof String name) || size == 0) {
            return null;
        }
        int slot = slotOf(name);
        if (names[slot] == null) {
            return null;
        }
        Inode old = inodes[slot];
        deleteSlot(slot);
        size--;
        sorted = null;
        return old;
    }

    @Override
    public void clear() {
        names = NO_NAMES;
        inodes = NO_INODES;
        size = 0;
        sorted = null;
    }

    /** The entries in name order. Read-only: change the directory through put and remove. */
    @Override
    public Set<Map.Entry<String, Inode>> entrySet() {
        Map.Entry<String, Inode>[] view = sortedEntries();
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Inode>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < view.length;
                    }

                    @Override
                    public Map.Entry<String, Inode> next() {
                        if (next >= view.length) {
                            throw new NoSuchElementException();
                        }
                        return view[next++];
                    }
                };
            }

            @Override
            public int size() {
                return view.length;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Map.Entry<String, Inode>[] sortedEntries() {
        if (sorted == null) {
            Map.Entry<String, Inode>[] out = new Map.Entry[size];
            int n = 0;
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null) {
                    out[n++] = new AbstractMap.SimpleImmutableEntry<>(names[i], inodes[i]);
                }
            }
            assert n == size : "directory size " + size + " but " + n + " slots used";
            Arrays.sort(out, Map.Entry.comparingByKey());
            sorted = out;
        }
        return sorted;
    }

    // ---------------------------------------------------------------- the index

    /** String.hashCode of {@code s.substring(from, to)}, so stored names' cached hashes compare. */
    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The slot holding {@code name}, or the free slot where it would go. */
    private int slotOf(String name) {
        int mask = names.length - 1;
        int i = spread(name.hashCode()) & mask;
        while (names[i] != null && !names[i].equals(name)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Frees a slot and moves later entries of its probe run back, so no lookup stops short. */
    private void deleteSlot(int slot) {
        int mask = names.length - 1;
        int hole = slot;
        for (int i = (hole + 1) & mask; names[i] != null; i = (i + 1) & mask) {
            int home = spread(names[i].hashCode()) & mask;
            // Move the entry into the hole unless its home lies cyclically in (hole, i].
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                names[hole] = names[i];
                inodes[hole] = inodes[i];
                hole = i;
            }
        }
        names[hole] = null;
        inodes[hole] = null;
    }

    private void resize(int capacity) {
        assert Integer.bitCount(capacity) == 1 : "capacity " + capacity;
        String[] oldNames = names;
        Inode[] oldInodes = inodes;
        names = new String[capacity];
        inodes = new Inode[capacity];
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                int slot = slotOf(oldNames[i]);
                names[slot] = oldNames[i];
                inodes[slot] = oldInodes[i];
            }
        }
    }
}
