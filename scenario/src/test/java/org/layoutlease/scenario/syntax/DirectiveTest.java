package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layoutlease.scenario.syntax.Scn.assertError;
import static org.layoutlease.scenario.syntax.Scn.last;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The directives of spec §2, their defaults, and their errors. */
class DirectiveTest {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;
    private static final long GIB = MIB * KIB;

    @Test
    void policy() {
        assertThat(last("policy rfc-v2")).isEqualTo(new Directive.PolicyDirective("rfc-v2", 1, "policy rfc-v2", null));
        assertThat(((Directive.PolicyDirective) last("policy v2-close-blocks # alt")).name()).isEqualTo("v2-close-blocks");
    }

    @Test
    void sysctl() {
        assertThat(last("sysctl fs.lease-break-time=5"))
                .isEqualTo(new Directive.SysctlDirective("fs.lease-break-time", 5, 1, "sysctl fs.lease-break-time=5", null));
        assertThat(((Directive.SysctlDirective) last("sysctl fs.lease-break-time=-1")).value()).isEqualTo(-1);
        assertThat(((Directive.SysctlDirective) last("sysctl fs.leases-enable = 0")).key()).isEqualTo("fs.leases-enable");
    }

    @Test
    void mountWithOptionsInAnyOrder() {
        Directive.MountDirective m = (Directive.MountDirective) last("mount xfs /mnt/pmem dax size=1G");
        assertThat(m.fsType()).isEqualTo("xfs");
        assertThat(m.path()).isEqualTo("/mnt/pmem");
        assertThat(m.dax()).isTrue();
        assertThat(m.sizeBytes()).isEqualTo(GIB);
        assertThat(m.blockSize()).isEqualTo(4096);
        Directive.MountDirective e = (Directive.MountDirective) last("mount ext4 /mnt/e block=1K size=512M");
        assertThat(e.dax()).isFalse();
        assertThat(e.sizeBytes()).isEqualTo(512 * MIB);
        assertThat(e.blockSize()).isEqualTo(1024);
    }

    @Test
    void mountDefaults() {
        Directive.MountDirective t = (Directive.MountDirective) last("mount tmpfs /mnt/t");
        assertThat(t.sizeBytes()).isEqualTo(GIB);
        assertThat(t.blockSize()).isEqualTo(4096);
        assertThat(t.dax()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "4096;4096",
        "4K;4096",
        "4k;4096",
        "1_0_24K;1048576",
        "0x100000;1048576",
        "2M;2097152",
        "3G;3221225472",
        "1048576G;1125899906842624",
    })
    void sizeGrammar(String size, long bytes) {
        assertThat(((Directive.FileDirective) last("file /f size=" + size)).sizeBytes()).isEqualTo(bytes);
    }

    @Test
    void devices() {
        assertThat(last("device rdma mlx5_0")).isEqualTo(new Directive.RdmaDeviceDirective("mlx5_0", false, 1, "device rdma mlx5_0", null));
        assertThat(((Directive.RdmaDeviceDirective) last("device rdma mlx5_1 odp")).odp()).isTrue();
        Directive.DaxDeviceDirective d = (Directive.DaxDeviceDirective) last("device dax /dev/dax0.0 size=2G");
        assertThat(d.path()).isEqualTo("/dev/dax0.0");
        assertThat(d.sizeBytes()).isEqualTo(2 * GIB);
        assertThat(((Directive.DaxDeviceDirective) last("device dax /dev/dax1.0")).sizeBytes()).isEqualTo(GIB);
    }

    @Test
    void processes() {
        Directive.ProcessDirective a = (Directive.ProcessDirective) last("process A uid=1000");
        assertThat(a.name()).isEqualTo("A");
        assertThat(a.uid()).isEqualTo(1000);
        assertThat(a.gid()).isNull();
        assertThat(a.caps()).isNull();
        Directive.ProcessDirective b = (Directive.ProcessDirective) last("process B caps=CAP_LEASE,CAP_FOWNER gid=100 uid=1000");
        assertThat(b.caps()).containsExactly("CAP_LEASE", "CAP_FOWNER");
        assertThat(b.gid()).isEqualTo(100);
        assertThat(((Directive.ProcessDirective) last("process C caps=all,-CAP_LEASE")).caps()).containsExactly("all", "-CAP_LEASE");
        assertThat(((Directive.ProcessDirective) last("process D caps=none")).caps()).containsExactly("none");
        assertThat(((Directive.ProcessDirective) last("process root")).uid()).isNull();
    }

