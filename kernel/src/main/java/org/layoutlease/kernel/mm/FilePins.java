package org.layoutlease.kernel.mm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layoutlease.kernel.Kernel;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.sched.ThreadGroup;

/**
 * The file-pin records of v2 patch 13/14 (SYSTEM.md §2.10): {@code struct file_file_pin} on the
 * owning open file's {@code file_pins} list and {@code struct mm_file_pin} on the owning
 * address space's. A record holds a reference on the <em>leased</em> open file of the pinned
 * data file (get_file on {@code fl->fl_file}), so closing every descriptor of the data file does
 * not run its final fput and the lease stays (the zombie lease) until the last pin is released.
 *
 * <p>The kref of a record counts pinned pages; it is kept as one number per registration, so a
 * gigabyte registration is one update.
 */
public final class FilePins {
    /** Most records per owner: a limit, not a Linux rule. */
    public static final int MAX_RECORDS_PER_OWNER = 1 << 16;

    /** One record: the data file it keeps open and its page count (kref). */
    private static final class Record {
        final File dataFile;
        long pages;

        Record(File dataFile) {
            this.dataFile = dataFile;
        }
    }

    private final Kernel k;
    /** file->file_pins, keyed by the owner file (no reference taken: the owner's holder has one). */
    private final Map<File, LinkedHashMap<File, Record>> byOwnerFile = new LinkedHashMap<>();
    /** mm->file_pins, keyed by the owning address space. */
    private final Map<MmStruct, LinkedHashMap<File, Record>> byMm = new LinkedHashMap<>();
    /** How many records (over all owners) reference each leased open file. */
    private final Map<File, Integer> recordsByLeaseFile = new java.util.HashMap<>();

    public FilePins(Kernel k) {
        this.k = k;
    }

    /** add_file_pin(): {@code pages} more pages of the file leased through {@code leaseFile}. */
    void add(VaddrPin token, File leaseFile, long pages) {
        assert pages > 0;
        LinkedHashMap<File, Record> list = listOf(token, true);
        Record r = list.get(leaseFile);
        if (r == null) {
            if (list.size() >= MAX_RECORDS_PER_OWNER) {
                throw new IllegalStateException("more than " + MAX_RECORDS_PER_OWNER + " file pins on one owner");
            }
            r = new Record(holdsLeaseFile() ? leaseFile.get() : leaseFile);
            list.put(leaseFile, r);
            recordsByLeaseFile.merge(leaseFile, 1, Integer::sum);
        }
        r.pages += pages;
    }

    /** mapping_release_file(): the pages were unpinned; the last put drops the data file. */
    void release(VaddrPin token, File leaseFile, long pages) {
        LinkedHashMap<File, Record> list = listOf(token, false);
        Record r = list == null ? null : list.get(leaseFile);
        assert r != null && r.pages >= pages : "unpinning more than was pinned";
        r.pages -= pages;
        if (r.pages > 0) {
            return;
        }
        list.remove(leaseFile);
        recordsByLeaseFile.merge(leaseFile, -1, (a, b) -> a + b == 0 ? null : a + b);
        if (list.isEmpty()) {
            if (token.fOwner() != null) {
                byOwnerFile.remove(token.fOwner());
            } else {
                byMm.remove(token.mm());
            }
        }
        if (holdsLeaseFile()) {
            k.fput(r.dataFile);
        }
    }

    /** Whether a file pin takes a reference on the leased open file (the policy's choice). */
    private boolean holdsLeaseFile() {
        return k.policy().filePinHoldsLeaseFile();
    }

    /** Whether any file pin references the leased open file {@code leaseFile}: its lease backs pins. */
    public boolean backsPins(File leaseFile) {
        return recordsByLeaseFile.containsKey(leaseFile);
    }

    /**
     * A zombie lease file: every reference left on {@code leaseFile} is a file pin's (no
     * descriptor, no mapping). Only meaningful where file pins hold references.
     */
    public boolean isZombie(File leaseFile) {
        Integer n = recordsByLeaseFile.get(leaseFile);
        return n != null && holdsLeaseFile() && leaseFile.refCount() <= n;
    }

    /** The owner files (f_owner) whose pins reference {@code leaseFile}, in pinning order. */
    public List<File> ownersOf(File leaseFile) {
        List<File> out = new ArrayList<>();
        for (var e : byOwnerFile.entrySet()) {
            if (e.getValue().containsKey(leaseFile)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** One pinned data file under one owner file, for /proc/fs/layout_pins. */
    public record OwnerPin(File owner, File dataFile, long pages) {
    }

    /** Every (owner file, pinned data file) pair, owners in pinning order. */
    public List<OwnerPin> ownerPins() {
        List<OwnerPin> out = new ArrayList<>();
        for (var e : byOwnerFile.entrySet()) {
            for (Record r : e.getValue().values()) {
                out.add(new OwnerPin(e.getKey(), r.dataFile, r.pages));
            }
        }
        return out;
    }

    private LinkedHashMap<File, Record> listOf(VaddrPin token, boolean create) {
        if (token.fOwner() != null) {
            return create ? byOwnerFile.computeIfAbsent(token.fOwner(), f -> new LinkedHashMap<>())
                : byOwnerFile.get(token.fOwner());
        }
        return create ? byMm.computeIfAbsent(token.mm(), m -> new LinkedHashMap<>()) : byMm.get(token.mm());
    }

    /**
     * /proc/{pid}/file_pins as patch 18 codes it: for each descriptor whose open file owns pins,
     * {@code "N: path"} then each pinned data file indented by three spaces; then the mm-owned
     * pins as {@code "mm: path"}.
     */
    public List<String> render(ThreadGroup g) {
        List<String> out = new ArrayList<>();
        if (!g.isAlive()) {
            return out;
        }
        for (int fd : g.files.openFds()) {
            File f = g.files.getOrNull(fd);
            LinkedHashMap<File, Record> list = f == null ? null : byOwnerFile.get(f);
            if (list == null || list.isEmpty()) {
                continue;
            }
            out.add(fd + ": " + f.path());
            for (Record r : list.values()) {
                out.add("   " + r.dataFile.path());
            }
        }
        LinkedHashMap<File, Record> mine = g.mm == null ? null : byMm.get(g.mm);
        if (mine != null) {
            for (Record r : mine.values()) {
                out.add("mm: " + r.dataFile.path());
            }
        }
        return out;
    }

    /** Records still alive, described for the {@code leak} invariant. */
    public List<String> remaining() {
        List<String> out = new ArrayList<>();
        for (var e : byOwnerFile.entrySet()) {
            for (Record r : e.getValue().values()) {
                out.add("a file pin of " + r.dataFile.path() + " owned by " + e.getKey().path());
            }
        }
        for (var e : byMm.values()) {
            for (Record r : e.values()) {
                out.add("an mm file pin of " + r.dataFile.path());
            }
        }
        return out;
    }
}
