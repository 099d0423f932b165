package org.layoutlease.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code layoutlease} command: run, demo, compare and explore scenarios on the simulated kernel. */
@Command(name = "layoutlease", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {
        "A deterministic simulated Linux kernel for reasoning about file leases, layout leases",
        "and long-term page pins (the 2019 RDMA/FS-DAX proposal and its alternatives)."},
    subcommands = {RunCommand.class, CompareCommand.class, DemoCommand.class, DocsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for an invalid command line or scenario (SCENARIO-LANGUAGE.md §8). */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("layoutlease: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version printed by --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"layoutlease 0.1.0"};
        }
    }
}