    @Test
    void peer() {
        assertThat(last("peer Remote_1")).isEqualTo(new Directive.PeerDirective("Remote_1", 1, "peer Remote_1", null));
    }

    @Test
    void files() {
        Directive.FileDirective f = (Directive.FileDirective) last("file /mnt/pmem/F size=2M uid=1000");
        assertThat(f.path()).isEqualTo("/mnt/pmem/F");
        assertThat(f.sizeBytes()).isEqualTo(2 * MIB);
        assertThat(f.uid()).isEqualTo(1000);
        assertThat(f.gid()).isNull();
        assertThat(f.mode()).isNull();
        assertThat(f.sparse()).isFalse();
        Directive.FileDirective g = (Directive.FileDirective) last("file /g mode=0600 sparse gid=5");
        assertThat(g.mode()).isEqualTo(0600);
        assertThat(g.sparse()).isTrue();
        assertThat(g.sizeBytes()).isZero();
        assertThat(((Directive.FileDirective) last("file /h mode=4755")).mode()).isEqualTo(04755);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "45s;45000000000",
        "500ms;500000000",
        "2us;2000",
        "10ns;10",
        "1.5s;1500000000",
        "0.000000001s;1",
        "1.50ms;1500000",
        "0s;0",
        "1000000s;1000000000000000",
    })
    void advance(String duration, long nanos) {
        assertThat(((Directive.AdvanceDirective) last("advance " + duration)).nanos()).isEqualTo(nanos);
    }

    @Test
    void catKeepsPathsVerbatim() {
        assertThat(last("cat /proc/locks")).isEqualTo(new Directive.CatDirective(null, "/proc/locks", 1, "cat /proc/locks", null));
        Directive.CatDirective as = (Directive.CatDirective) last("process A", "cat as A /proc/{A}/file_pins");
        assertThat(as.asName()).isEqualTo("A");
        assertThat(as.path()).isEqualTo("/proc/{A}/file_pins");
        assertThat(((Directive.CatDirective) last("cat /proc/{ino:/mnt/x}/{dev:/mnt/x}")).path())
                .isEqualTo("/proc/{ino:/mnt/x}/{dev:/mnt/x}");
    }

    @Test
    void strict() {
        assertThat(last("  strict   # from here")).isEqualTo(new Directive.StrictDirective(1, "  strict   # from here", "# from here"));
    }

    @Test
    void directiveCommentsEndBareWords() {
        Directive.CatDirective c = (Directive.CatDirective) last("cat /proc/locks#now");
        assertThat(c.path()).isEqualTo("/proc/locks");
        assertThat(c.comment()).isEqualTo("#now");
    }

    @Test
    void everyDirectiveIsADirective() {
        List<Line> lines = Scn.parse("policy linux", "sysctl fs.leases-enable=1", "mount xfs /m", "device rdma r",
                "device dax /d", "process A", "peer P", "file /f", "advance 1s", "cat /f", "strict").lines();
        assertThat(lines).allMatch(l -> l instanceof Directive);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "mout xfs /m;1;unknown directive 'mout'",
        "`  Policy x`;3;unknown directive 'Policy'",
        "policy;7;expected a policy name, found end of line",
        "policy -x;8;expected a policy name, found '-x'",
        "policy a b;10;unexpected 'b' after policy name",
        "sysctl fs.lease-time=5;8;unknown sysctl 'fs.lease-time': expected one of [fs.lease-break-time, fs.leases-enable]",
        "sysctl;7;expected a sysctl name such as fs.lease-break-time, found end of line",
        "sysctl fs.lease-break-time;27;expected '=' after sysctl name, found end of line",
        "sysctl fs.lease-break-time=;28;expected a value after '=', found end of line",
        "sysctl fs.lease-break-time=abc;28;invalid integer literal 'abc'",
        "sysctl fs.lease-break-time=4294967296;28;value '4294967296' is out of range for fs.lease-break-time",
        "sysctl fs.leases-enable=1 2;27;unexpected '2' after sysctl value",
        "mount;6;expected a filesystem type (xfs, ext4 or tmpfs), found end of line",
        "mount btrfs /m;7;unknown filesystem type 'btrfs': expected xfs, ext4 or tmpfs",
        "mount xfs mnt;11;expected an absolute path, found 'mnt'",
        "mount xfs;10;expected an absolute path, found end of line",
        "mount xfs /m foo;14;unknown mount option 'foo': expected dax, size=N, block=N",
        "mount xfs /m daxx;14;unknown mount option 'daxx': expected dax, size=N, block=N",
        "mount xfs /m dax=1;14;unknown mount option 'dax=1': expected dax, size=N, block=N",
        "mount xfs /m size=1G size=2G;22;duplicate mount option 'size'",
        "mount xfs /m dax dax;18;duplicate mount option 'dax'",
        "mount tmpfs /t dax;16;tmpfs does not support dax: use xfs or ext4",
        "mount xfs /m block=3000;20;block size '3000' must be a power of two from 512 to 65536",
        "mount xfs /m block=256;20;block size '256' must be a power of two from 512 to 65536",
        "mount xfs /m block=1M;20;block size '1M' is too large: at most 65536",
        "mount xfs /m size=;19;expected a value after 'size=', found end of line",
        "mount xfs /m size=1__0;19;invalid size '1__0': expected digits with an optional K, M or G suffix",
        "mount xfs /m size=_1;19;invalid size '_1': expected digits with an optional K, M or G suffix",
        "mount xfs /m size=1T;19;invalid size '1T': expected digits with an optional K, M or G suffix",
        "mount xfs /m size=-1;19;invalid size '-1': expected digits with an optional K, M or G suffix",
        "mount xfs /m size=2000000G;19;size '2000000G' is too large: at most 1125899906842624",
        "mount xfs /m size=99999999999999999999;19;size '99999999999999999999' is too large: at most 1125899906842624",
        "device;7;expected a device type (rdma or dax), found end of line",
        "device nvme x;8;unknown device type 'nvme': expected rdma or dax",
        "device rdma;12;expected an RDMA device name such as mlx5_0, found end of line",
        "device rdma mlx5_0 foo;20;unknown rdma device option 'foo': expected odp",
        "device dax dax0;12;expected an absolute path, found 'dax0'",
        "device dax /d odp;15;unknown dax device option 'odp': expected size=N",
        "process;8;expected a process name, found end of line",
        "process 1A;9;expected a process name, found '1A'",
        "process A uid=x;15;invalid uid 'x': expected a decimal number",
        "process A uid=-1;15;invalid uid '-1': expected a decimal number",
        "process A gid=4294967296;15;gid '4294967296' is too large: at most 2147483647",
        "process A caps=CAP_LEASE,,CAP_KILL;26;invalid capability '': expected CAP_NAME, -CAP_NAME, all or none",
        "process A caps=foo;16;invalid capability 'foo': expected CAP_NAME, -CAP_NAME, all or none",
        "process A pid=3;11;unknown process option 'pid=3': expected uid=N, gid=N, caps=LIST",
        "peer;5;expected a process name, found end of line",
        "peer P Q;8;unexpected 'Q' after peer name",
        "file;5;expected an absolute path, found end of line",
        "file /f mode=0999;14;invalid mode '0999': expected octal digits such as 0644",
        "file /f mode=017777;14;mode '017777' is too large: at most 07777",
        "file /f sparse=1;9;unknown file option 'sparse=1': expected size=N, uid=N, gid=N, mode=0NNN, sparse",
        "advance;8;expected a duration such as 45s or 500ms, found end of line",
        "advance 45;9;invalid duration '45': expected a number with a unit s, ms, us or ns, such as 45s or 1.5ms",
        "advance -1s;9;invalid duration '-1s': expected a number with a unit s, ms, us or ns, such as 45s or 1.5ms",
        "advance 1.s;9;invalid duration '1.s': expected a number with a unit s, ms, us or ns, such as 45s or 1.5ms",
        "advance 0.5ns;9;duration '0.5ns' is not a whole number of nanoseconds",
        "advance 1000001s;9;duration '1000001s' is too long: at most 1000000s",
        "advance 1s 2s;12;unexpected '2s' after duration",
        "cat;4;expected an absolute path, found end of line",
        "cat as;5;expected an absolute path, found 'as'",
        "cat proc;5;expected an absolute path, found 'proc'",
        "cat /a /b;8;unexpected '/b' after path",
        "strict now;8;unexpected 'now' after 'strict'",
    })
    void directiveErrors(String line, int col, String detail) {
        assertError(1, col, detail, line);
    }

    @Test
    void catAsNeedsAPath() {
        assertError(2, 9, "expected an absolute path, found end of line", "process A", "cat as A");
    }
}
