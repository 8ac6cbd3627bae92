namespace Rumprun.Core.Run;

/// <summary>The guest configuration's <c>console</c> key (contracts §5).</summary>
public enum ConsoleMode
{
    /// <summary>A person types: the guest echoes, edits lines and turns ^C into SIGINT.</summary>
    Tty,

    /// <summary>A pipe, a file or a log: bytes pass unchanged both ways.</summary>
    Raw,
}
