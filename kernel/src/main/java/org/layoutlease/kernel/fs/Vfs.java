package org.layoutlease.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import org.layoutlease.kernel.sched.Cred;
import org.layoutlease.kernel.uapi.Capabilities;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.Uapi;

/**
 * The mount table and path walk (fs/namei.c, fs/namespace.c). Paths are absolute; there are
 * no symlinks except /proc/self, which the caller resolves before the walk.
 */
public final class Vfs {
    public static final int MAX_PATH = 4096;
    public static final int MAX_NAME = 255;
    public static final int MAX_MOUNTS = 64;
    /** Mount ids: the root is 20, /proc 21, each mount directive the next (SCENARIO-LANGUAGE.md §3). */
    public static final int ROOT_MOUNT_ID = 20;

    private final List<Mount> mounts = new ArrayList<>();
    private Mount rootMount;

    public void setRoot(Mount root) {
        assert rootMount == null;
        rootMount = root;
        mounts.add(root);
    }

    public Mount rootMount() {
        return rootMount;
    }

    public List<Mount> mounts() {
        return mounts;
    }

    /** Attaches {@code m} on the directory {@code where}. */
    public void mount(Inode where, Mount m) {
        if (mounts.size() >= MAX_MOUNTS) {
            throw new IllegalStateException("more than " + MAX_MOUNTS + " mounts");
        }
        if (!where.isDirectory()) {
            throw SysErr.of(Errno.ENOTDIR);
        }
        if (where.children.mounted != null) {
            throw SysErr.of(Errno.EBUSY);
        }
        where.children.mounted = m;
        mounts.add(m);
    }

