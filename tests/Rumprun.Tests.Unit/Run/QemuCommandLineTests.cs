using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run;

public sealed class QemuCommandLineTests
{
    private const string Json = "{\"cmdline\":\"hello.bin\"}";
    private const string Control = "/tmp/x.ctl";

    private static readonly RunRequest Hello = RunRequest.For(Accelerator.Tcg, "/images/hello.bin");

    private static IReadOnlyList<string> Build(RunRequest request, QemuConsole? console = null, string? pidFile = null) =>
        QemuCommandLine.Build(request, Json, console ?? new QemuConsole.Stdio(), Control, pidFile);

    private static string Line(RunRequest request, QemuConsole? console = null, string? pidFile = null) =>
        string.Join(' ', Build(request, console, pidFile));

    [Test]
    public void Qemu_gets_the_machine_line_of_the_contract_with_tcg()
    {
        Assert.That(Build(Hello), Is.EqualTo(new[]
        {
            "-M", "microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on", "-cpu", "max", "-m", "64",
            "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-kernel", "/images/hello.bin", "-append", Json,
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", "file,id=ctl,path=/tmp/x.ctl", "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-accel", "tcg",
        }));
    }

    [Test]
    public void Kvm_gets_the_kvm_accelerator_and_a_cpu_model_nested_kvm_accepts()
    {
        var line = Line(Hello.WithAccelerator(Accelerator.Kvm));

        Assert.That(line, Does.Contain("-accel kvm").And.Contain("-cpu max,-arch-capabilities"));
        Assert.That(line, Does.Not.Contain("tcg"));
    }

    [Test]
    public void Memory_is_passed_in_megabytes()
    {
        Assert.That(Line(Hello.WithMemory(256)), Does.Contain("-m 256 "));
    }

    [Test]
    public void The_gdb_port_opens_a_local_stub()
    {
        Assert.That(Line(Hello.WithGdbPort(1234)), Does.Contain("-gdb tcp:127.0.0.1:1234"));
    }

    [Test]
    public void Paused_starts_with_the_cpu_stopped()
    {
        Assert.That(Build(Hello.WithPaused()), Does.Contain("-S"));
        Assert.That(Build(Hello), Does.Not.Contain("-S"));
    }

    [Test]
    public void The_name_becomes_qemus_name_with_commas_doubled()
    {
        var args = Build(Hello.WithName("web,1"));

        Assert.That(args.SkipWhile(a => a != "-name").Skip(1).First(), Is.EqualTo("web,,1"));
    }

    [Test]
    public void Extra_hypervisor_words_come_last_unchanged()
    {
        var args = Build(Hello.WithHypervisorArguments("-smp", "2", "-device", "virtio-rng-device"));

        Assert.That(args.TakeLast(4), Is.EqualTo(new[] { "-smp", "2", "-device", "virtio-rng-device" }));
    }

    [Test]
    public void A_detached_run_logs_the_console_to_a_file_and_daemonizes()
    {
        var line = Line(Hello, new QemuConsole.LogFile("/run/x.log"), "/run/x.pid");

        Assert.That(line, Does.Contain("-serial file:/run/x.log").And.Contain("-daemonize -pidfile /run/x.pid"));
        Assert.That(line, Does.Not.Contain("stdio"));
    }

    [Test]
    public void A_comma_in_the_control_path_is_doubled_for_qemus_option_syntax()
    {
        var args = QemuCommandLine.Build(Hello, Json, new QemuConsole.Stdio(), "/tmp/a,b.ctl");

        Assert.That(args, Does.Contain("file,id=ctl,path=/tmp/a,,b.ctl"));
    }

    [Test]
    public void The_dry_run_line_is_shell_quoted_and_splits_back_to_the_arguments()
    {
        var args = Build(Hello.WithHypervisorArguments("-name", "a b"));

        var line = QemuCommandLine.ToShellLine(QemuCommandLine.Program, args);

        Assert.That(line, Does.StartWith("qemu-system-x86_64 -M "));
        Assert.That(ShellWords.Split(line), Is.EqualTo(args.Prepend(QemuCommandLine.Program)));
    }
}
