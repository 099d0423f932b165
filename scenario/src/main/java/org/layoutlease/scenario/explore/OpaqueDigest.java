package org.layoutlease.scenario.explore;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.ToLongFunction;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.Subsystems;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.Inode;
import org.layoutlease.kernel.fs.Mount;
import org.layoutlease.kernel.fs.Vfs;
import org.layoutlease.kernel.fs.block.BlockFileStore;
import org.layoutlease.kernel.fs.locks.LeaseOps;
import org.layoutlease.kernel.lib.Data;
import org.layoutlease.kernel.proc.ProcFs;
import org.layoutlease.kernel.sched.Scheduler;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.sched.ThreadGroup;
import org.layoutlease.kernel.sched.TimerQueue;
import org.layoutlease.kernel.sched.WaitQueue;

/**
 * A structural digest of subsystem state the explorer has no dedicated code for: a file's
 * private data (an RDMA context, a socket, a ring), an address space's pin state, the fields of
 * the subsystems themselves. It follows fields by reflection, so state a subsystem adds later is
 * covered without changes here; a digest too coarse would merge different states and miss
 * bugs, one too fine only costs pruning.
 *
 * <p>It is a pure function of the object graph: kernel objects that are hashed elsewhere stop
 * the walk and contribute their identity (a task its tid, a file its canonical number, an inode
 * its number); unordered collections are combined order-independently; a cycle contributes a
 * constant; lambdas contribute their class only (their captured state is the caller's).
 */
