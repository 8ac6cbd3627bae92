using System.Text;

namespace Rumprun.Core.Run;

/// <summary>
/// rr-run xen --dry-run: the xl configuration and every toolstack command, as a POSIX shell script that a
/// dom0 can run as it stands (the console, the wait and the exit status included).
/// </summary>
public static class XenDryRun
{
    public static string Script(XenLaunch launch, string configurationPath, string json)
    {
        var name = launch.DomainName;
        var quotedName = ShellWords.Quote(name);
        var text = new StringBuilder();
        text.Append("# rr-run xen: the xl configuration, then the commands\n");
        text.Append($"cat > {ShellWords.Quote(configurationPath)} <<'RR_XL_CONFIGURATION'\n");
        text.Append(XenDomainConfiguration.Text(launch));
        text.Append("RR_XL_CONFIGURATION\n");
        text.Append(XenCommands.Create(configurationPath).ToShellLine()).Append('\n');
        text.Append($"domid=$({XenCommands.DomainId(name).ToShellLine()})\n");
        text.Append(XenCommands.WriteConfiguration(json).ToShellLine()).Append('\n');
        text.Append(XenCommands.ShareConfiguration().ToShellLine()).Append('\n');
        if (!launch.Attached)
        {
            text.Append(XenCommands.Unpause(name).ToShellLine()).Append('\n');
            text.Append($"echo xen:{quotedName}\n");
            return text.ToString();
        }
        text.Append($"{XenCommands.Console(name).ToShellLine()} &\n");
        text.Append("console=$!\n");
        text.Append(XenCommands.Unpause(name).ToShellLine()).Append('\n');
        // Running while xl lists the domain without s(hutdown), c(rashed) or d(ying) in its state. Between two
        // looks: the next @releaseDomain event (a watch fires once when set, so -n 2 is one real event), at most
        // 5 s, as rr-run waits; without xenstore-watch, half a second.
        text.Append($"while {XenCommands.List(name).ToShellLine()} 2>/dev/null | awk -v n={quotedName} '$1 == n && $5 !~ /[scd]/ {{ f = 1 }} END {{ exit !f }}'; do\n");
        text.Append($"    timeout 5 {XenCommands.WatchDomainReleases(events: 2).ToShellLine()} >/dev/null 2>&1 || sleep 0.5\n");
        text.Append("done\n");
        text.Append($"status=$({XenCommands.ReadExit().ToShellLine()})\n");
        text.Append("kill \"$console\"\n");
        text.Append(XenCommands.Destroy(name).ToShellLine()).Append('\n');
        text.Append("echo \"data/rr-exit: $status\"\n");
        text.Append("set -- $status\n");
        text.Append("exit \"${2:-125}\"\n");
        return text.ToString();
    }
}
