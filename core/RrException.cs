namespace Rumprun.Core;
/// <summary>Root of every error the tools report: its message is one line that says what is wrong and what to do.</summary>
public class RrException(string message, Exception? inner = null) : Exception(message, inner);
