package org.layoutlease.scenario.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;
import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.Kernel;

/** The structural digest: what it follows, and its generated field readers against reflection. */
class OpaqueDigestTest {

    /** Subsystem-like state: collections, arrays and primitives of every kind. */
    @SuppressWarnings("unused")
    static final class Holder {
        final Map<String, long[]> byName = new HashMap<>();
        final Set<Integer> unordered = new HashSet<>();
        final Set<Integer> ordered = new LinkedHashSet<>();
        final Map<Object, Object> identity = new IdentityHashMap<>();
        Object[] slots = new Object[2];
        final Kernel kernel;
        Holder self = this;
        Runnable callback = () -> { };
        boolean flag;
        byte b;
        char c;
        short s;
        int i;
        long l;
        float f;
        double d;

        Holder(Kernel kernel) {
            this.kernel = kernel;
        }
    }

    private static long digest(Object o) {
        return new OpaqueDigest(f -> 0).digest(o);
    }

    @Test
    void collectionContentsCount() {
        Holder a = new Holder(null);
        Holder b = new Holder(null);
        assertThat(digest(a)).isEqualTo(digest(b));
        b.byName.put("pin", new long[] {1, 2});
        assertThat(digest(a)).isNotEqualTo(digest(b));
        a.byName.put("pin", new long[] {1, 3});
        assertThat(digest(a)).isNotEqualTo(digest(b));
        a.byName.put("pin", new long[] {1, 2});
        assertThat(digest(a)).isEqualTo(digest(b));
        b.identity.put("k", "v");
        b.slots[1] = "x";
        assertThat(digest(a)).isNotEqualTo(digest(b));
    }

    @Test
    void onlyOrderedCollectionsKeepTheirOrder() {
        Holder a = new Holder(null);
        Holder b = new Holder(null);
        a.unordered.addAll(List.of(1, 2, 3));
        b.unordered.addAll(List.of(3, 1, 2));
        assertThat(digest(a)).isEqualTo(digest(b));
        a.ordered.addAll(List.of(1, 2));
        b.ordered.addAll(List.of(2, 1));
        assertThat(digest(a)).isNotEqualTo(digest(b));
    }

    @Test
    void everyPrimitiveCounts() {
        Holder base = new Holder(null);
        List<java.util.function.Consumer<Holder>> changes = List.of(h -> h.flag = true, h -> h.b = 1, h -> h.c = 'x',
            h -> h.s = 2, h -> h.i = 3, h -> h.l = 4, h -> h.f = 0.5f, h -> h.d = 0.25);
        for (var change : changes) {
            Holder h = new Holder(null);
            change.accept(h);
            assertThat(digest(h)).isNotEqualTo(digest(base));
        }
    }

    @Test
    void theKernelCountsOnlyByBeingThere() {
        Kernel k1 = new Kernel(org.layoutlease.kernel.policy.Policies.byName("linux"));
        Kernel k2 = new Kernel(org.layoutlease.kernel.policy.Policies.byName("linux"));
        assertThat(digest(new Holder(k1))).isEqualTo(digest(new Holder(k2)));
        assertThat(digest(new Holder(k1))).isNotEqualTo(digest(new Holder(null)));
    }

    @Test
    void lambdasCountByClassAndCyclesEnd() {
        Holder a = new Holder(null);
        Holder b = new Holder(null);
        b.callback = () -> { };
        assertThat(digest(a)).isNotEqualTo(digest(b));
        a.slots[0] = a;
        assertThat(digest(a)).isEqualTo(digest(a));
    }

    @Test
    void generatedReaderMatchesReflection() throws Exception {
        Holder h = new Holder(null);
        h.flag = true;
        h.c = 'q';
        h.l = -7;
        h.f = Float.NaN;
        h.d = -0.0;
        Field[] fields = Arrays.stream(Holder.class.getDeclaredFields())
            .filter(f -> !Modifier.isStatic(f.getModifiers())).toArray(Field[]::new);
        for (Field f : fields) {
            f.setAccessible(true);
        }
        Predicate<Field> presence = f -> f.getType() == Kernel.class;
        ToLongBiFunction<Object, Object[]> generated = FieldReaders.of(Holder.class, fields, 1, presence);
        ToLongBiFunction<Object, Object[]> reflective = FieldReaders.reflective(fields, 1, presence);
        assertThat(generated.getClass().isHidden()).isTrue();
        Object[] fromGenerated = new Object[fields.length + 1];
        Object[] fromReflection = new Object[fields.length + 1];
        assertThat(generated.applyAsLong(h, fromGenerated)).isEqualTo(reflective.applyAsLong(h, fromReflection));
        assertThat(fromGenerated).containsExactly(fromReflection);
        assertThat(new ArrayList<>(Arrays.asList(fromGenerated)).subList(1, 9))
            .containsExactly(h.byName, h.unordered, h.ordered, h.identity, h.slots, h, h.callback, null);
    }
}
