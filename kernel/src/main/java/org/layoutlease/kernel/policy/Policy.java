package org.layoutlease.kernel.policy;

/**
 * One design under test (SYSTEM.md §9). Every point where the designs differ is a method here,
 * called from exactly one place in the kernel (DESIGN.md principle 4).
 */
public interface Policy {

    /** The name a scenario's {@code policy} directive uses. */
    String name();

    /** One line for --help and the docs. */
    String summary();
}
