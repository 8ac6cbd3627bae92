using System.Net.Sockets;
using System.Runtime.InteropServices;
using NUnit.Framework;
using Rumprun.Bake.Rootfs;
using Rumprun.Tests.Unit.Support;

namespace Rumprun.Tests.Unit.Bake;

public sealed class RootfsRefusalTests
{
    [Test]
    public void A_missing_directory_is_refused()
    {
        using var tree = new TempDirectory();
        var missing = tree.Combine("nowhere");

        Assert.That(() => RootfsTree.Scan(missing),
            Throws.InstanceOf<RootfsException>().With.Message.EqualTo($"--rootfs {missing}: no such directory"));
    }

    [Test]
    public void A_file_is_refused_as_not_a_directory()
    {
        using var tree = new TempDirectory();
        var file = tree.File("plain", "x");

        Assert.That(() => RootfsTree.Scan(file),
            Throws.InstanceOf<RootfsException>().With.Message.StartsWith($"--rootfs {file}: not a directory"));
    }

    [Test]
    public void A_fifo_is_refused_by_name()
    {
        using var tree = new TempDirectory();
        Directory.CreateDirectory(tree.Combine("run"));
        var fifo = tree.Combine("run", "pipe");
        Assert.That(mkfifo(fifo, 0x1B6), Is.Zero, "mkfifo");

        Assert.That(() => RootfsTree.Scan(tree.Path),
            Throws.InstanceOf<RootfsException>().With.Message.StartsWith($"--rootfs: {fifo} is a FIFO;"));
    }

    [Test]
    public void A_socket_is_refused_by_name()
    {
        using var tree = new TempDirectory();
        var path = tree.Combine("sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        Assert.That(() => RootfsTree.Scan(tree.Path),
            Throws.InstanceOf<RootfsException>().With.Message.StartsWith($"--rootfs: {path} is a socket;"));
    }

    [Test]
    public void A_device_node_is_refused_by_name()
    {
        Assume.That(Environment.IsPrivilegedProcess, "only root can make device nodes");
        using var tree = new TempDirectory();
        var path = tree.Combine("null");
        Assert.That(mknod(path, 0x2000 | 0x1B6, (1UL << 8) | 3), Is.Zero, "mknod");

        Assert.That(() => RootfsTree.Scan(tree.Path),
            Throws.InstanceOf<RootfsException>().With.Message.StartsWith($"--rootfs: {path} is a character device;"));
    }

    [Test]
    public void An_unreadable_file_is_refused()
    {
        Assume.That(!Environment.IsPrivilegedProcess, "root reads every file");
        using var tree = new TempDirectory();
        var path = tree.File("locked", "x");
        File.SetUnixFileMode(path, UnixFileMode.None);

        Assert.That(() => RootfsTree.Scan(tree.Path),
            Throws.InstanceOf<RootfsException>().With.Message.StartsWith($"cannot read {path}:"));
    }

    [Test]
    public void An_unreadable_directory_is_refused()
    {
        Assume.That(!Environment.IsPrivilegedProcess, "root reads every directory");
        using var tree = new TempDirectory();
        var path = tree.Combine("closed");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            Assert.That(() => RootfsTree.Scan(tree.Path),
                Throws.InstanceOf<RootfsException>().With.Message.StartsWith($"cannot read the directory {path}:"));
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong device);
}
