package org.layoutlease.scenario.syntax;

import java.util.List;

/** A {@code KEYWORD args...} line: setup, time or inspection (spec §2). */
public sealed interface Directive extends Line {

    /** {@code policy NAME}: the design under test; only before the first step. */
    record PolicyDirective(String name, int lineNo, String raw, String comment) implements Directive {
    }

    /** {@code sysctl KEY=N} for a key the model knows. */
    record SysctlDirective(String key, long value, int lineNo, String raw, String comment)
            implements Directive {
    }

    /** {@code mount FSTYPE PATH [dax] [size=N] [block=N]}. */
    record MountDirective(String fsType, String path, boolean dax, long sizeBytes, int blockSize,
            int lineNo, String raw, String comment) implements Directive {
    }

    /** {@code device rdma NAME [odp]}. */
    record RdmaDeviceDirective(String name, boolean odp, int lineNo, String raw, String comment)
            implements Directive {
    }

    /** {@code device dax PATH [size=N]}. */
    record DaxDeviceDirective(String path, long sizeBytes, int lineNo, String raw, String comment)
            implements Directive {
    }

    /**
     * {@code process NAME [uid=N] [gid=N] [caps=LIST]}; unset ids are null, and {@code caps} is
     * null unless given, else its raw items ({@code CAP_LEASE}, {@code all}, {@code -CAP_LEASE}, {@code none}).
     */
    record ProcessDirective(String name, Integer uid, Integer gid, List<String> caps,
            int lineNo, String raw, String comment) implements Directive {

        /** Copies the capability items so the node stays immutable. */
        public ProcessDirective {
            caps = caps == null ? null : List.copyOf(caps);
        }
    }

    /** {@code peer NAME}: a remote machine that only issues RDMA operations. */
    record PeerDirective(String name, int lineNo, String raw, String comment) implements Directive {
    }

    /** {@code file PATH [size=N] [uid=N] [gid=N] [mode=0NNN] [sparse]}; unset ids and mode are null. */
    record FileDirective(String path, long sizeBytes, Integer uid, Integer gid, Integer mode,
            boolean sparse, int lineNo, String raw, String comment) implements Directive {
    }

    /** {@code advance DURATION}, converted to exact nanoseconds. */
    record AdvanceDirective(long nanos, int lineNo, String raw, String comment) implements Directive {
    }

    /** {@code cat [as NAME] PATH}; {@code asName} is null without {@code as}; the path is verbatim. */
    record CatDirective(String asName, String path, int lineNo, String raw, String comment)
            implements Directive {
    }

    /** {@code strict}: from here on every signal, exit and invariant event must be stated. */
    record StrictDirective(int lineNo, String raw, String comment) implements Directive {
    }
}
