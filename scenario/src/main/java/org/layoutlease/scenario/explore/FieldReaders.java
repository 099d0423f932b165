package org.layoutlease.scenario.explore;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;

/**
 * Readers of an object's fields for {@link OpaqueDigest}: one call reads every field a class
 * declares, storing the references into an array (from a fixed offset, in declaration order)
 * and returning a hash of the primitives. Reflection costs a method-handle invocation per field,
 * which made the digest the explorer's hot spot; a reader is a small hidden class, a nestmate of
 * the declaring class, that reads the fields with plain {@code getfield}.
 *
 * <p>Where a class cannot take a nestmate (a hidden class, another module, a JDK internal) the
 * reader falls back to reflection and computes the same value.
 *
 * <p>A reference field whose value matters only by being there or not (a final class whose
 * instances all digest alike, such as the kernel) is read as a primitive: 1 or 0.
 */
final class FieldReaders {
    private static final long PRIME = 0x9E3779B97F4A7C15L;
    private static final ClassDesc LONG = ClassDesc.of("java.lang.Long");
    private static final ClassDesc DOUBLE = ClassDesc.of("java.lang.Double");
    private static final ClassDesc FLOAT = ClassDesc.of("java.lang.Float");
    private static final ClassDesc OBJECTS = ConstantDescs.CD_Object.arrayType();
    private static final ClassDesc OBJECTS_CLASS = ClassDesc.of("java.util.Objects");

    private FieldReaders() {
    }

    /** How a primitive field enters the hash: the generated code inlines the same steps. */
    static long mixPrimitive(long h, long v) {
        return Long.rotateLeft((h ^ v) * PRIME, 29);
    }

    /**
     * A reader of {@code fields} (non-static, declared by {@code owner}, accessible), storing
     * reference fields at {@code refs[offset..]} in the order given, but for those
     * {@code presence} selects.
     */
    static ToLongBiFunction<Object, Object[]> of(Class<?> owner, Field[] fields, int offset, Predicate<Field> presence) {
        try {
            return generated(owner, fields, offset, presence);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return reflective(fields, offset, presence);
        }
    }

    /** Whether the reader stores {@code f} into the reference array. */
    static boolean stored(Field f, Predicate<Field> presence) {
        return !f.getType().isPrimitive() && !presence.test(f);
    }

    // ---------------------------------------------------------------- generated

    @SuppressWarnings("unchecked")
    private static ToLongBiFunction<Object, Object[]> generated(Class<?> owner, Field[] fields, int offset,
                                                               Predicate<Field> presence)
        throws ReflectiveOperationException {
        ClassDesc self = ClassDesc.of(owner.getName() + "$$Digest");
        ClassDesc ownerDesc = owner.describeConstable().orElseThrow();
        byte[] bytes = ClassFile.of().build(self, cb -> cb
            .withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
            .withInterfaceSymbols(ClassDesc.of(ToLongBiFunction.class.getName()))
            .withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, b -> b
                .aload(0)
                .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                .return_())
            .withMethodBody("applyAsLong", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_Object,
                ConstantDescs.CD_Object), ClassFile.ACC_PUBLIC, b -> body(b, ownerDesc, fields, offset, presence)));
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
            .defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
        try {
            return (ToLongBiFunction<Object, Object[]>) lookup
                .findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable t) {
            throw new ReflectiveOperationException(t);
        }
    }

    /** Locals: 1 the object, 2 the reference array, 3 the object cast, 4 the hash. */
    private static void body(CodeBuilder b, ClassDesc owner, Field[] fields, int offset, Predicate<Field> presence) {
        b.aload(1).checkcast(owner).astore(3);
        b.aload(2).checkcast(OBJECTS).astore(2);
        b.lconst_0().lstore(4);
        int ref = offset;
        for (Field f : fields) {
            Class<?> t = f.getType();
            ClassDesc type = t.describeConstable().orElse(ConstantDescs.CD_Object);
            if (stored(f, presence)) {
                b.aload(2).loadConstant(ref++).aload(3).getfield(owner, f.getName(), type).aastore();
                continue;
            }
            b.lload(4).aload(3).getfield(owner, f.getName(), type);
            if (t.isPrimitive()) {
                widen(b, t);
            } else {
                b.invokestatic(OBJECTS_CLASS, "nonNull", MethodTypeDesc.of(ConstantDescs.CD_boolean, ConstantDescs.CD_Object))
                    .i2l();
            }
            b.lxor().loadConstant(PRIME).lmul().loadConstant(29)
                .invokestatic(LONG, "rotateLeft", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long,
                    ConstantDescs.CD_int))
                .lstore(4);
        }
        b.lload(4).lreturn();
    }

    /** The primitive on the stack as the long {@link #asLong} gives. */
    private static void widen(CodeBuilder b, Class<?> t) {
        if (t == double.class) {
            b.invokestatic(DOUBLE, "doubleToLongBits", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double));
        } else if (t == float.class) {
            b.invokestatic(FLOAT, "floatToIntBits", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float)).i2l();
        } else if (t != long.class) {
            b.i2l();
        }
    }

    // ---------------------------------------------------------------- reflective

    /** The same reader by reflection (fields already made accessible), for classes that cannot take a nestmate. */
    static ToLongBiFunction<Object, Object[]> reflective(Field[] fields, int offset, Predicate<Field> presence) {
        boolean[] stored = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            stored[i] = stored(fields[i], presence);
        }
        return (o, refs) -> {
            long h = 0;
            int ref = offset;
            try {
                for (int i = 0; i < fields.length; i++) {
                    Object v = fields[i].get(o);
                    if (stored[i]) {
                        refs[ref++] = v;
                    } else {
                        h = mixPrimitive(h, fields[i].getType().isPrimitive() ? asLong(v) : v != null ? 1 : 0);
                    }
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return h;
        };
    }

    private static long asLong(Object boxed) {
        return switch (boxed) {
            case Long v -> v;
            case Double v -> Double.doubleToLongBits(v);
            case Float v -> Float.floatToIntBits(v);
            case Boolean v -> v ? 1 : 0;
            case Character v -> v;
            case Number v -> v.intValue();
            default -> throw new IllegalArgumentException("not a primitive: " + boxed);
        };
    }
}
