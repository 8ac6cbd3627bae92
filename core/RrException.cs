namespace Rumprun.Core;

/// <summary>Root of every error the tools report: its message is one line that says what is wrong and what to do.</summary>
public class RrException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process exit status a tool returns for this error; 1 unless a subtype documents another.</summary>
    public virtual int ExitCode => 1;
}
