using System.Runtime.Versioning;
using NUnit.Framework;
using Rumprun.Core.Run;

namespace Rumprun.Tests.Unit.Run.Xen;

[SupportedOSPlatform("linux")]
public sealed class XenToolstackTextTests
{
    [Test]
    public void Commands_print_the_domain_id_as_a_shell_variable_until_it_is_known()
    {
        var command = XenCommands.ShareConfiguration();

        Assert.That(command.ToShellLine(), Is.EqualTo("xenstore-chmod -r '/local/domain/'\"$domid\"'/rumprun' n0 'r'\"$domid\"''"));
        Assert.That(command.ForDomain(5).ToShellLine(), Is.EqualTo("xenstore-chmod -r /local/domain/5/rumprun n0 r5"));
    }

    [Test]
    public void The_configuration_json_is_one_shell_word()
    {
        var line = XenCommands.WriteConfiguration("{\"cmdline\":\"a 'b'\"}").ForDomain(1).ToShellLine();

        Assert.That(line, Is.EqualTo("xenstore-write /local/domain/1/rumprun/cfg '{\"cmdline\":\"a '\\''b'\\''\"}'"));
    }

    [Test]
    public void A_failed_commands_complaint_is_its_first_error_lines()
    {
        var result = new XenCommandResult(1, "", "Parsing config from a.cfg\n" +
            "libxl: error: libxl_disk.c:1: cause one\nlibxl: error: libxl_create.c:2: cause two\n" +
            "libxl: error: libxl_domain.c:3: Unable to destroy guest\n");

        Assert.That(result.Complaint, Is.EqualTo("libxl: error: libxl_disk.c:1: cause one; libxl: error: libxl_create.c:2: cause two"));
        Assert.That(new XenCommandResult(1, "", "no such domain\n").Complaint, Is.EqualTo("no such domain"));
        Assert.That(new XenCommandResult(3, "", "").Complaint, Is.EqualTo("exit status 3"));
    }

    [Test]
    public void Backslashes_of_the_json_are_doubled_for_xenstore_writes_escapes()
    {
        var command = XenCommands.WriteConfiguration("{\"env\":[\"Q=a\\\"b\",\"P=c:\\\\d\"]}");

        Assert.That(command.Arguments[1], Is.EqualTo("{\"env\":[\"Q=a\\\\\"b\",\"P=c:\\\\\\\\d\"]}"));
    }

    [TestCase("Name ID Mem VCPUs\tState\tTime(s)\nweb 3 64 1 -b---- 0.2\n", false)]
    [TestCase("Name ID Mem VCPUs\tState\tTime(s)\nweb 3 64 1 r----- 0.2\n", false)]
    [TestCase("Name ID Mem VCPUs\tState\tTime(s)\nweb 3 64 1 ---s-- 0.2\n", true)]
    [TestCase("Name ID Mem VCPUs\tState\tTime(s)\nweb 3 64 1 ----c- 0.2\n", true)]
    [TestCase("Name ID Mem VCPUs\tState\tTime(s)\nweb 3 64 1 -----d 0.2\n", true)]
    public void Xl_list_tells_a_running_domain_from_a_halted_one(string listing, bool halted)
    {
        Assert.That(XenDomainState.Halted(listing, "web"), Is.EqualTo(halted));
    }

    [Test]
    public void A_listing_without_the_domain_says_nothing_of_it()
    {
        Assert.That(XenDomainState.Halted("Name ID Mem VCPUs\tState\tTime(s)\nweb2 3 64 1 ---s-- 0.2\n", "web"), Is.Null);
    }

    [Test]
    public void Missing_xl_names_the_package_and_the_dom0()
    {
        var empty = Directory.CreateTempSubdirectory("rr-xen-tools-");
        try
        {
            var e = Assert.Throws<RunException>(() => XenTools.Find(empty.FullName))!;

            Assert.That(e.Message, Is.EqualTo(
                "xl not found: rr-run xen must run in a Xen dom0 with the toolstack installed (apt-get install xen-utils-4.17)"));
            Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.HypervisorFailed));
        }
        finally
        {
            empty.Delete(true);
        }
    }

    [Test]
    public void Tools_are_found_on_the_path()
    {
        var bin = Directory.CreateTempSubdirectory("rr-xen-tools-");
        try
        {
            foreach (var tool in new[] { "xl", "xenstore-write", "xenstore-chmod", "xenstore-read" })
                File.WriteAllText(Path.Combine(bin.FullName, tool), "");

            Assert.That(XenTools.Find(bin.FullName)["xl"], Is.EqualTo(Path.Combine(bin.FullName, "xl")));
            Assert.That(XenTools.Find(bin.FullName).ContainsKey("xenstore-watch"), Is.False);

            File.WriteAllText(Path.Combine(bin.FullName, "xenstore-watch"), "");
            Assert.That(XenTools.Find(bin.FullName)["xenstore-watch"], Is.EqualTo(Path.Combine(bin.FullName, "xenstore-watch")));
        }
        finally
        {
            bin.Delete(true);
        }
    }

    [TestCase("xen:web", "web")]
    [TestCase("xen:rr-hello-0a1b2c", "rr-hello-0a1b2c")]
    public void Handles_round_trip(string text, string name)
    {
        Assert.That(XenGuestHandle.Parse(text), Is.EqualTo(new XenGuestHandle(name)));
        Assert.That(XenGuestHandle.Parse(text).ToString(), Is.EqualTo(text));
    }

    [TestCase("xen:")]
    [TestCase("xen:a b")]
    [TestCase("qemu:12")]
    public void Bad_handles_are_refused(string text)
    {
        var e = Assert.Throws<RunException>(() => XenGuestHandle.Parse(text))!;

        Assert.That(e.ExitCode, Is.EqualTo(RunExitCodes.Usage));
        Assert.That(e.Message, Does.Contain("give the xen:NAME that rr-run xen printed"));
    }
}
