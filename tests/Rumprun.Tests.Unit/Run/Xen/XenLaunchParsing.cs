using System.CommandLine;
using NUnit.Framework;
using Rumprun.Core.Run;
using Rumprun.Run;

namespace Rumprun.Tests.Unit.Run.Xen;

/// <summary>Parses an rr-run xen command line into a launch as the command does, without running it.</summary>
internal static class XenLaunchParsing
{
    public static XenLaunch Parse(params string[] args)
    {
        var options = new XenLaunchOptions();
        var command = new Command("xen");
        options.AddTo(command);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
            throw new AssertionException(parse.Errors[0].Message);
        return options.ToLaunch(parse);
    }
}
