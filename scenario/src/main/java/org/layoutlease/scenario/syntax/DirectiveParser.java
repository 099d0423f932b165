package org.layoutlease.scenario.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses {@code KEYWORD args...} lines (spec §2); options may come in any order, each at most once. */
final class DirectiveParser {

    /** The sysctls the model knows. */
    static final List<String> SYSCTL_KEYS = List.of("fs.lease-break-time", "fs.leases-enable");
    /** Filesystem types {@code mount} accepts. */
    static final List<String> FS_TYPES = List.of("xfs", "ext4", "tmpfs");
    /** Size of a mount or DAX device when none is given: 1 GiB. */
    static final long DEFAULT_SIZE_BYTES = Numbers.gib(1);
    /** Block size of a mount when none is given: the page size. */
    static final int DEFAULT_BLOCK_SIZE = 4096;

    /** Process and thread names (spec §1). */
    static final Pattern PROCESS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern CAP_ITEM = Pattern.compile("all|none|-?CAP_[A-Z0-9_]+");

    private final Cursor in;

    private DirectiveParser(Cursor in) {
        this.in = in;
    }

    /** The directive {@code keyword}, which starts at index {@code at}; the cursor is after it. */
    static Directive parse(Cursor in, String keyword, int at) {
        DirectiveParser p = new DirectiveParser(in);
        in.setSubject(at);
        return switch (keyword) {
            case "policy" -> p.policy();
            case "sysctl" -> p.sysctl();
            case "mount" -> p.mount();
            case "device" -> p.device();
            case "process" -> p.process();
            case "peer" -> p.peer();
            case "file" -> p.file();
            case "advance" -> p.advance();
            case "cat" -> p.cat();
            case "strict" -> p.strict();
            default -> throw in.error(at, "unknown directive " + Cursor.quote(keyword));
        };
    }

    private Directive policy() {
        String name = requireWord("a policy name", POLICY_NAME);
        in.expectNoMoreWords("after policy name");
        return new Directive.PolicyDirective(name, in.lineNo(), in.raw(), in.comment());
    }

