using System.Runtime.InteropServices;

namespace Rumprun.Core.Run;

/// <summary>
/// A stream over an inherited file descriptor with plain read(2)/write(2). FileStream is not used
/// because on a regular file it writes with pwrite at its own offset and never moves the shared
/// one: in "{ rr-run …; echo done; } > log" the next writer would overwrite the guest's output.
/// System.Console's stdin is not used because on a terminal it edits lines itself.
/// </summary>
internal sealed class DescriptorStream(int fd, FileAccess access) : Stream
{
    private const int EINTR = 4;
    private const int EAGAIN = 11;

    public static DescriptorStream StandardInput() => new(0, FileAccess.Read);

    public static DescriptorStream StandardOutput() => new(1, FileAccess.Write);

    public override bool CanRead => access == FileAccess.Read;

    public override bool CanWrite => access == FileAccess.Write;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        while (true)
        {
            var result = read(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (result >= 0)
                return (int)result;
            Retry(Marshal.GetLastPInvokeError(), "read");
        }
    }

    /// <summary>read(2) blocks, so it runs on a pool thread; the caller decides how long to wait.</summary>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.Run(() => Read(buffer, offset, count), cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Task.Run(() => Read(buffer.Span), cancellationToken));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var result = write(fd, in MemoryMarshal.GetReference(buffer), buffer.Length);
            if (result >= 0)
                buffer = buffer[(int)result..];
            else
                Retry(Marshal.GetLastPInvokeError(), "write");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Interrupted calls are retried; a descriptor someone left non-blocking is polled.</summary>
    private static void Retry(int errno, string call)
    {
        if (errno == EAGAIN)
            Thread.Sleep(10);
        else if (errno != EINTR)
            throw new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, in byte buffer, nint count);
}
