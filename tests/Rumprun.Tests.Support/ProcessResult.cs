namespace Rumprun.Tests.Support;

/// <summary>What a finished process left behind.</summary>
public sealed record ProcessResult(int ExitCode, byte[] StandardOutputBytes, string StandardError, TimeSpan Duration)
{
    public string StandardOutput => System.Text.Encoding.UTF8.GetString(StandardOutputBytes);

    public override string ToString() =>
        $"exit {ExitCode} after {Duration.TotalSeconds:F2} s\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
