using System.Text;
using CliWrap;

namespace Rumprun.Core.Run;

/// <summary>
/// QEMU's stderr, kept for the failure message and watched for KVM's internal error: after that
/// error QEMU stops the virtual CPU but keeps running, so rr-run has to end it.
/// </summary>
public sealed class QemuErrorOutput
{
    private const int Limit = 16 * 1024;
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();
    private readonly Action _onKvmInternalError;

    public QemuErrorOutput(Action onKvmInternalError)
    {
        _onKvmInternalError = onKvmInternalError;
        Target = PipeTarget.Create(ReadAsync);
    }

    public PipeTarget Target { get; }

    public string Text
    {
        get
        {
            lock (_lock)
                return _text.ToString();
        }
    }

    private async Task ReadAsync(Stream source, CancellationToken cancel)
    {
        using var reader = new StreamReader(source, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            lock (_lock)
            {
                _text.Append(line).Append('\n');
                // Only the end matters for the message; a guest flooding warnings must not grow this forever.
                if (_text.Length > Limit)
                    _text.Remove(0, _text.Length - Limit);
            }
            if (line.Contains(GuestOutcome.KvmInternalError, StringComparison.Ordinal))
                _onKvmInternalError();
        }
    }
}
