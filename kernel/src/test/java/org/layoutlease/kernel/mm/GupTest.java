package org.layoutlease.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.kernel.uapi.Uapi.*;

import org.junit.jupiter.api.Test;
import org.layoutlease.kernel.fs.File;
import org.layoutlease.kernel.fs.FsType;
import org.layoutlease.kernel.sched.Task;
import org.layoutlease.kernel.uapi.Errno;
import org.layoutlease.kernel.uapi.SysErr;
import org.layoutlease.kernel.uapi.SysResult;

/** get_user_pages() and the long-term rules of each policy (SYSTEM.md §2.8). */
class GupTest {
    private static final long MB = 1 << 20;
    private static final int LONGTERM_WRITE = Gup.FOLL_LONGTERM | Gup.FOLL_WRITE;

    private static Errno pinError(PinFixture f, Task t, long addr, long len, int flags, VaddrPin token) {
        SysResult r = f.call(t, () -> {
            f.k.sub().gup.pin(t.group(), addr, len, flags, token, "test");
            return SysResult.ok(0);
        });
        return r instanceof SysResult.Error e ? e.errno() : null;
    }

    private static PinnedPages pin(PinFixture f, Task t, long addr, long len, int flags, VaddrPin token) {
        PinnedPages[] out = new PinnedPages[1];
        f.ok(t, () -> {
            out[0] = f.k.sub().gup.pin(t.group(), addr, len, flags, token, t.name() + "'s MR");
            return SysResult.ok(0);
        });
        return out[0];
    }

