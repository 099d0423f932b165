package org.layoutlease.kernel.uapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user-space ABI constants of Linux x86-64 (include/uapi), plus the 2019 proposal's
 * {@code F_LAYOUT} and {@code F_EXCLUSIVE}. Scenario text names them; results compare by value.
 */
public final class Uapi {
    private Uapi() {
    }

    // open(2) flags (asm-generic/fcntl.h, octal as in the header)
    public static final int O_ACCMODE = 03;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_ASYNC = 020000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020200000;

    // fcntl(2) commands
    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_GETLK = 5;
    public static final int F_SETLK = 6;
    public static final int F_SETLKW = 7;
    public static final int F_SETOWN = 8;
    public static final int F_GETOWN = 9;
    public static final int F_SETSIG = 10;
    public static final int F_GETSIG = 11;
    public static final int F_SETOWN_EX = 15;
    public static final int F_GETOWN_EX = 16;
    public static final int F_SETLEASE = 1024;
    public static final int F_GETLEASE = 1025;
    public static final int F_NOTIFY = 1026;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int FD_CLOEXEC = 1;

    // lease and lock types; F_LAYOUT and F_EXCLUSIVE are the 2019 proposal's (SYSTEM.md §2.3)
    public static final int F_RDLCK = 0;
    public static final int F_WRLCK = 1;
    public static final int F_UNLCK = 2;
    public static final int F_LAYOUT = 16;
    public static final int F_EXCLUSIVE = 32;

    public static final int F_OWNER_TID = 0;
    public static final int F_OWNER_PID = 1;
    public static final int F_OWNER_PGRP = 2;

    public static final int AT_FDCWD = -100;
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 060000;
    public static final int S_IFDIR = 040000;
    public static final int S_IFCHR = 020000;
    public static final int S_IFIFO = 010000;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    public static final int FALLOC_FL_NO_HIDE_STALE = 0x04;
    public static final int FALLOC_FL_COLLAPSE_RANGE = 0x08;
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;
    public static final int FALLOC_FL_INSERT_RANGE = 0x20;
    public static final int FALLOC_FL_UNSHARE_RANGE = 0x40;

    public static final long FICLONE = 0x40049409L;
    public static final long FS_IOC_FIEMAP = 0xC020660BL;
    public static final int FIEMAP_EXTENT_LAST = 0x1;
    public static final int FIEMAP_EXTENT_UNWRITTEN = 0x800;
    public static final int FIEMAP_EXTENT_SHARED = 0x2000;

    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_SHARED_VALIDATE = 0x03;
    public static final int MAP_TYPE = 0x0f;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x8000;
    public static final int MAP_SYNC = 0x80000;

    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;
    public static final long SIG_DFL = 0;
    public static final long SIG_IGN = 1;
    /** A user handler: any other address; the simulator's handlers record delivery and return. */
    public static final long SIG_HANDLER = 0x401000;
    public static final long SA_RESTART = 0x10000000L;

    public static final int SI_USER = 0;
    public static final int SI_KERNEL = 0x80;
    public static final int SI_QUEUE = -1;
    public static final int SI_SIGIO = -5;
    public static final int SI_TKILL = -6;
    public static final int POLL_IN = 1;
    public static final int POLL_OUT = 2;
    public static final int POLL_MSG = 3;
    public static final int POLLIN = 0x1;
    public static final int POLLRDNORM = 0x40;
    public static final int POLLMSG = 0x400;

    public static final int IBV_ACCESS_LOCAL_WRITE = 1;
    public static final int IBV_ACCESS_REMOTE_WRITE = 2;
    public static final int IBV_ACCESS_REMOTE_READ = 4;
    public static final int IBV_ACCESS_REMOTE_ATOMIC = 8;
    public static final int IBV_ACCESS_MW_BIND = 16;
    public static final int IBV_ACCESS_ZERO_BASED = 32;
    public static final int IBV_ACCESS_ON_DEMAND = 64;

    public static final int IORING_REGISTER_BUFFERS = 0;
    public static final int IORING_UNREGISTER_BUFFERS = 1;
    public static final int IOCB_CMD_PREAD = 0;
    public static final int IOCB_CMD_PWRITE = 1;

    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    private static final Map<String, Long> BY_NAME = buildTable();

    /** The value of a named constant, or null if the name is not an ABI constant. */
    public static Long valueOf(String name) {
        Long v = BY_NAME.get(name);
        if (v != null) {
            return v;
        }
        int sig = Signals.byName(name);
        if (sig > 0) {
            return (long) sig;
        }
        Errno e = Errno.byName(name);
        if (e != null) {
            return (long) e.number();
        }
        int cap = Capabilities.byName(name);
        return cap >= 0 ? (long) cap : null;
    }

    /** Every named constant, for documentation. */
    public static Map<String, Long> table() {
        return Collections.unmodifiableMap(BY_NAME);
    }

    private static Map<String, Long> buildTable() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var f : Uapi.class.getFields()) {
            if (f.getType() == int.class || f.getType() == long.class) {
                try {
                    m.put(f.getName(), ((Number) f.get(null)).longValue());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        m.put("FASYNC", (long) O_ASYNC);
        m.put("O_NDELAY", (long) O_NONBLOCK);
        m.put("NULL", 0L);
        m.put("handler", SIG_HANDLER);
        return m;
    }
}
