package org.layoutlease.kernel.fs;

/** The filesystem types the model knows. Each has its own layout-break points (SYSTEM.md §2.6). */
public enum FsType {
    TMPFS("tmpfs"), EXT4("ext4"), XFS("xfs"), PROC("proc");

    private final String label;

    FsType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static FsType byLabel(String s) {
        for (FsType t : values()) {
            if (t.label.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