final class OpaqueDigest {
    /** How deep a walk goes, and how many objects one digest visits at most. */
    static final int MAX_DEPTH = 24;
    static final int MAX_NODES = 200_000;

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        try {
                            f.setAccessible(true);
                            out.add(f);
                        } catch (RuntimeException e) {
                            // Not accessible (a JDK internal): the class name stands for it.
                        }
                    }
                }
            }
            return out.toArray(new Field[0]);
        }
    };

    /**
     * A class whose instances hold nothing that changes: every field is final and refers to the
     * kernel, the subsystem table or another such class (file operations, call tables, drivers).
     */
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return stateless(type, 0);
        }
    };

    private static boolean stateless(Class<?> type, int depth) {
        if (depth > 4) {
            return false;
        }
        for (Field f : FIELDS.get(type)) {
            Class<?> t = f.getType();
            boolean service = t == Kernel.class || t == Subsystems.class
                || (t.getName().startsWith("org.layoutlease.kernel.") && !t.isInterface() && stateless(t, depth + 1));
            if (!Modifier.isFinal(f.getModifiers()) || !service) {
                return false;
            }
        }
        return true;
    }

    static boolean isStateless(Class<?> type) {
        return STATELESS.get(type);
    }

    private final ToLongFunction<File> fileId;
    private final IdentityHashMap<Object, Boolean> path = new IdentityHashMap<>();
    private int nodes;

    OpaqueDigest(ToLongFunction<File> fileId) {
        this.fileId = fileId;
    }

    long digest(Object o) {
        return walk(o, 0);
    }

    /**
     * The fields of {@code o} (itself a stop type, such as the subsystem table) except those
     * named in {@code skip} and final ones whose type is stateless (call tables, drivers).
     */
    long digestFields(Object o, java.util.Set<String> skip) {
        long h = o.getClass().getName().hashCode();
        path.put(o, Boolean.TRUE);
        try {
            for (Field f : STATEFUL_FIELDS.get(o.getClass())) {
                if (!skip.contains(f.getName())) {
                    h = mix(h, field(o, f, 1));
                }
            }
        } finally {
            path.remove(o);
        }
        return h;
    }

    private static final ClassValue<Field[]> STATEFUL_FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Field f : FIELDS.get(type)) {
                Class<?> t = f.getType();
                boolean constant = Modifier.isFinal(f.getModifiers()) && !t.isPrimitive() && !t.isInterface()
                    && t.getName().startsWith("org.layoutlease.kernel.") && isStateless(t);
                if (!constant) {
                    out.add(f);
                }
            }
            return out.toArray(new Field[0]);
        }
    };

    private static long mix(long h, long v) {
        return Long.rotateLeft((h ^ v) * 0x9E3779B97F4A7C15L, 31) + 0x7F4A7C159E3779B9L;
    }

    private long walk(Object o, int depth) {
        if (o == null) {
            return 0x5A5A;
        }
        if (++nodes > MAX_NODES) {
            throw new IllegalStateException("state too large to hash: more than " + MAX_NODES + " objects");
        }
        Long leaf = leaf(o);
        if (leaf != null) {
            return leaf;
        }
        if (depth >= MAX_DEPTH || path.containsKey(o)) {
            return o.getClass().getName().hashCode();
        }
        path.put(o, Boolean.TRUE);
        try {
            return composite(o, depth);
        } finally {
            path.remove(o);
        }
    }

    /** Values and the kernel objects that stop the walk; null for anything to look into. */
    private Long leaf(Object o) {
        return switch (o) {
            case Number n -> n.longValue() * 31 + o.getClass().getName().hashCode();
            case Boolean b -> b ? 3L : 5L;
            case Character c -> (long) c;
            case String s -> (long) s.hashCode() << 16 ^ s.length();
            case Enum<?> e -> (long) e.getDeclaringClass().getName().hashCode() << 8 ^ e.ordinal();
            case Class<?> c -> (long) c.getName().hashCode();
            case Data d -> mix(d.length(), d.hashCode());
            case File f -> mix(0xF11E, fileId.applyAsLong(f));
            case Inode i -> mix(mix(0x1403, i.mount().mountId()), i.ino());
            case Task t -> mix(0x7A5C, t.tid());
            case ThreadGroup g -> mix(0x6209, g.tgid());
            case WaitQueue q -> {
                long h = 0x3A17;
                for (Task t : q.sleepers()) {
                    h = mix(h, t.tid());
                }
                yield h;
            }
            case Kernel k -> 0x4E41L;
            case Mount m -> mix(0x3047, m.mountId());
            case Vfs v -> 0x5F5L;
            case Scheduler s -> 0x5C4EL;
            case TimerQueue q -> 0x713EL;
            case ProcFs p -> 0x960FL;
            case BlockFileStore s -> mix(0xB10C, s.mount().mountId());
            case LeaseOps l -> 0x1EA5L;
            case Subsystems s -> 0x5B5L;
            default -> o.getClass().isHidden() || o.getClass().isSynthetic() || isStateless(o.getClass())
                ? (long) o.getClass().getName().hashCode() : null;
        };
    }

    private long composite(Object o, int depth) {
        Class<?> type = o.getClass();
        long h = type.getName().hashCode();
        if (type.isArray()) {
            return array(o, h, depth);
        }
        if (o instanceof Map<?, ?> m) {
            boolean ordered = m instanceof SortedMap || m instanceof LinkedHashMap;
            long acc = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                long kv = mix(walk(e.getKey(), depth + 1), walk(e.getValue(), depth + 1));
                acc = ordered ? mix(acc, kv) : acc + kv;
            }
            return mix(mix(h, m.size()), acc);
        }
        if (o instanceof Collection<?> c) {
            boolean ordered = !(c instanceof java.util.Set) || c instanceof SortedSet || c instanceof LinkedHashSet;
            long acc = 0;
            for (Object x : c) {
                long v = walk(x, depth + 1);
                acc = ordered ? mix(acc, v) : acc + v;
            }
            return mix(mix(h, c.size()), acc);
        }
        if (type.getName().startsWith("java.")) {
            // Another JDK value type (Optional, BitSet, a record of the JDK): its own equality hash.
            return mix(h, o.hashCode());
        }
        for (Field f : FIELDS.get(type)) {
            h = mix(h, field(o, f, depth));
        }
        return h;
    }

    private long field(Object o, Field f, int depth) {
        try {
            Class<?> t = f.getType();
            if (t == long.class) {
                return f.getLong(o);
            }
            if (t == int.class) {
                return f.getInt(o);
            }
            if (t == boolean.class) {
                return f.getBoolean(o) ? 3 : 5;
            }
            if (t.isPrimitive()) {
                return f.get(o).hashCode();
            }
            return walk(f.get(o), depth + 1);
        } catch (IllegalAccessException e) {
            return f.getName().hashCode();
        }
    }

    private long array(Object o, long h, int depth) {
        return switch (o) {
            case long[] a -> mix(h, java.util.Arrays.hashCode(a));
            case int[] a -> mix(h, java.util.Arrays.hashCode(a));
            case byte[] a -> mix(h, java.util.Arrays.hashCode(a));
            case boolean[] a -> mix(h, java.util.Arrays.hashCode(a));
            case short[] a -> mix(h, java.util.Arrays.hashCode(a));
            case char[] a -> mix(h, java.util.Arrays.hashCode(a));
            case double[] a -> mix(h, java.util.Arrays.hashCode(a));
            case float[] a -> mix(h, java.util.Arrays.hashCode(a));
            case Object[] a -> {
                long acc = mix(h, a.length);
                for (Object x : a) {
                    acc = mix(acc, walk(x, depth + 1));
                }
                yield acc;
            }
            default -> h;
        };
    }
}
