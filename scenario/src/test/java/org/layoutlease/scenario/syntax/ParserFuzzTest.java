package org.layoutlease.scenario.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs: the parser either returns a scenario whose expressions quote their own
 * source exactly, or throws a {@link ScenarioError} whose message is {@code FILE:LINE:COL: detail}
 * with a position inside the input. Nothing else may escape. Reproduce a failure with
 * {@code -Dlayoutlease.seed=SEED}; raise the case count with {@code -Dlayoutlease.budget=N}.
 */
class ParserFuzzTest {

    private static final String FILE = "fuzz.scn";
    private static final Pattern MESSAGE = Pattern.compile("^" + Pattern.quote(FILE) + ":(\\d+):(\\d+): .+");
    private static final long DEFAULT_SEED = 0x4C4C_5343_4E31L;
    private static final int CASES_PER_BUDGET = 1000;
    private static final int MAX_MUTATIONS = 4;
    private static final int MAX_RANDOM_LENGTH = 300;
    private static final String INTERESTING = "\"'\\#|$=(),{}[]*+-?<>.:!_ \t\r0123456789xXabAZEsSIGO\u00e9\u00ff\u0100\u2028";
    private static final String[] EXTREMES = {"99999999999999999999", "0x", "-0", "18446744073709551616", "4G",
        "0xffffffffffffffff", "-9223372036854775809", "1_", "0777777", "1.5", "2000000G", "08", "", "\\", "\"", "'"};
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z0-9_$.]+|\\S");

    static final String KITCHEN_SINK = """
            policy rfc-v2   # default
            sysctl fs.lease-break-time=5
            sysctl fs.leases-enable = 1
            mount xfs /mnt/pmem dax size=1G block=4096
            mount ext4 /mnt/e size=512M
            mount tmpfs /mnt/t
            device rdma mlx5_0 odp
            device dax /dev/dax0.0 size=2G
            process A uid=1000 gid=1000 caps=CAP_LEASE,CAP_FOWNER
            process B caps=all,-CAP_LEASE
            peer P
            file /mnt/pmem/F size=2M uid=1000 mode=0644
            file /mnt/e/S size=4K sparse
            strict

            A: open("/mnt/pmem/F", O_RDWR|O_CREAT, 0644) = 3
            A: fcntl(3, F_SETSIG, SIGRTMIN+1) = 0
            A: fcntl(3, F_SETOWN_EX, {type=F_OWNER_TID, pid=A}) = 0
            A: fcntl(3, F_GETOWN_EX, {type=F_OWNER_TID, pid=A}) = 0
            A: fstat(3, {st_size=2097152, st_mode=S_IFREG|0644}) = 0
            A: pread64(3, "\\0"*4096, 4096, 0) = 4096
            A: write(3, "A"*10 "B"*2, 12) = 12   # "quoted" comment
            A: ioctl(3, FS_IOC_FIEMAP, {fm_start=0, fm_length=4096, fm_mapped_extents=1, fm_extents=[{fe_logical=0, fe_physical=0x1000, fe_length=4096, fe_flags=FIEMAP_EXTENT_LAST}]}) = 0
            A: rt_sigaction(SIGIO, handler, SA_RESTART) = 0
            A: rt_sigprocmask(SIG_BLOCK, [SIGIO, SIGUSR1]) = 0
            A: mmap(NULL, 2097152, PROT_READ|PROT_WRITE, MAP_SHARED_VALIDATE|MAP_SYNC, 3, 0) = $buf
            A: poke($buf+4096, 16, 'x') = 0
            A: peek($buf, 4) = "\\xab\\x00\\377\\n#"
            A: socketpair(AF_UNIX, SOCK_STREAM, 0, [4, 5]) = 0
            A: fork() = C
            C: scm_rights(3, B) = 6
            B: open("/mnt/pmem/F", O_WRONLY) <unfinished ...>
            A: --- SIGRTMIN+1 {si_signo=SIGRTMIN+1, si_code=POLL_MSG, si_band=0x441, si_fd=3} ---
            A: fcntl(3, F_SETLEASE, F_UNLCK) = 0
            B: <... open resumed>) = 3 <0.000000>
            A: rt_sigtimedwait([SIGUSR1], 0) = -1 EAGAIN (Resource temporarily unavailable)
            P: rdma_write(1, 0, 4096, 0xab) = -1 EACCES
            advance 1.5s
            cat as A /proc/{A}/fdinfo/3
            | pos:\t0
            | flags:\t0100002 # content
            |
            cat /proc/locks
            A: kill(C, SIGKILL) = 0
            C: --- SIGKILL ---
            C: +++ killed by SIGKILL +++
            B: exit_group(0) = ?
            B: +++ exited with 0 +++
            !!! invariant hang: B waits # noted
            !!! expected = 3
            A: exit_group(0) = ?
            !!! invariant leak: layout lease on /mnt/pmem/F
            """;

    private static final List<String> CORPUS = List.of(ExampleTest.EXAMPLE, KITCHEN_SINK);

    @Test
    void corpusIsValid() {
        for (String text : CORPUS) {
            Scenario s = Parser.parse(FILE, text);
            assertThat(s.lines()).hasSize(text.split("\n", -1).length - 1);
            checkTexts(s);
        }
    }

    @Test
    void randomAndMutatedInputsFailCleanly() {
        long seed = Long.getLong("layoutlease.seed", DEFAULT_SEED);
        int cases = CASES_PER_BUDGET * Integer.getInteger("layoutlease.budget", 1);
        List<String> tokens = corpusTokens();
        int parsed = 0;
        for (int i = 0; i < cases; i++) {
            Random random = new Random(seed + i);
            String input = i % 4 == 0 ? randomText(random) : mutate(random, tokens);
            parsed += check(input, seed, i) ? 1 : 0;
        }
        // Mutants must reach past the first line often enough to exercise the parser deeply.
        assertThat(parsed).as("seed %d: inputs that parsed", seed).isPositive();
    }

    /** Checks one input; true when it parsed. */
    private static boolean check(String input, long seed, int caseNo) {
        Scenario scenario = null;
        ScenarioError error = null;
        try {
            scenario = Parser.parse(FILE, input);
        } catch (ScenarioError e) {
            error = e;
        } catch (Throwable t) {
            throw new AssertionError(context(seed, caseNo, input) + ": threw " + t, t);
        }
        if (error != null) {
            checkError(error, input, seed, caseNo);
            return false;
        }
        checkTexts(scenario);
        return true;
    }

    private static void checkError(ScenarioError e, String input, long seed, int caseNo) {
        Matcher m = MESSAGE.matcher(e.getMessage());
        if (!m.matches()) {
            throw new AssertionError(context(seed, caseNo, input) + ": malformed message " + e.getMessage());
        }
        String[] lines = input.split("\n", -1);
        int line = Integer.parseInt(m.group(1));
        int col = Integer.parseInt(m.group(2));
        // A line may exceed the limit by one character: that is where "line too long" points.
        if (line < 1 || col < 1 || line > lines.length || col > lines[line - 1].length() + 1) {
            throw new AssertionError(context(seed, caseNo, input) + ": position outside the input: " + e.getMessage());
        }
    }

    /** Every expression's text is the source slice at its position. */
    static void checkTexts(Scenario s) {
        for (Line line : s.lines()) {
            List<Expr> exprs = new ArrayList<>();
            if (line instanceof Line.Step step) {
                exprs.addAll(step.args());
                addResult(exprs, step.result());
            } else if (line instanceof Line.Resumed resumed) {
                addResult(exprs, resumed.result());
            }
            for (Expr e : exprs) {
                int from = e.pos().col() - 1;
                assertThat(e.pos().line()).isEqualTo(line.lineNo());
                assertThat(line.raw().substring(from, from + e.text().length())).as(line.raw()).isEqualTo(e.text());
            }
        }
    }

    private static void addResult(List<Expr> exprs, Result result) {
        if (result instanceof Result.ValueResult v) {
            exprs.add(v.value());
        }
    }

    private static String randomText(Random random) {
        int length = random.nextInt(MAX_RANDOM_LENGTH + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                out.append(INTERESTING.charAt(random.nextInt(INTERESTING.length())));
            } else if (kind < 9) {
                out.append((char) (0x20 + random.nextInt(0x5f)));
            } else {
                out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }

    private static String mutate(Random random, List<String> tokens) {
        String text = CORPUS.get(random.nextInt(CORPUS.size()));
        int mutations = 1 + random.nextInt(MAX_MUTATIONS);
        for (int i = 0; i < mutations; i++) {
            text = mutateOnce(random, text, tokens);
        }
        return text;
    }

    private static String mutateOnce(Random random, String text, List<String> tokens) {
        if (text.isEmpty()) {
            return tokens.get(random.nextInt(tokens.size()));
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(8)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + INTERESTING.charAt(random.nextInt(INTERESTING.length())) + text.substring(at);
            case 2 -> duplicate(random, text, at);
            case 3 -> swapChars(random, text, at);
            case 4 -> replaceToken(random, text, tokens);
            case 5 -> swapLines(random, text);
            case 6 -> text.substring(0, at) + EXTREMES[random.nextInt(EXTREMES.length)] + text.substring(at);
            default -> dropToken(random, text);
        };
    }

    private static String duplicate(Random random, String text, int at) {
        int end = Math.min(text.length(), at + 1 + random.nextInt(20));
        int to = random.nextInt(text.length() + 1);
        return text.substring(0, to) + text.substring(at, end) + text.substring(to);
    }

    private static String swapChars(Random random, String text, int at) {
        char[] chars = text.toCharArray();
        int other = random.nextInt(chars.length);
        char c = chars[at];
        chars[at] = chars[other];
        chars[other] = c;
        return new String(chars);
    }

    /** Replaces one token with a token from anywhere in the corpus. */
    private static String replaceToken(Random random, String text, List<String> tokens) {
        List<int[]> spans = tokenSpans(text);
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + tokens.get(random.nextInt(tokens.size())) + text.substring(span[1]);
    }

    private static String dropToken(Random random, String text) {
        List<int[]> spans = tokenSpans(text);
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + text.substring(span[1]);
    }

    private static String swapLines(Random random, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        if (random.nextBoolean()) {
            lines.add(b, lines.get(a));
        } else {
            String t = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, t);
        }
        return String.join("\n", lines);
    }

    private static List<int[]> tokenSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static List<String> corpusTokens() {
        List<String> tokens = new ArrayList<>();
        for (String text : CORPUS) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                tokens.add(m.group());
            }
        }
        tokens.add("\n");
        return tokens;
    }

    private static String context(long seed, int caseNo, String input) {
        return "seed " + seed + " case " + caseNo + " input \"" + escape(input) + "\"";
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
