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

    // ------------------------------------------------------------------ pin lifetimes and layout checks
    // Defaults are v2 as posted; the alternatives of SYSTEM.md §9 override them.

    /**
     * What F_UNLCK of a layout lease does while the lease still backs long-term pins (a file pin
     * references its open file): null to let it succeed (v2 [code]), else the error. Called only
     * by {@code Leases.deleteLease}.
     */
    default Errno unlockPinnedLayoutLease() {
        return null;
    }

    /**
     * Whether a zombie lease (its open file has no descriptor and no mapping left, kept only by
     * file pins) still licenses new long-term pins (v2 [code]: yes, only the tgid is compared).
     * Called only by {@code mm.Gup} after {@link #longtermPin} allowed the pin.
     */
    default boolean zombieLeaseLicensesPins() {
        return true;
    }

    /**
     * Whether a file pin holds a reference on the leased open file (v2 patch 14: get_file on
     * fl_file, which makes zombie leases). Called only by {@code mm.FilePins}.
     */
    default boolean filePinHoldsLeaseFile() {
        return true;
    }

    /**
     * Whether the last close() of a data file whose layout lease backs pins waits (interruptibly)
     * until the pins are gone (Dave Chinner, SYSTEM.md §3 item 14). Never on the exit path. Called
     * only by {@code FsCalls.close}.
     */
    default boolean lastCloseWaitsForPins() {
        return false;
    }

    /**
     * Whether ext4 breaks layouts only while someone maps the file (v2's dax_mapping_is_dax()
     * [code]); false checks every layout change. Called only by {@code Ext4Layout}.
     */
    default boolean ext4BreaksOnlyWhenMapped() {
        return true;
    }

    /**
     * What an exclusive layout lease does to a layout change: the error the change fails with,
     * or null to let it proceed. {@code ownProcess}: the breaker took the lease;
     * {@code touchesLongtermPins}: the change would free, move or share a block a long-term pin
     * references. Called only by {@code Leases} (the marking loop of __break_lease).
     */
    default Errno exclusiveLayoutRefusal(boolean ownProcess, boolean touchesLongtermPins) {
        return ownProcess ? Errno.EDEADLOCK : Errno.ETXTBSY;
    }

    /**
     * Whether a write() breaks layout leases on XFS when it changes no layout (an in-place
     * overwrite of written, unshared blocks inside EOF). v2: every write breaks. Called only by
     * {@code XfsLayout.beforeWrite}.
     */
    default boolean inPlaceWriteBreaksLayout() {
        return true;
    }

    /**
     * Whether a plain layout lease's break notifies every process holding a descriptor for the
     * leased open file (each with its own fd in si_fd) and every holder of a pin-owning object,
     * instead of only the file's F_SETOWN owner (SYSTEM.md §2.9). Called only by {@code Leases}.
     */
    default boolean layoutBreakNotifiesAllHolders() {
        return false;
    }

    /** Whether /proc/fs/layout_pins exists. Asked once, when procfs is built. */
    default boolean globalLayoutPinsTable() {
        return false;
    }
}
