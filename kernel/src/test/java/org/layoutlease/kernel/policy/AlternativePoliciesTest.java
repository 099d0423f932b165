package org.layoutlease.kernel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.Uapi;

/** The decisions where v2-unlock-refused, v2-close-blocks and layoutlease differ from rfc-v2. */
class AlternativePoliciesTest {
    private final Policy v2 = Policies.byName("rfc-v2");
    private final Policy unlockRefused = Policies.byName("v2-unlock-refused");
    private final Policy closeBlocks = Policies.byName("v2-close-blocks");
    private final Policy ours = Policies.byName("layoutlease");

    @Test
    void registered() {
        assertThat(Policies.names()).contains("v2-unlock-refused", "v2-close-blocks", "layoutlease");
        assertThat(unlockRefused.name()).isEqualTo("v2-unlock-refused");
        assertThat(closeBlocks.name()).isEqualTo("v2-close-blocks");
        assertThat(ours.name()).isEqualTo("layoutlease");
    }

    @Test
    void v2AsPosted() {
        assertThat(v2.unlockPinnedLayoutLease()).isNull();
        assertThat(v2.zombieLeaseLicensesPins()).isTrue();
        assertThat(v2.filePinHoldsLeaseFile()).isTrue();
        assertThat(v2.lastCloseWaitsForPins()).isFalse();
        assertThat(v2.ext4BreaksOnlyWhenMapped()).isTrue();
        assertThat(v2.exclusiveLayoutRefusal(false, false)).isEqualTo(Errno.ETXTBSY);
        assertThat(v2.exclusiveLayoutRefusal(true, false)).isEqualTo(Errno.EDEADLOCK);
        assertThat(v2.inPlaceWriteBreaksLayout()).isTrue();
        assertThat(v2.layoutBreakNotifiesAllHolders()).isFalse();
        assertThat(v2.globalLayoutPinsTable()).isFalse();
    }

    @Test
    void unlockRefusedRefusesUnlockAndZombiePins() {
        assertThat(unlockRefused.unlockPinnedLayoutLease()).isEqualTo(Errno.EBUSY);
        assertThat(unlockRefused.zombieLeaseLicensesPins()).isFalse();
        assertThat(unlockRefused.filePinHoldsLeaseFile()).isTrue();
        assertThat(unlockRefused.lastCloseWaitsForPins()).isFalse();
        assertThat(unlockRefused.layoutLeaseTypeLabel(Uapi.F_RDLCK, true)).isEqualTo("UNLCK");
    }

    @Test
    void closeBlocksHasNoZombiesAndBlocksLastClose() {
        assertThat(closeBlocks.filePinHoldsLeaseFile()).isFalse();
        assertThat(closeBlocks.lastCloseWaitsForPins()).isTrue();
        assertThat(closeBlocks.unlockPinnedLayoutLease()).isNull();
    }

    @Test
    void layoutleaseRules() {
        assertThat(ours.unlockPinnedLayoutLease()).isEqualTo(Errno.EBUSY);
        assertThat(ours.lastCloseWaitsForPins()).isFalse();
        assertThat(ours.filePinHoldsLeaseFile()).isTrue();
        assertThat(ours.ext4BreaksOnlyWhenMapped()).isFalse();
        assertThat(ours.exclusiveLayoutRefusal(false, false)).isNull();
        assertThat(ours.exclusiveLayoutRefusal(true, false)).isNull();
        assertThat(ours.exclusiveLayoutRefusal(false, true)).isEqualTo(Errno.ETXTBSY);
        assertThat(ours.exclusiveLayoutRefusal(true, true)).isEqualTo(Errno.EDEADLOCK);
        assertThat(ours.inPlaceWriteBreaksLayout()).isFalse();
        assertThat(ours.layoutBreakNotifiesAllHolders()).isTrue();
        assertThat(ours.globalLayoutPinsTable()).isTrue();
        assertThat(ours.layoutLeaseTypeLabel(Uapi.F_RDLCK, true)).isEqualTo("LAYOUT EXCL");
        assertThat(ours.layoutLeaseTypeLabel(Uapi.F_RDLCK, false)).isEqualTo("LAYOUT");
    }
}
