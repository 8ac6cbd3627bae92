using System.Diagnostics;
using System.Globalization;
using Serilog;

namespace Rumprun.Build.Engine;

/// <summary>Times one build stage and prints its one progress line.</summary>
public sealed class Stage
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private Stage(string name) => Name = name;

    public string Name { get; }

    public static Stage Start(string name) => new(name);

    public void Done(string summary) =>
        Log.Information(">> {Stage}: {Summary} ({Seconds} s)", Name, summary, _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
}
