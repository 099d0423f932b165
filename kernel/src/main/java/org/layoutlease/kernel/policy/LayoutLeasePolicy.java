package org.layoutlease.kernel.policy;

import org.layoutlease.kernel.uapi.Errno;

/**
 * The project's proposal (docs/design-layoutlease.md): v2 where no scenario shows harm; F_UNLCK
 * while pinned is EBUSY; every filesystem checks layouts mapped or not; the refusal of an
 * exclusive lease is range-aware (only changes that free, move or share a pinned block fail);
 * plain layout breaks notify every holder with its own si_fd; truthful /proc/locks labels and a
 * global /proc/fs/layout_pins table.
 */
public class LayoutLeasePolicy extends RfcV2Policy {
    @Override
    public String name() {
        return "layoutlease";
    }

    @Override
    public String summary() {
        return "our proposal: unlock refused while pinned, range-aware refusal on every fs, all holders notified";
    }

    /** Rule 8: LAYOUT or LAYOUT EXCL, never v2's misleading UNLCK. */
    @Override
    public String layoutLeaseTypeLabel(int targetType, boolean exclusive) {
        return exclusive ? "LAYOUT EXCL" : "LAYOUT";
    }

    /** Rule 3. */
    @Override
    public Errno unlockPinnedLayoutLease() {
        return Errno.EBUSY;
    }

    /** Rule 5. */
    @Override
    public boolean ext4BreaksOnlyWhenMapped() {
        return false;
    }

    /** Rule 6: refuse only a change that would free, move or share a long-term pinned block. */
    @Override
    public Errno exclusiveLayoutRefusal(boolean ownProcess, boolean touchesLongtermPins) {
        return touchesLongtermPins ? super.exclusiveLayoutRefusal(ownProcess, true) : null;
    }

    /** Rule 6: an in-place overwrite changes no layout. */
    @Override
    public boolean inPlaceWriteBreaksLayout() {
        return false;
    }

    /** Rule 7. */
    @Override
    public boolean layoutBreakNotifiesAllHolders() {
        return true;
    }

    /** Rule 8. */
    @Override
    public boolean globalLayoutPinsTable() {
        return true;
    }
}
