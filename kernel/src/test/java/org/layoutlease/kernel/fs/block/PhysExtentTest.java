package org.layoutlease.kernel.fs.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhysExtentTest {

    @Test
    void geometry() {
        PhysExtent a = new PhysExtent(10, 5);
        assertThat(a.end()).isEqualTo(15);
        assertThat(a.contains(10)).isTrue();
        assertThat(a.contains(15)).isFalse();
        assertThat(a.contains(new PhysExtent(11, 4))).isTrue();
        assertThat(a.contains(new PhysExtent(11, 5))).isFalse();
        assertThat(a.overlaps(new PhysExtent(14, 1))).isTrue();
        assertThat(a.overlaps(new PhysExtent(15, 1))).isFalse();
        assertThat(a.overlaps(new PhysExtent(0, 10))).isFalse();
        assertThat(a.intersect(new PhysExtent(12, 10))).isEqualTo(new PhysExtent(12, 3));
        assertThat(a.intersect(new PhysExtent(15, 10))).isNull();
        assertThat(PhysExtent.between(3, 7)).isEqualTo(new PhysExtent(3, 4));
    }

    @Test
    void rejectsBadExtents() {
        assertThatThrownBy(() -> new PhysExtent(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhysExtent(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhysExtent(Long.MAX_VALUE, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
