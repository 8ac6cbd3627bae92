namespace Rumprun.Port.Recipes;

/// <summary>
/// One differential check: the image's program is run natively and as a unikernel with the same
/// arguments and standard input, and both must print the same bytes and exit with <see cref="Status"/>.
/// Standard input is a file of the recipe (<see cref="Stdin"/>) or what an earlier check printed on the
/// same side (<see cref="StdinFrom"/>); <see cref="ExpectStdout"/> optionally names a file the output must equal too.
/// <see cref="Masks"/> are regular expressions for what may rightly differ between the two runs (a time, a process
/// id); each match is replaced by the same placeholder on both sides before the outputs are compared.
/// </summary>
public sealed record CheckSpec(
    string Name,
    string Image,
    IReadOnlyList<string>? Args = null,
    string? Stdin = null,
    string? StdinFrom = null,
    int Status = 0,
    string? ExpectStdout = null,
    int TimeoutSeconds = 120,
    IReadOnlyList<string>? Masks = null)
{
    public IReadOnlyList<string> ArgsOrEmpty => Args ?? [];

    public IReadOnlyList<string> MasksOrEmpty => Masks ?? [];
}
