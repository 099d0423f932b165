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

    /**
     * How F_SETLEASE reads a layout-lease request (SYSTEM.md §2.3, §2.13): the lease flags
     * (FL_LAYOUT, possibly with FL_EXCLUSIVE) to add to an F_RDLCK lease, or 0 when {@code arg}
     * is no layout request in this design (it is then an ordinary lease type, or EINVAL).
     * Called from {@code fs.locks.Leases#setLease}.
     */
    int layoutLeaseFlags(int arg);

    /**
     * May a FOLL_LONGTERM pin of this file mapping proceed? Null to allow it, else the error the
     * GUP fails with (SYSTEM.md §2.8). Called once per file mapping the pin covers, before its
     * pages are faulted in, from {@code mm.Gup}.
     */
    Errno longtermPin(LongtermPin pin);

    /**
     * Whether GUP records who pinned which file (vaddr_pin, file_file_pin, mm_file_pin) and
     * /proc/{pid}/file_pins exists (v2 patches 09-18; SYSTEM.md §2.10, §2.13). Asked once, at boot.
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
