package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The complete example of spec §9, parsed line by line. */
class ExampleTest {

    static final String EXAMPLE = """
            policy rfc-v2
            mount xfs /mnt/pmem dax size=1G
            device rdma mlx5_0
            process A uid=1000
            process B uid=1000
            file /mnt/pmem/F size=2M uid=1000

            A: open("/mnt/pmem/F", O_RDWR) = 3
            A: fcntl(3, F_SETLEASE, F_LAYOUT|F_EXCLUSIVE) = 0
            A: mmap(NULL, 2097152, PROT_READ|PROT_WRITE, MAP_SHARED, 3, 0) = $buf
            A: open("/dev/infiniband/uverbs0", O_RDWR) = 4
            A: ibv_alloc_pd(4) = $pd
            A: ibv_reg_mr($pd, $buf, 2097152, IBV_ACCESS_LOCAL_WRITE|IBV_ACCESS_REMOTE_WRITE) = $mr
            cat /proc/{A}/file_pins
            | 4: /dev/infiniband/uverbs0
            |    /mnt/pmem/F
            B: truncate("/mnt/pmem/F", 0) = -1 ETXTBSY (Text file busy)
            A: ftruncate(3, 0) = -1 EDEADLOCK
            A: munmap($buf, 2097152) = 0
            A: close(3) = 0
            B: truncate("/mnt/pmem/F", 0) = -1 ETXTBSY
            A: ibv_dereg_mr($mr) = 0
            B: truncate("/mnt/pmem/F", 0) = 0
            """;

    private final List<Line> lines = Parser.parse("example.scn", EXAMPLE).lines();

    @Test
    void everyLineHasItsKind() {
        assertThat(lines).hasSize(23);
        assertThat(lines).extracting(l -> l.getClass().getSimpleName()).containsExactly(
                "PolicyDirective", "MountDirective", "RdmaDeviceDirective", "ProcessDirective", "ProcessDirective",
                "FileDirective", "Blank", "Step", "Step", "Step", "Step", "Step", "Step", "CatDirective",
                "CatOutputLine", "CatOutputLine", "Step", "Step", "Step", "Step", "Step", "Step", "Step");
        assertThat(lines).extracting(Line::lineNo).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 23).boxed().toList());
        assertThat(String.join("\n", lines.stream().map(Line::raw).toList()) + "\n").isEqualTo(EXAMPLE);
    }

    @Test
    void setup() {
        assertThat(((Directive.PolicyDirective) lines.get(0)).name()).isEqualTo("rfc-v2");
        Directive.MountDirective mount = (Directive.MountDirective) lines.get(1);
        assertThat(List.of(mount.fsType(), mount.path())).containsExactly("xfs", "/mnt/pmem");
        assertThat(mount.dax()).isTrue();
        assertThat(mount.sizeBytes()).isEqualTo(1L << 30);
        assertThat(((Directive.RdmaDeviceDirective) lines.get(2)).name()).isEqualTo("mlx5_0");
        assertThat(((Directive.ProcessDirective) lines.get(4)).uid()).isEqualTo(1000);
        Directive.FileDirective file = (Directive.FileDirective) lines.get(5);
        assertThat(file.sizeBytes()).isEqualTo(2L << 20);
        assertThat(file.uid()).isEqualTo(1000);
    }

    @Test
    void steps() {
        Line.Step setlease = (Line.Step) lines.get(8);
        assertThat(setlease.args().get(2)).isInstanceOf(Expr.Flags.class);
        assertThat(setlease.args().get(2).text()).isEqualTo("F_LAYOUT|F_EXCLUSIVE");
        Line.Step mmap = (Line.Step) lines.get(9);
        assertThat(mmap.args()).hasSize(6);
        assertThat(mmap.result()).isEqualTo(new Result.BindResult("buf", new SourcePos(10, 66)));
        Line.Step regMr = (Line.Step) lines.get(12);
        assertThat(regMr.args().get(0)).isEqualTo(new Expr.Var("pd", new SourcePos(13, 15), "$pd"));
        assertThat(((Line.Step) lines.get(16)).result()).isEqualTo(new Result.ErrorResult("ETXTBSY", new SourcePos(17, 33)));
        assertThat(((Line.Step) lines.get(17)).result()).isInstanceOf(Result.ErrorResult.class);
        Result last = ((Line.Step) lines.get(22)).result();
        assertThat(((Expr.IntLit) ((Result.ValueResult) last).value()).value()).isZero();
    }

    @Test
    void catBlock() {
        assertThat(((Directive.CatDirective) lines.get(13)).path()).isEqualTo("/proc/{A}/file_pins");
        assertThat(((Line.CatOutputLine) lines.get(14)).content()).isEqualTo("4: /dev/infiniband/uverbs0");
        assertThat(((Line.CatOutputLine) lines.get(15)).content()).isEqualTo("   /mnt/pmem/F");
    }
}
