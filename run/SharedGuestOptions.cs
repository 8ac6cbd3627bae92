using System.CommandLine;

namespace Rumprun.Run;

/// <summary>The guest options rr-run qemu and rr-run xen spell and describe alike; each launch makes its own instances.</summary>
internal static class SharedGuestOptions
{
    public static Option<string[]> Environment() => new("-e")
    {
        Description = "Set an environment variable for the program (repeatable)",
        HelpName = "VAR=VALUE",
    };

    public static Option<string[]> Addresses() => new("-W")
    {
        Description = "Configure interface TAG by DHCP (the default) or with a static IPv4 address; one per interface",
        HelpName = "TAG,inet,dhcp|TAG,inet,static,ADDR/PREFIX[,GATEWAY]",
    };

    public static Argument<string[]> ProgramArguments() => new("args")
    {
        Description = "Arguments for the program, after --; argv[0] is the image's file name",
        Arity = ArgumentArity.ZeroOrMore,
    };
}