    /** Splits a path into its components; rejects relative and over-long paths. */
    public static List<String> components(String path) {
        if (path.isEmpty()) {
            throw SysErr.of(Errno.ENOENT);
        }
        if (path.length() >= MAX_PATH) {
            throw SysErr.of(Errno.ENAMETOOLONG);
        }
        List<String> out = new ArrayList<>();
        int n = path.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && path.charAt(i) != '/') {
                continue;
            }
            int len = i - start;
            if (len == 0 || (len == 1 && path.charAt(start) == '.')) {
                start = i + 1;
                continue;
            }
            if (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                start = i + 1;
                continue;
            }
            if (len > MAX_NAME) {
                throw SysErr.of(Errno.ENAMETOOLONG);
            }
            out.add(path.substring(start, i));
            start = i + 1;
        }
        return out;
    }

    /** The canonical absolute form of a path ("/a/b"); a path already in that form is returned as is. */
    public static String canonical(String path) {
        if (isCanonical(path)) {
            return path;
        }
        List<String> cs = components(path);
        return cs.isEmpty() ? "/" : "/" + String.join("/", cs);
    }

    /**
     * Whether {@code path} is "/" or "/a/b" with no empty, "." or ".." component, no trailing
     * slash and no over-long name: then {@link #components} would return its components
     * unchanged and raise nothing, so walks and {@link #canonical} may use the string itself.
     */
    static boolean isCanonical(String path) {
        int n = path.length();
        if (n == 0 || n >= MAX_PATH || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        int start = 1;
        for (int i = 1; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 0 || len > MAX_NAME) {
                    return false;
                }
                if (path.charAt(start) == '.' && (len == 1 || (len == 2 && path.charAt(start + 1) == '.'))) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Walks to the inode a path names, checking search permission on each directory. */
    public Inode lookup(Cred cred, String path) {
        if (isCanonical(path)) {
            int last = path.lastIndexOf('/');
            Inode dir = walkTo(cred, path, last);
            return last + 1 == path.length() ? dir : step(cred, dir, path, last + 1, path.length());
        }
        Inode cur = rootMount.root;
        for (String c : components(path)) {
            cur = step(cred, cur, c, 0, c.length());
        }
        return cur;
    }

    /**
     * Walks a canonical path's components before {@code end} (an index of a slash) in place:
     * the same walk as over {@link #components}, without building the list or any substring.
     */
    private Inode walkTo(Cred cred, String path, int end) {
        assert isCanonical(path) && path.charAt(end) == '/' : path + " at " + end;
        Inode cur = rootMount.root;
        int start = 1;
        for (int i = 1; i <= end; i++) {
            if (path.charAt(i) == '/') {
                cur = step(cred, cur, path, start, i);
                start = i + 1;
            }
        }
        return cur;
    }

    /** A walk's end: the inode, and its last component's name as its directory stores it (null if none). */
    public record Entry(Inode inode, Inode dir, String storedName) {
    }

    /**
     * {@link #lookup} that also reports where the walk ended, so that an open file can share the
     * directory's copy of its name; same checks, same errors.
     */
    public Entry lookupEntry(Cred cred, String path) {
        if (!isCanonical(path) || path.length() == 1) {
            return new Entry(lookup(cred, path), null, null);
        }
        int last = path.lastIndexOf('/');
        Inode dir = walkTo(cred, path, last);
        int slot = dir.isDirectory() && allowed(cred, dir, MAY_EXEC)
            ? dir.children.indexOf(path, last + 1, path.length()) : -1;
        if (slot < 0) {
            // Not a plain entry (or an error): the ordinary step raises or asks procfs.
            return new Entry(step(cred, dir, path, last + 1, path.length()), null, null);
        }
        return new Entry(crossMount(dir.children.inodeAt(slot)), dir, dir.children.nameAt(slot));
    }

    /**
     * Lets {@code f}, opened by the canonical {@code path} that ends at {@code e}, keep its path
     * as its directory's path string and the stored name, both shared, instead of a string of
     * its own: a million open files would otherwise hold a million path strings.
     */
    public static void sharePath(File f, String path, Entry e) {
        if (e.storedName() == null || f.path() != path) {
            return;  // not a plain directory entry, or the file holds another string than the walked one
        }
        int last = path.lastIndexOf('/');
        assert isCanonical(path) && path.regionMatches(last + 1, e.storedName(), 0, e.storedName().length());
        DirEntries d = e.dir().children;
        String hint = d.pathHint;
        if (hint == null || hint.length() != last || !path.startsWith(hint)) {
            hint = path.substring(0, last);
            d.pathHint = hint;
        }
        f.sharePath(hint, e.storedName());
    }

    /** Like {@link #lookup} but returns null where Linux would return ENOENT for the last component. */
    public Inode lookupOrNull(Cred cred, String path) {
        Parent p = parent(cred, path);
        if (p.name == null) {
            return p.dir;
        }
        Inode child = child(p.dir, p.name);
        return child == null ? null : crossMount(child);
    }

    /** The directory that holds the last component, and that component's name (null for "/"). */
    public Parent parent(Cred cred, String path) {
        if (isCanonical(path)) {
            if (path.length() == 1) {
                return new Parent(rootMount.root, null);
            }
            int last = path.lastIndexOf('/');
            return searchable(cred, walkTo(cred, path, last), path.substring(last + 1));
        }
        List<String> cs = components(path);
        Inode cur = rootMount.root;
        for (int i = 0; i < cs.size() - 1; i++) {
            String c = cs.get(i);
            cur = step(cred, cur, c, 0, c.length());
        }
        if (cs.isEmpty()) {
            return new Parent(cur, null);
        }
        return searchable(cred, cur, cs.getLast());
    }

    private static Parent searchable(Cred cred, Inode dir, String name) {
        if (!dir.isDirectory()) {
            throw SysErr.of(Errno.ENOTDIR);
        }
        permission(cred, dir, MAY_EXEC);
        return new Parent(dir, name);
    }

    /** A directory and a name inside it. */
    public record Parent(Inode dir, String name) {
    }

    /** One component, {@code path.substring(from, to)}: search permission, lookup, mount crossing. */
    private Inode step(Cred cred, Inode dir, String path, int from, int to) {
        if (!dir.isDirectory()) {
            throw SysErr.of(Errno.ENOTDIR);
        }
        permission(cred, dir, MAY_EXEC);
        Inode child = child(dir, path, from, to);
        if (child == null) {
            throw SysErr.of(Errno.ENOENT);
        }
        return crossMount(child);
    }

    /** A directory entry, asking a dynamic (procfs) directory when it has no static one. */
    public static Inode child(Inode dir, String name) {
        return child(dir, name, 0, name.length());
    }

    /** {@link #child(Inode, String)} of {@code path.substring(from, to)}, without the substring when it can. */
    static Inode child(Inode dir, String path, int from, int to) {
        Inode c = dir.children.get(path, from, to);
        if (c == null && dir.children.dynamicLookup != null) {
            c = dir.children.dynamicLookup.apply(path.substring(from, to));
        }
        return c;
    }

    private static Inode crossMount(Inode i) {
        Mount m = i.children == null ? null : i.children.mounted;
        return m == null ? i : m.root;
    }

    public static final int MAY_EXEC = 1;
    public static final int MAY_WRITE = 2;
    public static final int MAY_READ = 4;

    /** generic_permission(): mode bits by fsuid/fsgid, then CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH. */
    public static void permission(Cred cred, Inode inode, int mask) {
        if (!allowed(cred, inode, mask)) {
            throw SysErr.of(Errno.EACCES);
        }
    }

    public static boolean allowed(Cred cred, Inode inode, int mask) {
        int mode = inode.mode;
        int bits;
        if (cred.fsuid == inode.uid) {
            bits = (mode >> 6) & 7;
        } else if (cred.fsgid == inode.gid) {
            bits = (mode >> 3) & 7;
        } else {
            bits = mode & 7;
        }
        if ((bits & mask) == mask) {
            return true;
        }
        boolean dir = inode.isDirectory();
        if (cred.capable(Capabilities.CAP_DAC_OVERRIDE)) {
            if (dir || (mask & MAY_EXEC) == 0 || (mode & 0111) != 0) {
                return true;
            }
        }
        if (cred.capable(Capabilities.CAP_DAC_READ_SEARCH)) {
            int readSearch = dir ? (MAY_READ | MAY_EXEC) : MAY_READ;
            return (mask & ~readSearch) == 0;
        }
        return false;
    }

    /** The owner check of chmod/utimes (inode_owner_or_capable). */
    public static boolean ownerOrCapable(Cred cred, Inode inode) {
        return cred.fsuid == inode.uid || cred.capable(Capabilities.CAP_FOWNER);
    }

    /** Creates an inode in {@code dir} under {@code name}; the caller checked permissions. */
    public static Inode create(Inode dir, String name, int mode, int uid, int gid) {
        if (dir.children.containsKey(name)) {
            throw SysErr.of(Errno.EEXIST);
        }
        Mount m = dir.mount();
        Inode i = new Inode(m.allocateIno(), m, mode, uid, gid);
        if (i.isDirectory()) {
            i.nlink = 2;
            dir.nlink++;
        }
        dir.children.put(name, i);
        return i;
    }

    /** Finds the mount that holds an inode (for {mnt:PATH} and /proc/locks devices). */
    public Mount mountOf(Inode i) {
        return i.mount();
    }

    /** mkdir -p for directive setup (mount points): root-owned 1777 directories. */
    public Inode ensureDirectory(String path) {
        // Components are looked up in place in the canonical form: every boot of an explored
        // scenario asks for the same directories, and finding one should allocate nothing.
        String p = canonical(path);
        Inode cur = rootMount.root;
        for (int from = 1, to; from < p.length(); from = to + 1) {
            to = p.indexOf('/', from);
            if (to < 0) {
                to = p.length();
            }
            Inode next = cur.children.get(p, from, to);
            if (next == null) {
                next = create(cur, p.substring(from, to), Uapi.S_IFDIR | 01777, 0, 0);
            }
            cur = crossMount(next);
            if (!cur.isDirectory()) {
                throw SysErr.of(Errno.ENOTDIR);
            }
        }
        return cur;
    }

    /** The directory inode itself (not the mount root over it) at path; for mounting. */
    public Inode mountpointInode(String path) {
        List<String> cs = components(path);
        if (cs.isEmpty()) {
            throw SysErr.of(Errno.EBUSY);
        }
        Inode parent = ensureDirectory(cs.size() == 1 ? "/" : "/" + String.join("/", cs.subList(0, cs.size() - 1)));
        Inode dir = parent.children.get(cs.getLast());
        if (dir == null) {
            dir = create(parent, cs.getLast(), Uapi.S_IFDIR | 01777, 0, 0);
        }
        return dir;
    }
}
