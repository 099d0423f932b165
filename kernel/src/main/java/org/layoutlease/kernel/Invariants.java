package org.layoutlease.kernel;

/** The safety invariants of SCENARIO-LANGUAGE.md §6, checked after every step. */
public enum Invariants {
    PINNED_BLOCK_FREED("pinned-block-freed", "the filesystem frees, moves or shares a block that a long-term pin still references"),
    DMA_AFTER_FREE("dma-after-free", "a device reads or writes a block that no longer belongs to the pinned file range"),
    SILENT_REVOKE("silent-revoke", "a breakable lease is removed by a break or timeout and no live process was sent a signal about it"),
    PIN_WITHOUT_LEASE("pin-without-lease", "an FS-DAX page is long-term pinned while no layout lease covers its file"),
    HANG("hang", "the runner must wait for a blocked call and no timer or pending event can complete it"),
    LEAK("leak", "at the end, with every process gone, a lease, pin or file reference remains");

    private final String label;
    private final String meaning;

    Invariants(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The name scenario files use. */
    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}
