package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.uapi.Errno;

/**
 * One design under test (SYSTEM.md §9). Every point where the designs differ is a method here,
 * called from exactly one place in the kernel (DESIGN.md principle 4).
 */
public interface Policy {

    /** The name a scenario's {@code policy} directive uses. */
    String name();

    /** One line for --help and the docs. */
    String summary();

    // ------------------------------------------------------------------ layout leases (fs/locks)

    /**
     * What kind of layout lease the argument of {@code fcntl(fd, F_SETLEASE, arg)} asks for
     * (SYSTEM.md §2.3, §2.13). Called once per F_SETLEASE, before any other check, by
     * {@code Leases.setLease}.
     *
     * <p>Returns 0 when {@code arg} is not a layout-lease request: the lease code then accepts
     * only F_RDLCK, F_WRLCK and F_UNLCK and fails anything else with EINVAL (so a policy refuses
     * a layout request simply by returning 0). Otherwise returns the lease flags to take the
     * lease with, {@code FileLease.FL_LAYOUT} or {@code FL_LAYOUT | FL_EXCLUSIVE}; such a lease
     * is always read-level (F_RDLCK), skips the conflicting-open check and is broken only by
     * break_layout(). No other value is allowed.
     */
    int layoutLeaseFlags(long arg);

    /**
     * The type column of a layout lease's line in /proc/locks and in fdinfo's {@code lock:}
     * lines (not of a layout breaker, which prints its own type, WRITE). Called only by
     * {@code LeaseRender.line}. {@code targetType} is target_leasetype() of the lease (F_UNLCK
     * while an unlock is pending); {@code exclusive} is FL_EXCLUSIVE. Must be non-empty and
     * contain no line break; Linux's own labels are READ, WRITE and UNLCK.
     */
    String layoutLeaseTypeLabel(int targetType, boolean exclusive);

    // ------------------------------------------------------------------ pins (mm, fs/dax)

    /**
     * May a FOLL_LONGTERM pin of this file mapping proceed? Null to allow it, else the error the
     * GUP fails with (SYSTEM.md §2.8). Called once per file mapping the pin covers, before its
     * pages are faulted in, from {@code mm.Gup}.
     */
    Errno longtermPin(LongtermPin pin);

    /**
     * Whether GUP records who pinned which file (vaddr_pin, file_file_pin, mm_file_pin) and
     * /proc/{pid}/file_pins exists (v2 patches 09-18; SYSTEM.md §2.10, §2.13). Asked once, when
     * the kernel's subsystems are built.
     */
    boolean tracksFilePins();

    /**
     * What a layout change does when the DAX busy-page scan of its range finds a page that is
     * long-term pinned: null to wait for it like any busy page (dax_layout_busy_page; with a
     * long-term pin that wait may never end), or the error to fail with (v1's page_gup_pinned()
     * check: ETXTBSY). Called from {@code fs.dax.DaxLayout}.
     */
    Errno longtermPinnedBusyPage();
}
