namespace Rumprun.Port.Recipes;

/// <summary>
/// One differential check: the image's program is run natively and as a unikernel with the same
/// arguments and standard input, and both must print the same bytes and exit with <see cref="Status"/>.
/// Standard input is a file of the recipe (<see cref="Stdin"/>) or what an earlier check printed on the
/// same side (<see cref="StdinFrom"/>); <see cref="ExpectStdout"/> optionally names a file the output must equal too.
/// </summary>
public sealed record CheckSpec(
    string Name,
    string Image,
    IReadOnlyList<string>? Args = null,
    string? Stdin = null,
    string? StdinFrom = null,
    int Status = 0,
    string? ExpectStdout = null,
    int TimeoutSeconds = 120)
{
    public IReadOnlyList<string> ArgsOrEmpty => Args ?? [];
}
