using System.CommandLine;
using Rumprun.Core.Run;

namespace Rumprun.Run;

/// <summary>Platform words rumprun had that rr-run knows but cannot serve yet: a clear refusal, not "unknown command".</summary>
internal static class UnsupportedPlatformCommand
{
    public static Command Create(string name, string description)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(int (_) => throw new RunException(
            $"platform '{name}' is not supported yet: use rr-run qemu (TCG) or rr-run kvm", RunExitCodes.Usage));
        return command;
    }
}