    private Directive sysctl() {
        in.skipSpaces();
        int keyAt = in.pos();
        while (!in.atEnd() && !Cursor.isSpace(in.peek()) && in.peek() != '=') {
            in.next();
        }
        String key = in.slice(keyAt);
        if (key.isEmpty()) {
            throw in.errorHere("expected a sysctl name such as fs.lease-break-time, found " + in.describe());
        }
        if (!SYSCTL_KEYS.contains(key)) {
            throw in.error(keyAt, "unknown sysctl " + Cursor.quote(key) + ": expected one of " + SYSCTL_KEYS);
        }
        in.skipSpaces();
        in.expect('=', "after sysctl name");
        in.skipSpaces();
        int valueAt = in.pos();
        String value = in.word();
        if (value == null) {
            throw in.errorHere("expected a value after '=', found end of line");
        }
        long n = Numbers.parseInteger(in, valueAt, value);
        // Both knobs are ints in the kernel (proc_dointvec).
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw in.error(valueAt, "value " + Cursor.quote(value) + " is out of range for " + key);
        }
        in.expectNoMoreWords("after sysctl value");
        return new Directive.SysctlDirective(key, n, in.lineNo(), in.raw(), in.comment());
    }

    private Directive mount() {
        in.skipSpaces();
        int typeAt = in.pos();
        String type = requireWord("a filesystem type (xfs, ext4 or tmpfs)", null);
        if (!FS_TYPES.contains(type)) {
            throw in.error(typeAt, "unknown filesystem type " + Cursor.quote(type) + ": expected xfs, ext4 or tmpfs");
        }
        String path = requirePath();
        boolean dax = false;
        long size = DEFAULT_SIZE_BYTES;
        int block = DEFAULT_BLOCK_SIZE;
        Options options = new Options("mount", "dax", "size=", "block=");
        for (Option o = options.next(); o != null; o = options.next()) {
            switch (o.key()) {
                case "dax" -> dax = daxAllowed(type, o);
                case "size" -> size = size(o);
                default -> block = blockSize(o);
            }
        }
        return new Directive.MountDirective(type, path, dax, size, block, in.lineNo(), in.raw(), in.comment());
    }

    /** Linux's tmpfs has no DAX mode; saying so here beats a surprise at run time. */
    private boolean daxAllowed(String type, Option o) {
        if (type.equals("tmpfs")) {
            throw in.error(o.at(), "tmpfs does not support dax: use xfs or ext4");
        }
        return true;
    }

    private int blockSize(Option o) {
        long block = Numbers.parseSize(in, o.valueAt(), o.value(), Limits.MAX_BLOCK_SIZE, "block size");
        if (block < Limits.MIN_BLOCK_SIZE || Long.bitCount(block) != 1) {
            throw in.error(o.valueAt(), "block size " + Cursor.quote(o.value()) + " must be a power of two from "
                    + Limits.MIN_BLOCK_SIZE + " to " + Limits.MAX_BLOCK_SIZE);
        }
        return (int) block;
    }

    private long size(Option o) {
        return Numbers.parseSize(in, o.valueAt(), o.value(), Limits.MAX_SIZE_BYTES, "size");
    }

    private Directive device() {
        in.skipSpaces();
        int kindAt = in.pos();
        String kind = requireWord("a device type (rdma or dax)", null);
        return switch (kind) {
            case "rdma" -> rdmaDevice();
            case "dax" -> daxDevice();
            default -> throw in.error(kindAt, "unknown device type " + Cursor.quote(kind) + ": expected rdma or dax");
        };
    }

    private Directive rdmaDevice() {
        String name = requireWord("an RDMA device name such as mlx5_0", DEVICE_NAME);
        boolean odp = false;
        Options options = new Options("rdma device", "odp");
        for (Option o = options.next(); o != null; o = options.next()) {
            odp = true;
        }
        return new Directive.RdmaDeviceDirective(name, odp, in.lineNo(), in.raw(), in.comment());
    }

    private Directive daxDevice() {
        String path = requirePath();
        long size = DEFAULT_SIZE_BYTES;
        Options options = new Options("dax device", "size=");
        for (Option o = options.next(); o != null; o = options.next()) {
            size = size(o);
        }
        return new Directive.DaxDeviceDirective(path, size, in.lineNo(), in.raw(), in.comment());
    }

    private Directive process() {
        String name = processName();
        Integer uid = null;
        Integer gid = null;
        List<String> caps = null;
        Options options = new Options("process", "uid=", "gid=", "caps=");
        for (Option o = options.next(); o != null; o = options.next()) {
            switch (o.key()) {
                case "uid" -> uid = id(o);
                case "gid" -> gid = id(o);
                default -> caps = caps(o);
            }
        }
        return new Directive.ProcessDirective(name, uid, gid, caps, in.lineNo(), in.raw(), in.comment());
    }

    private Integer id(Option o) {
        return Numbers.parseDecimal(in, o.valueAt(), o.value(), Limits.MAX_ID, o.key());
    }

    /** {@code caps=} items, kept raw: {@code CAP_X}, {@code -CAP_X}, {@code all}, {@code none}. */
    private List<String> caps(Option o) {
        List<String> items = new ArrayList<>();
        int at = o.valueAt();
        for (String item : o.value().split(",", -1)) {
            if (!CAP_ITEM.matcher(item).matches()) {
                throw in.error(at, "invalid capability " + Cursor.quote(item)
                        + ": expected CAP_NAME, -CAP_NAME, all or none");
            }
            items.add(item);
            at += item.length() + 1;
        }
        return items;
    }

    private Directive peer() {
        String name = processName();
        in.expectNoMoreWords("after peer name");
        return new Directive.PeerDirective(name, in.lineNo(), in.raw(), in.comment());
    }

    /** A process or peer name; it is the subject of the duplicate-name check. */
    private String processName() {
        in.skipSpaces();
        in.setSubject(in.pos());
        return requireWord("a process name", PROCESS_NAME);
    }

    private Directive file() {
        String path = requirePath();
        long size = 0;
        Integer uid = null;
        Integer gid = null;
        Integer mode = null;
        boolean sparse = false;
        Options options = new Options("file", "size=", "uid=", "gid=", "mode=", "sparse");
        for (Option o = options.next(); o != null; o = options.next()) {
            switch (o.key()) {
                case "size" -> size = size(o);
                case "uid" -> uid = id(o);
                case "gid" -> gid = id(o);
                case "mode" -> mode = Numbers.parseMode(in, o.valueAt(), o.value());
                default -> sparse = true;
            }
        }
        return new Directive.FileDirective(path, size, uid, gid, mode, sparse, in.lineNo(), in.raw(), in.comment());
    }

    private Directive advance() {
        in.skipSpaces();
        int at = in.pos();
        String word = requireWord("a duration such as 45s or 500ms", null);
        long nanos = Numbers.parseDuration(in, at, word);
        in.expectNoMoreWords("after duration");
        return new Directive.AdvanceDirective(nanos, in.lineNo(), in.raw(), in.comment());
    }

    private Directive cat() {
        in.skipSpaces();
        int save = in.pos();
        String first = in.word();
        String asName = null;
        in.skipSpaces();
        if ("as".equals(first) && !in.atEnd()) {
            asName = processName();
        } else {
            in.reset(save);
        }
        String path = requirePath();
        in.expectNoMoreWords("after path");
        return new Directive.CatDirective(asName, path, in.lineNo(), in.raw(), in.comment());
    }

    private Directive strict() {
        in.expectNoMoreWords("after 'strict'");
        return new Directive.StrictDirective(in.lineNo(), in.raw(), in.comment());
    }

    /** The next word, which must exist and, when {@code shape} is given, match it. */
    private String requireWord(String what, Pattern shape) {
        in.skipSpaces();
        int at = in.pos();
        String word = in.word();
        if (word == null) {
            throw in.errorHere("expected " + what + ", found end of line");
        }
        if (shape != null && !shape.matcher(word).matches()) {
            throw in.error(at, "expected " + what + ", found " + Cursor.quote(word));
        }
        return word;
    }

    /** An absolute path, kept verbatim ({@code {A}} and the like are substituted by the runner). */
    private String requirePath() {
        in.skipSpaces();
        int at = in.pos();
        String path = in.word();
        if (path == null) {
            throw in.errorHere("expected an absolute path, found end of line");
        }
        if (!path.startsWith("/")) {
            throw in.error(at, "expected an absolute path, found " + Cursor.quote(path));
        }
        return path;
    }

    /** How an allowed option is shown in messages: {@code size=N}, {@code caps=LIST}. */
    private static String placeholder(String option) {
        return switch (option) {
            case "caps=" -> "caps=LIST";
            case "mode=" -> "mode=0NNN";
            default -> option.endsWith("=") ? option + "N" : option;
        };
    }

    /** One option: {@code key=value}, or a bare flag word with a null value. */
    private record Option(String key, String value, int at, int valueAt) {
    }

    /**
     * The options after a directive's positional words. Allowed options are given as
     * {@code "flag"} or {@code "key="}; unknown and repeated options are errors.
     */
    private final class Options {

        private final String directive;
        private final List<String> allowed;
        private final Set<String> seen = new HashSet<>();

        Options(String directive, String... allowed) {
            this.directive = directive;
            this.allowed = Arrays.asList(allowed);
        }

        /** The next option, or null at the end of the line. */
        Option next() {
            in.skipSpaces();
            int at = in.pos();
            String word = in.word();
            if (word == null) {
                return null;
            }
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            if (!allowed.contains(eq < 0 ? key : key + "=")) {
                throw in.error(at, "unknown " + directive + " option " + Cursor.quote(word) + ": expected " + describeAllowed());
            }
            if (!seen.add(key)) {
                throw in.error(at, "duplicate " + directive + " option '" + key + "'");
            }
            String value = eq < 0 ? null : word.substring(eq + 1);
            if (value != null && value.isEmpty()) {
                throw in.error(at + eq + 1, "expected a value after '" + key + "=', found " + in.describe());
            }
            return new Option(key, value, at, at + eq + 1);
        }

        private String describeAllowed() {
            return String.join(", ", allowed.stream().map(DirectiveParser::placeholder).toList());
        }
    }
}
