package org.layoutlease.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of {@code compare --html} as a real browser draws it: Debian's headless chromium takes
 * a screenshot, which must have the window's size and real content. Skipped where chromium is not
 * installed (the CI script installs it). The screenshot is kept as cli/target/compare-page.png.
 */
class CompareHtmlScreenshotTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;
    private static final long BROWSER_SECONDS = 90;

    @TempDir
    Path dir;

    private static final String SCENARIO = """
        # A reader blocks on a FIFO until a writer arrives, is then signalled; a forked child is
        # killed, and a second FIFO open is left hanging.
        policy linux
        process A uid=1000
        process B uid=1000
        A: mkfifo("/mnt/p", 0644) = 0
        A: rt_sigaction(SIGUSR1, handler) = 0
        A: open("/mnt/p", O_RDONLY) <unfinished ...>
        advance 2s
        B: open("/mnt/p", O_WRONLY) = 3
        A: <... open resumed>) = 3 <2.000000>
        B: kill(A, SIGUSR1) = 0
        A: --- SIGUSR1 ---
        B: fork() = C
        B: kill(C, SIGKILL) = 0
        B: write(3, "ping", 4) = 4
        A: read(3, "pong", 16) = 4
        A: mkfifo("/mnt/q", 0644) = 0
        A: open("/mnt/q", O_WRONLY) <unfinished ...>
        """;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void thePageRendersInAHeadlessBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        Path scn = dir.resolve("demo.scn");
        Files.writeString(scn, SCENARIO, StandardCharsets.UTF_8);
        Path page = dir.resolve("page.html");
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"compare", "--html", page.toString(), scn.toString()},
            new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(status).as(err.toString()).isZero();

        Path png = dir.resolve("shot.png");
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
            "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString()))
            .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium took longer than " + BROWSER_SECONDS + " s");
        }
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"))).exists();
        Path kept = Path.of("target", "compare-page.png");
        if (Files.isDirectory(kept.getParent())) {
            Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        }

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(WIDTH);
        assertThat(img.getHeight()).isEqualTo(HEIGHT);
        Set<Integer> colours = new HashSet<>();
        int inked = 0;
        int samples = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                samples++;
                if (brightness(rgb) < 160) {
                    inked++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours: a page, not a blank").isGreaterThan(64);
        assertThat(inked).as("pixels with text or drawing on them").isGreaterThan(samples / 200);
        assertThat(hasColourNear(img, 0x2f8a57) && hasColourNear(img, 0x2f6fcf))
            .as("the success green and the blocked blue of the timeline or table are visible").isTrue();
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }

    private static boolean hasColourNear(BufferedImage img, int target) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (Math.abs(((rgb >> 16) & 0xff) - ((target >> 16) & 0xff)) < 24
                    && Math.abs(((rgb >> 8) & 0xff) - ((target >> 8) & 0xff)) < 24
                    && Math.abs((rgb & 0xff) - (target & 0xff)) < 24) {
                    return true;
                }
            }
        }
        return false;
    }
}
