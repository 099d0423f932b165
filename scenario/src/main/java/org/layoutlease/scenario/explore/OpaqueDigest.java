package org.layoutlease.scenario.explore;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.ToLongBiFunction;
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
 * the subsystems themselves. It follows fields, so state a subsystem adds later is covered
 * without changes here; a digest too coarse would merge different states and miss bugs, one
 * too fine only costs pruning.
 *
 * <p>It is a pure function of the object graph: kernel objects that are hashed elsewhere stop
 * the walk and contribute their identity (a task its tid, a file its canonical number, an inode
 * its number); the contents of maps, collections and arrays are followed, unordered ones
 * combined order-independently; a cycle contributes a constant; lambdas contribute their class
 * only (their captured state is the caller's), and so do kernel classes whose every field is a
 * final reference to a service (file operations, call tables, drivers).
 *
 * <p>Limits: other JDK classes contribute their {@code hashCode()} when they define one (records,
 * {@code Optional}, {@code BitSet}) and only their class when they do not (a lock object, whose
 * identity hash would make equal states differ).
 *
 * <p>Speed: it runs for every state the explorer reaches. What a class is (its kind, its name's
 * hash, its fields) is worked out once per class ({@link Shape}), and one generated
 * {@link FieldReaders reader} call reads all the fields of an object.
 */
final class OpaqueDigest {
    /** How deep a walk goes, and how many objects one digest visits at most. */
    static final int MAX_DEPTH = 24;
    static final int MAX_NODES = 200_000;

    private static final String KERNEL_PACKAGE = "org.layoutlease.kernel.";
    private static final long NULL = 0x5A5A;

    /** How the walk treats the instances of a class. */
    private enum Kind {
        INTEGRAL, DECIMAL, BOOLEAN, CHARACTER, STRING, ENUM, CLASS, DATA, FILE, INODE, TASK, GROUP, WAIT_QUEUE,
        MOUNT, BLOCK_STORE, CONSTANT, PRIMITIVE_ARRAY, OBJECT_ARRAY, MAP, COLLECTION, JDK_VALUE, FIELDS
    }

    /** What the walk knows of a class, worked out once. */
    private static final class Shape {
        final Class<?> type;
        final Kind kind;
        /** The class name's hash: the seed of a composite's digest, and all a constant contributes. */
        final long hash;
        /** Maps and collections: whether iteration order is part of the value. */
        final boolean ordered;
        final Layout layout;
        /**
         * Set once an instance was a subsystem of a table being digested: look instances up in
         * {@code tops}. Only ever set, and set by a digest before it walks, so no fence is needed.
         */
        boolean mayBeTop;

        Shape(Class<?> type) {
            this.type = type;
            this.kind = kind(type);
            this.hash = (kind == Kind.ENUM ? enumClass(type) : type).getName().hashCode();
            this.ordered = SortedMap.class.isAssignableFrom(type) || LinkedHashMap.class.isAssignableFrom(type)
                || SortedSet.class.isAssignableFrom(type) || LinkedHashSet.class.isAssignableFrom(type)
                || !Set.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type);
            this.layout = kind == Kind.FIELDS ? new Layout(instanceFields(type)) : null;
        }
    }

    /** The fields of a class (its own first, then its superclasses'), read by one reader per declaring class. */
    private static final class Layout {
        final ToLongBiFunction<Object, Object[]>[] readers;
        /** Reference fields: how many, and their names' hashes in reader order. */
        final int refs;
        final long[] refNames;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Layout(List<Field> fields) {
            List<ToLongBiFunction<Object, Object[]>> rs = new ArrayList<>();
            List<Field> refFields = new ArrayList<>();
            int from = 0;
            while (from < fields.size()) {
                Class<?> owner = fields.get(from).getDeclaringClass();
                int to = from;
                while (to < fields.size() && fields.get(to).getDeclaringClass() == owner) {
                    to++;
                }
                Field[] group = fields.subList(from, to).toArray(new Field[0]);
                rs.add(FieldReaders.of(owner, group, refFields.size(), OpaqueDigest::presenceOnly));
                for (Field f : group) {
                    if (FieldReaders.stored(f, OpaqueDigest::presenceOnly)) {
                        refFields.add(f);
                    }
                }
                from = to;
            }
            this.readers = rs.toArray(new ToLongBiFunction[0]);
            this.refs = refFields.size();
            this.refNames = refFields.stream().mapToLong(f -> f.getName().hashCode()).toArray();
        }
    }

    /**
     * A field whose value digests to its class's constant whenever it is set: its declared type
     * is a final class of kind {@link Kind#CONSTANT} (the kernel, a stateless service), so only
     * null or not is read. (Asking the kind, not the shape, keeps shapes of mutually referring
     * classes from computing each other.)
     */
    private static boolean presenceOnly(Field f) {
        Class<?> t = f.getType();
        return !t.isPrimitive() && !t.isArray() && Modifier.isFinal(t.getModifiers()) && kind(t) == Kind.CONSTANT;
    }

    /**
     * A direct-mapped cache in front of {@link #SHAPES}, whose lookup is a chain of dependent
     * loads; a walk looks up a shape per object. Races only lose entries (shapes are immutable
     * but for {@code mayBeTop}, which is only ever set).
     */
    private static final Shape[] RECENT = new Shape[256];

    private static Shape shape(Class<?> type) {
        int i = System.identityHashCode(type) & (RECENT.length - 1);
        Shape s = RECENT[i];
        if (s == null || s.type != type) {
            s = SHAPES.get(type);
            RECENT[i] = s;
        }
        return s;
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type);
        }
    };

    /**
     * A class whose instances hold nothing that changes: a kernel class whose every field is
     * final and refers to the kernel, the subsystem table or another such class.
     */
    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return stateless(type, 0);
        }
    };

    private static Kind kind(Class<?> t) {
        if (t == Double.class || t == Float.class) {
            return Kind.DECIMAL;
        }
        if (Number.class.isAssignableFrom(t)) {
            return Kind.INTEGRAL;
        }
        Kind value = t == Boolean.class ? Kind.BOOLEAN : t == Character.class ? Kind.CHARACTER
            : t == String.class ? Kind.STRING : t == Class.class ? Kind.CLASS
            : Enum.class.isAssignableFrom(t) ? Kind.ENUM : null;
        Kind kernel = value != null ? value : kernelKind(t);
        if (kernel != null) {
            return kernel;
        }
        if (t.isHidden() || t.isSynthetic() || isStateless(t)) {
            return Kind.CONSTANT;
        }
        return containerKind(t);
    }

    /** Kernel objects hashed elsewhere, which stop the walk; null for anything else. */
    private static Kind kernelKind(Class<?> t) {
        if (t == Data.class) {
            return Kind.DATA;
        }
        if (t == File.class || t == Inode.class || t == Task.class || t == ThreadGroup.class) {
            return t == File.class ? Kind.FILE : t == Inode.class ? Kind.INODE : t == Task.class ? Kind.TASK : Kind.GROUP;
        }
        if (t == WaitQueue.class || t == Mount.class || t == BlockFileStore.class) {
            return t == WaitQueue.class ? Kind.WAIT_QUEUE : t == Mount.class ? Kind.MOUNT : Kind.BLOCK_STORE;
        }
        boolean service = t == Kernel.class || t == Vfs.class || t == Scheduler.class || t == TimerQueue.class
            || t == ProcFs.class || t == Subsystems.class || LeaseOps.class.isAssignableFrom(t);
        return service ? Kind.CONSTANT : null;
    }

    private static Kind containerKind(Class<?> t) {
        if (t.isArray()) {
            return t.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
        }
        if (Map.class.isAssignableFrom(t)) {
            return Kind.MAP;
        }
        if (Collection.class.isAssignableFrom(t)) {
            return Kind.COLLECTION;
        }
        if (t.getName().startsWith("java.")) {
            return definesHashCode(t) ? Kind.JDK_VALUE : Kind.CONSTANT;
        }
        return Kind.FIELDS;
    }

    private static boolean definesHashCode(Class<?> t) {
        try {
            return t.getMethod("hashCode").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Class<?> enumClass(Class<?> t) {
        return t.isEnum() ? t : t.getSuperclass();
    }

    private static boolean stateless(Class<?> type, int depth) {
        if (depth > 4 || type.isArray() || !type.getName().startsWith(KERNEL_PACKAGE)) {
            return false;
        }
        for (Field f : instanceFields(type)) {
            Class<?> t = f.getType();
            boolean service = t == Kernel.class || t == Subsystems.class || (!t.isInterface() && stateless(t, depth + 1));
            if (!Modifier.isFinal(f.getModifiers()) || !service) {
                return false;
            }
        }
        return true;
    }

    static boolean isStateless(Class<?> type) {
        return STATELESS.get(type);
    }

    /** The non-static fields of {@code type} and its superclasses that reflection can open. */
    private static List<Field> instanceFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && open(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static boolean open(Field f) {
        try {
            f.setAccessible(true);
            return true;
        } catch (RuntimeException e) {
            // Not accessible (a JDK internal): the class name stands for it.
            return false;
        }
    }

    // ---------------------------------------------------------------- one digest

    private final ToLongFunction<File> fileId;
    /** The composites being expanded, by depth: a cycle back to one of them is a constant. */
    private final Object[] path = new Object[MAX_DEPTH + 1];
    /** Per depth, where a composite's reference fields are read to. */
    private final Object[][] scratch = new Object[MAX_DEPTH + 1][];
    private int nodes;

    OpaqueDigest(ToLongFunction<File> fileId) {
        this.fileId = fileId;
    }

    long digest(Object o) {
        return walk(o, 0);
    }

    static long mix(long h, long v) {
        return Long.rotateLeft((h ^ v) * 0x9E3779B97F4A7C15L, 31) + 0x7F4A7C159E3779B9L;
    }

    private long walk(Object o, int depth) {
        if (o == null) {
            return NULL;
        }
        if (++nodes > MAX_NODES) {
            throw new IllegalStateException("state too large to hash: more than " + MAX_NODES + " objects");
        }
        Shape s = shape(o.getClass());
        return switch (s.kind) {
            case INTEGRAL -> ((Number) o).longValue() * 31 + s.hash;
            case DECIMAL -> Double.doubleToLongBits(((Number) o).doubleValue()) * 31 + s.hash;
            case BOOLEAN -> (Boolean) o ? 3L : 5L;
            case CHARACTER -> (long) (Character) o;
            case STRING -> (long) o.hashCode() << 16 ^ ((String) o).length();
            case ENUM -> s.hash << 8 ^ ((Enum<?>) o).ordinal();
            case CLASS -> ((Class<?>) o).getName().hashCode();
            case DATA -> mix(((Data) o).length(), o.hashCode());
            case FILE -> mix(0xF11E, fileId.applyAsLong((File) o));
            case INODE -> mix(mix(0x1403, ((Inode) o).mount().mountId()), ((Inode) o).ino());
            case TASK -> mix(0x7A5C, ((Task) o).tid());
            case GROUP -> mix(0x6209, ((ThreadGroup) o).tgid());
            case WAIT_QUEUE -> waitQueue((WaitQueue) o);
            case MOUNT -> mix(0x3047, ((Mount) o).mountId());
            case BLOCK_STORE -> mix(0xB10C, ((BlockFileStore) o).mount().mountId());
            case CONSTANT -> s.hash;
            default -> composite(o, s, depth);
        };
    }

    private static long waitQueue(WaitQueue q) {
        long h = 0x3A17;
        if (!q.isEmpty()) {
            for (Task t : q.sleepers()) {
                h = mix(h, t.tid());
            }
        }
        return h;
    }

    private long composite(Object o, Shape s, int depth) {
        if (s.mayBeTop && o != current) {
            int top = topIndex(o);
            if (top >= 0) {
                return topNames[top];
            }
        }
        if (depth >= MAX_DEPTH || onPath(o, depth)) {
            return s.hash;
        }
        path[depth] = o;
        return switch (s.kind) {
            case PRIMITIVE_ARRAY -> mix(s.hash, primitives(o));
            case OBJECT_ARRAY -> objects((Object[]) o, s.hash, depth);
            case MAP -> map((Map<?, ?>) o, s, depth);
            case COLLECTION -> collection((Collection<?>) o, s, depth);
            case JDK_VALUE -> mix(s.hash, o.hashCode());
            default -> fields(o, s.hash, s.layout, depth);
        };
    }

    private boolean onPath(Object o, int depth) {
        for (int d = 0; d < depth; d++) {
            if (path[d] == o) {
                return true;
            }
        }
        return false;
    }

    private long fields(Object o, long h, Layout layout, int depth) {
        Object[] refs = scratch(depth, layout.refs);
        for (ToLongBiFunction<Object, Object[]> r : layout.readers) {
            h = mix(h, r.applyAsLong(o, refs));
        }
        for (int i = 0; i < layout.refs; i++) {
            h = mix(h, walk(refs[i], depth + 1));
        }
        return h;
    }

    private Object[] scratch(int depth, int size) {
        Object[] a = scratch[depth];
        if (a == null || a.length < size) {
            a = new Object[Math.max(size, 8)];
            scratch[depth] = a;
        }
        return a;
    }

    private long map(Map<?, ?> m, Shape s, int depth) {
        long acc = 0;
        if (!m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                long kv = mix(walk(e.getKey(), depth + 1), walk(e.getValue(), depth + 1));
                acc = s.ordered ? mix(acc, kv) : acc + kv;
            }
        }
        return mix(mix(s.hash, m.size()), acc);
    }

    private long collection(Collection<?> c, Shape s, int depth) {
        long acc = 0;
        if (!c.isEmpty()) {
            for (Object x : c) {
                long v = walk(x, depth + 1);
                acc = s.ordered ? mix(acc, v) : acc + v;
            }
        }
        return mix(mix(s.hash, c.size()), acc);
    }

    private long objects(Object[] a, long h, int depth) {
        long acc = mix(h, a.length);
        for (Object x : a) {
            acc = mix(acc, walk(x, depth + 1));
        }
        return acc;
    }

    private static long primitives(Object o) {
        long h = java.lang.reflect.Array.getLength(o);
        switch (o) {
            case long[] a -> {
                for (long x : a) {
                    h = mix(h, x);
                }
            }
            case int[] a -> {
                for (int x : a) {
                    h = mix(h, x);
                }
            }
            case byte[] a -> {
                for (byte x : a) {
                    h = mix(h, x);
                }
            }
            default -> h = mix(h, boxedArrayHash(o));
        }
        return h;
    }

    /** The rarer primitive arrays (boolean, short, char, float, double): their element-wise hash. */
    private static long boxedArrayHash(Object o) {
        return switch (o) {
            case boolean[] a -> java.util.Arrays.hashCode(a);
            case short[] a -> java.util.Arrays.hashCode(a);
            case char[] a -> java.util.Arrays.hashCode(a);
            case float[] a -> java.util.Arrays.hashCode(a);
            case double[] a -> java.util.Arrays.hashCode(a);
            default -> throw new IllegalArgumentException(o.getClass().getName());
        };
    }

    // ---------------------------------------------------------------- the subsystem table

    /** The subsystem objects of the table being digested, with their field names' hashes, and the one walked now. */
    private Object[] tops = new Object[0];
    private long[] topNames = new long[0];
    private int topCount;
    private Object current;

    private int topIndex(Object o) {
        for (int i = 0; i < topCount; i++) {
            if (tops[i] == o) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The fields of {@code o} (itself a stop type, such as the subsystem table) except those
     * named in {@code skip} and final ones whose type is stateless (call tables, drivers).
     */
    long digestFields(Object o, Set<String> skip) {
        Layout layout = tableLayout(o.getClass(), skip);
        long h = shape(o.getClass()).hash;
        Object[] refs = new Object[layout.refs];
        for (ToLongBiFunction<Object, Object[]> r : layout.readers) {
            h = mix(h, r.applyAsLong(o, refs));
        }
        path[0] = o;
        // Subsystems refer to each other (RDMA to GUP to the pin table): each is digested once,
        // as a field of the table, and stands for itself by name wherever else it is reached.
        tops = refs;
        topNames = layout.refNames;
        topCount = refs.length;
        for (Object top : refs) {
            Shape s = top == null ? null : shape(top.getClass());
            if (s != null && !s.mayBeTop) {
                s.mayBeTop = true;
            }
        }
        try {
            for (Object top : refs) {
                current = top;
                h = mix(h, walk(top, 1));
            }
        } finally {
            topCount = 0;
            current = null;
        }
        return h;
    }

    /** The layout of a table's stateful fields minus {@code skip}, computed once per class (skip is a constant per caller). */
    private static Layout tableLayout(Class<?> type, Set<String> skip) {
        Table t = table;
        if (t == null || t.type != type || t.skip != skip) {
            List<Field> fields = new ArrayList<>();
            for (Field f : instanceFields(type)) {
                if (!skip.contains(f.getName()) && !constant(f)) {
                    fields.add(f);
                }
            }
            t = new Table(type, skip, new Layout(fields));
            table = t;
        }
        return t.layout;
    }

    /** There is one table (the subsystems) digested with one skip set: one cached layout. */
    private record Table(Class<?> type, Set<String> skip, Layout layout) {
    }

    private static volatile Table table;

    /** A final field holding a stateless kernel object (a call table, a driver): nothing to digest. */
    private static boolean constant(Field f) {
        Class<?> t = f.getType();
        return Modifier.isFinal(f.getModifiers()) && !t.isPrimitive() && !t.isInterface() && isStateless(t);
    }
}
