namespace Rumprun.Build.Compilation;

/// <summary>Why an output must be rebuilt; <see cref="UpToDate"/> when it need not be.</summary>
public enum StaleReason
{
    UpToDate,
    NoOutput,
    NoDependencyRecord,
    CommandChanged,
    InputNewer,
    InputMissing,
}
