using System.Globalization;

namespace Rumprun.Core.Run;

/// <summary>The kinds of line the platform writes on its control channel (contracts §6).</summary>
public enum ControlKind
{
    /// <summary><c>rr:exit N</c>: the program called exit(N).</summary>
    Exit,

    /// <summary><c>rr:fault N WHAT</c>: the program faulted; N = 128 + signal.</summary>
    Fault,

    /// <summary><c>rr:config N MESSAGE</c>: the guest configuration was refused.</summary>
    Config,

    /// <summary><c>rr:panic N MESSAGE</c>: the platform itself failed.</summary>
    Panic,
}

/// <summary>One parsed control line: how the guest ended, and the status rr-run hands back.</summary>
public sealed record ControlLine(ControlKind Kind, int Status, string Text)
{
    private const string Prefix = "rr:";

    /// <summary>
    /// Written by the platform as soon as its console can take input without losing any; the host
    /// holds console input until it appears. It says nothing about how the guest ended.
    /// </summary>
    public const string Ready = "rr:ready";

    /// <summary>
    /// Parses the control channel's whole content and returns its last <c>rr:</c> line other than
    /// <see cref="Ready"/>, or null when there is none. The last one counts because the platform writes exactly one, just before it
    /// stops; earlier ones can only be left by a guest that went on after reporting.
    /// </summary>
    /// <exception cref="FormatException">The last <c>rr:</c> line is not one the contract defines.</exception>
    public static ControlLine? FromChannel(string content)
    {
        var last = content
            .Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .LastOrDefault(line => line.StartsWith(Prefix, StringComparison.Ordinal) && line != Ready);
        return last is null ? null : Parse(last);
    }

    /// <summary>Parses one line such as <c>rr:exit 3</c>.</summary>
    /// <exception cref="FormatException">The line is not one the contract defines.</exception>
    public static ControlLine Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            throw new FormatException($"not a control line: {line}");
        var fields = line[Prefix.Length..].Split(' ', 3);
        var kind = fields[0] switch
        {
            "exit" => ControlKind.Exit,
            "fault" => ControlKind.Fault,
            "config" => ControlKind.Config,
            "panic" => ControlKind.Panic,
            _ => throw new FormatException($"unknown control line kind: {line}"),
        };
        if (fields.Length < 2
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || status > 255)
            throw new FormatException($"control line without a status 0..255: {line}");
        if (kind == ControlKind.Exit && fields.Length > 2)
            throw new FormatException($"exit control line with trailing text: {line}");
        return new ControlLine(kind, status, fields.Length > 2 ? fields[2] : "");
    }
}