    @Test
    void anonymousMemoryPinsUnderEveryPolicy() {
        for (String policy : new String[] {"linux", "rfc-v1", "rfc-v2"}) {
            PinFixture f = new PinFixture(policy, FsType.XFS, true);
            Task a = f.process("A", 1000);
            long buf = f.ok(a, () -> f.k.sub().mm.mmap(a, 0, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
            PinnedPages p = pin(f, a, buf, MB, LONGTERM_WRITE, null);
            assertThat(p.runs()).hasSize(1).first().isInstanceOf(PageRun.Anon.class);
            assertThat(p.length()).isEqualTo(MB);
        }
    }

    @Test
    void missingMappingsAndReadOnlyMappingsAreEfault() {
        PinFixture f = new PinFixture("rfc-v2", FsType.XFS, true);
        Task a = f.process("A", 1000);
        long buf = f.ok(a, () -> f.k.sub().mm.mmap(a, 0, MB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        assertThat(pinError(f, a, buf, MB, LONGTERM_WRITE, null)).isEqualTo(Errno.EFAULT);
        assertThat(pinError(f, a, buf + MB, 4096, Gup.FOLL_LONGTERM, null)).isEqualTo(Errno.EFAULT);
        assertThat(pinError(f, a, buf, MB, Gup.FOLL_LONGTERM, null)).isNull();
    }

    @Test
    void pagesPastEndOfFileAreEfault() {
        PinFixture f = new PinFixture("rfc-v2", FsType.EXT4, false);
        Task a = f.process("A", 1000);
        f.file("F", 8192, 1000);
        int fd = f.open(a, "/mnt/pmem/F");
        long buf = f.mmapShared(a, fd, 4 * 4096);
        assertThat(pinError(f, a, buf, 2 * 4096, Gup.FOLL_WRITE, null)).isNull();
        assertThat(pinError(f, a, buf, 3 * 4096, Gup.FOLL_WRITE, null)).isEqualTo(Errno.EFAULT);
    }

    @Test
    void linuxRefusesFsDaxLongtermPinsAndWritablePageCachePins() {
        PinFixture dax = new PinFixture("linux", FsType.XFS, true);
        Task a = dax.process("A", 1000);
        dax.file("F", 2 * MB, 1000);
        long buf = dax.mmapShared(a, dax.open(a, "/mnt/pmem/F"), 2 * MB);
        assertThat(pinError(dax, a, buf, 2 * MB, LONGTERM_WRITE, null)).isEqualTo(Errno.EOPNOTSUPP);
        assertThat(pinError(dax, a, buf, 2 * MB, Gup.FOLL_WRITE, null)).as("short-term pins are fine").isNull();

        PinFixture cache = new PinFixture("linux", FsType.EXT4, false);
        Task b = cache.process("B", 1000);
        cache.file("F", 2 * MB, 1000);
        long cbuf = cache.mmapShared(b, cache.open(b, "/mnt/pmem/F"), 2 * MB);
        assertThat(pinError(cache, b, cbuf, 2 * MB, LONGTERM_WRITE, null)).isEqualTo(Errno.EFAULT);
        assertThat(pinError(cache, b, cbuf, 2 * MB, Gup.FOLL_LONGTERM, null)).isNull();

        PinFixture shmem = new PinFixture("linux", FsType.TMPFS, false);
        Task c = shmem.process("C", 1000);
        shmem.file("F", 2 * MB, 1000);
        long sbuf = shmem.mmapShared(c, shmem.open(c, "/mnt/pmem/F"), 2 * MB);
        assertThat(pinError(shmem, c, sbuf, 2 * MB, LONGTERM_WRITE, null)).as("tmpfs needs no dirty tracking").isNull();
    }

    @Test
    void v2NeedsTheCallersExclusiveLeaseAndAToken() {
        PinFixture f = new PinFixture("rfc-v2", FsType.XFS, true);
        Task a = f.process("A", 1000);
        Task b = f.process("B", 1000);
        f.file("F", 2 * MB, 1000);
        int fd = f.open(a, "/mnt/pmem/F");
        File data = a.group().files.get(fd);
        long buf = f.mmapShared(a, fd, 2 * MB);
        File owner = data;
        VaddrPin token = new VaddrPin(owner, a.group().mm);
        assertThat(pinError(f, a, buf, 2 * MB, LONGTERM_WRITE, token)).isEqualTo(Errno.EPERM);
        f.leases.take(data, b.tgid(), true);
        assertThat(pinError(f, a, buf, 2 * MB, LONGTERM_WRITE, token)).as("someone else's lease").isEqualTo(Errno.EPERM);
        f.leases.dropAll();
        f.leases.take(data, a.tgid(), false);
        assertThat(pinError(f, a, buf, 2 * MB, LONGTERM_WRITE, token)).as("a plain lease").isEqualTo(Errno.EPERM);
        f.leases.dropAll();
        f.leases.take(data, a.tgid(), true);
        assertThat(pinError(f, a, buf, 2 * MB, LONGTERM_WRITE, null)).as("no vaddr_pin").isEqualTo(Errno.EPERM);
        int refs = data.refCount();
        PinnedPages p = pin(f, a, buf, 2 * MB, LONGTERM_WRITE, token);
        assertThat(data.refCount()).as("the file pin holds the leased file").isEqualTo(refs + 1);
        assertThat(f.k.sub().pins.filePins().render(a.group())).containsExactly("3: /mnt/pmem/F", "   /mnt/pmem/F");
        f.k.sub().gup.unpin(p);
        assertThat(data.refCount()).isEqualTo(refs);
        assertThat(f.k.sub().pins.filePins().render(a.group())).isEmpty();
    }

    @Test
    void v1AcceptsAnyLayoutLeaseOnTheInode() {
        PinFixture f = new PinFixture("rfc-v1", FsType.XFS, true);
        Task a = f.process("A", 1000);
        Task b = f.process("B", 1000);
        f.file("F", 2 * MB, 1000);
        int fd = f.open(a, "/mnt/pmem/F");
        long buf = f.mmapShared(a, fd, 2 * MB);
        assertThat(pinError(f, a, buf, 2 * MB, LONGTERM_WRITE, null)).isEqualTo(Errno.EPERM);
        f.leases.take(a.group().files.get(fd), b.tgid(), false);
        assertThat(pinError(f, a, buf, 2 * MB, LONGTERM_WRITE, null)).isNull();
        assertThat(f.k.sub().pins.filePins()).as("v1 has no file pins").isNull();
    }

    @Test
    void aWritePinAllocatesHolesAndPinsTheBlocksThemselves() {
        PinFixture f = new PinFixture("rfc-v2", FsType.XFS, true);
        Task a = f.process("A", 1000);
        var inode = f.file("S", 0, 1000);
        int fd = f.open(a, "/mnt/pmem/S");
        f.ok(a, () -> f.k.sub().fs.ftruncate(a, fd, MB));
        long buf = f.mmapShared(a, fd, MB);
        PinnedPages ro = pin(f, a, buf, MB, 0, null);
        assertThat(ro.runs()).as("a read pin of a hole pins the zero page").allMatch(r -> r instanceof PageRun.Zero);
        PinnedPages rw = pin(f, a, buf, MB, Gup.FOLL_WRITE, null);
        assertThat(rw.runs()).hasSize(1).first().isInstanceOf(PageRun.FileBlocks.class);
        assertThat(f.k.sub().fs.fstat(a, fd)).isNotNull();
        assertThat(inode.size).isEqualTo(MB);
    }

    @Test
    void aPrivateMappingIsCopiedOnAWritePin() {
        PinFixture f = new PinFixture("rfc-v2", FsType.XFS, true);
        Task a = f.process("A", 1000);
        f.file("F", MB, 1000);
        int fd = f.open(a, "/mnt/pmem/F");
        long buf = f.ok(a, () -> f.k.sub().mm.mmap(a, 0, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
        PinnedPages p = pin(f, a, buf, MB, LONGTERM_WRITE, null);
        assertThat(p.runs()).hasSize(1).first().isInstanceOf(PageRun.Anon.class);
        p.write(0, org.layoutlease.kernel.lib.Data.fill((byte) 7, 4096));
        assertThat(f.k.sub().fs.read(a, fd, 4096, 0, true)).extracting(r -> ((SysResult.Value) r).output())
            .isEqualTo(org.layoutlease.kernel.lib.Data.zeros(4096));
    }

    @Test
    void aFailedPinPinsNothing() {
        PinFixture f = new PinFixture("rfc-v2", FsType.XFS, true);
        Task a = f.process("A", 1000);
        long buf = f.ok(a, () -> f.k.sub().mm.mmap(a, 0, MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        assertThat(pinError(f, a, buf, 3 * MB, Gup.FOLL_WRITE, null)).isEqualTo(Errno.EFAULT);
        assertThat(f.k.sub().pins.liveCount()).isZero();
        try {
            f.k.sub().gup.pin(a.group(), buf, 0, 0, null, "x");
        } catch (SysErr e) {
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        }
    }
}
