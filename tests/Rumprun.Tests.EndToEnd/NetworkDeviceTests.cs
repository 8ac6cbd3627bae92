using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd;

/// <summary>
/// The virtio-net driver and rr-run's -I/-W/--forward (contracts §9): what rr-run hands QEMU and the
/// guest, the interfaces the driver finds on every transport (with RUMPRUN_NET_DEBUG=1 it names them and
/// counts frames), frames reaching the driver from the host, and the one-line refusals.
/// </summary>
public sealed partial class NetworkDeviceTests
{
    private const string Config = "hw_virtio";
    private const string Debug = "RUMPRUN_NET_DEBUG=1";
    private const string Microvm = "microvm,x-option-roms=off,auto-kernel-cmdline=off,rtc=on";

    private static Task<string> ExitImageAsync() => Guests.ImageAsync("exit_status", Config);

    /// <summary>The driver's line for interface n on a transport (mmio or pci).</summary>
    private static Regex Found(int n, string transport, bool legacy) => new(
        $@"^rumprun: vioif{n}: virtio-net at {transport}[^,]*{(legacy ? @" \(legacy\)" : "")}, " +
        $@"MAC 52:54:00:72:72:0{n + 1}, MTU 1500, link up, checksum offload: none\r?$",
        RegexOptions.Multiline);

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }


    [Test]
    public async Task Dry_run_shows_the_devices_the_forwards_and_the_net_entries()
    {
        var port = FreePort(SocketType.Stream, ProtocolType.Tcp);

        var run = await Shell.RunAsync("rr-run", ["--dry-run", "qemu", "-i", "-I", "net0,vioif", "-I", "lan,vioif,tap:rrtest0",
            "-W", "lan,inet,static,192.168.7.2/24,192.168.7.1", "--forward", $"tcp:{port}:80", await ExitImageAsync()]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain(
            $" -netdev user,id=net0,hostfwd=tcp:127.0.0.1:{port}-:80 -device virtio-net-device,netdev=net0,mac=52:54:00:72:72:01" +
            " -netdev tap,id=lan,ifname=rrtest0,script=no,downscript=no -device virtio-net-device,netdev=lan,mac=52:54:00:72:72:02"));
        var json = JsonConfiguration().Match(run.StandardOutput).Groups[1].Value;
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("net").GetRawText(), Is.EqualTo(
            """[{"tag":"net0","mac":"52:54:00:72:72:01","method":"dhcp"},""" +
            """{"tag":"lan","mac":"52:54:00:72:72:02","method":"static","addr":"192.168.7.2","prefix":24,"gateway":"192.168.7.1"}]"""));
    }

    [TestCase(false, TestName = "Two interfaces on legacy virtio-mmio are found in -I order with their MACs and links")]
    [TestCase(true, TestName = "Two interfaces on modern virtio-mmio are found in -I order with their MACs and links")]
    public async Task Two_interfaces_are_found_in_order(bool modern)
    {
        var port = FreePort(SocketType.Stream, ProtocolType.Tcp);
        List<string> options = ["-e", Debug, "-I", "net0,vioif", "-I", "net1,vioif",
            "-W", "net1,inet,static,10.0.2.16/24,10.0.2.2", "--forward", $"tcp:{port}:80"];
        if (modern)
            options.AddRange(["-g", "-global virtio-mmio.force-legacy=false"]);

        var run = await Guest.RunAsync(await ExitImageAsync(), ["0"], options);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.StandardOutput, Does.Match(Found(0, "mmio@0x", legacy: !modern)), run.ToString());
        Assert.That(run.StandardOutput, Does.Match(Found(1, "mmio@0x", legacy: !modern)), run.ToString());
        Assert.That(run.StandardOutput.IndexOf("vioif0: virtio-net", StringComparison.Ordinal),
            Is.LessThan(run.StandardOutput.IndexOf("vioif1: virtio-net", StringComparison.Ordinal)), run.ToString());
        Assert.That(run.StandardOutput, Does.EndWith("exiting with 0\n"), run.ToString());
    }

    [TestCase("virtio-net-pci", false, TestName = "An interface on pc works through the modern PCI interface")]
    [TestCase("virtio-net-pci,disable-modern=on", true, TestName = "An interface on pc works through the legacy PCI interface")]
    public async Task An_interface_on_pc_works(string device, bool legacy)
    {
        var silentBios = Path.Combine(Guests.WorkDirectory, "net-sercon-port");
        await File.WriteAllBytesAsync(silentBios, [0, 0]);
        var control = Path.Combine(Guests.WorkDirectory, $"net-{Guid.NewGuid():N}.ctl");

        // The machine of contracts §7 on pc; the platform needs no option ROM (romfile= leaves it out).
        var run = await Shell.RunAsync("qemu-system-x86_64", [
            "-M", "pc", "-cpu", "max", "-m", "64", "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-kernel", await ExitImageAsync(), "-append", $$"""{"cmdline":"exit_status 0","env":["{{Debug}}"],"console":"raw"}""",
            "-chardev", "stdio,id=con,signal=off", "-serial", "chardev:con",
            "-chardev", $"file,id=ctl,path={control}", "-device", "isa-debugcon,chardev=ctl,iobase=0xe9",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=4", "-accel", "tcg",
            "-fw_cfg", "name=etc/sercon-port,file=" + silentBios,
            "-netdev", "user,id=net0", "-device", $"{device},netdev=net0,mac=52:54:00:72:72:01,romfile=",
        ], standardInput: []);

        var lines = File.Exists(control) ? await File.ReadAllLinesAsync(control) : [];
        Assert.That(lines.Where(l => l != "rr:ready"), Is.EqualTo(new[] { "rr:exit 0" }), run.ToString());
        Assert.That(run.StandardOutput, Does.Match(Found(0, "pci ", legacy)), run.ToString());
    }

    /// <summary>
    /// Frames from the host reach the driver: QEMU's socket backend carries raw Ethernet frames over UDP,
    /// so the test is the other end of the wire. No stack is attached in this image's program, so the
    /// driver counts the frames (RUMPRUN_NET_DEBUG) and drops them; the guest copies stdin until the test
    /// has seen the count and closes it.
    /// </summary>
    [Test]
    public async Task Frames_sent_by_the_host_reach_the_driver_and_its_ring_is_refilled()
    {
        // 128 counted frames are twice what the receive ring holds: its buffers must come back. More are
        // sent, until the count shows, because QEMU drops what arrives while the ring is full.
        const int Frames = 4000;
        var image = await Guests.ImageAsync("cat_stdin", Config);
        using var wire = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var ours = ((IPEndPoint)wire.Client.LocalEndPoint!).Port;
        var qemus = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var output = new StringBuilder();
        var booted = new TaskCompletionSource();
        var counted = new TaskCompletionSource();
        void Watch(string line)
        {
            lock (output)
                output.AppendLine(line);
            if (line.Contains("vioif0: virtio-net at", StringComparison.Ordinal))
                booted.TrySetResult();
            if (line.Contains($"vioif0: received 128 frame(s)", StringComparison.Ordinal))
                counted.TrySetResult();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdin = PipeSource.Create(async (_, cancel) => await counted.Task.WaitAsync(cancel));
        var guest = Cli.Wrap(Path.Combine(RepoPaths.Bin, "rr-run"))
            .WithArguments(["qemu", "-i", "-e", Debug, "-g",
                $"-netdev socket,id=wire,udp=127.0.0.1:{ours},localaddr=127.0.0.1:{qemus} " +
                "-device virtio-net-device,netdev=wire,mac=52:54:00:72:72:01", image])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["PATH"] = Shell.PathWithToolchain })
            .WithStandardInputPipe(stdin)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Watch))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Watch))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(timeout.Token);

        await Task.WhenAny(booted.Task, guest.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.That(booted.Task.IsCompleted, Is.True, "the driver did not report the interface:\n" + output);
        var frame = new byte[1514];
        new byte[] { 0x52, 0x54, 0x00, 0x72, 0x72, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x88, 0xb5 }.CopyTo(frame, 0);
        // Bursts of 16 with pauses, which the guest empties its ring between.
        for (var sent = 0; sent < Frames && !counted.Task.IsCompleted; sent++)
        {
            await wire.SendAsync(frame, new IPEndPoint(IPAddress.Loopback, qemus));
            if (sent % 16 == 15)
                await Task.Delay(20);
        }
        await Task.WhenAny(counted.Task, guest.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        counted.TrySetResult();     // ends the guest's input whatever happened
        var result = await guest;

        Assert.That(result.ExitCode, Is.Zero, output.ToString());
        Assert.That(output.ToString(), Does.Contain("vioif0: received 128 frame(s)"), output.ToString());
    }

    /// <summary>
    /// Frames both ways through the driver with the network stack on top: the guest's DHCP exchange at
    /// boot, as QEMU's filter-dump records it between the device and user networking.
    /// </summary>
    [Test]
    public async Task The_guests_dhcp_exchange_goes_through_the_driver_both_ways()
    {
        var program = await Guests.CompileAsync("exit_status");
        var image = Path.Combine(Guests.WorkDirectory, "exit_status.net-dhcp+lwip.bin");
        var bake = await Shell.RunAsync("rr-bake", ["-m", "add lwip", Config, image, program]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());
        var dump = Path.Combine(Guests.WorkDirectory, $"net-dhcp-{Guid.NewGuid():N}.pcap");

        var run = await Guest.RunAsync(image, ["0"],
            ["-I", "net0,vioif", "-g", $"-object filter-dump,id=dump,netdev=net0,file={dump}"]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var messages = DhcpMessages(await File.ReadAllBytesAsync(dump)).ToList();
        Assert.That(messages, Is.SupersetOf(new[]
        {
            (1, "52:54:00:72:72:01", "0.0.0.0"),        // DISCOVER, from the guest
            (2, "52:55:0a:00:02:02", "10.0.2.15"),      // OFFER, from QEMU
            (3, "52:54:00:72:72:01", "0.0.0.0"),        // REQUEST
            (5, "52:55:0a:00:02:02", "10.0.2.15"),      // ACK
        }), string.Join("\n", messages));
    }

    /// <summary>(message type, source MAC, offered address) of each DHCP frame in a pcap file.</summary>
    private static IEnumerable<(int Type, string Source, string Offered)> DhcpMessages(byte[] pcap)
    {
        const int EthernetHeader = 14, IpHeader = 20, UdpHeader = 8, BootpFixed = 236, Cookie = 4;
        for (var at = 24; at + 16 <= pcap.Length;)
        {
            var length = BitConverter.ToInt32(pcap, at + 8);
            var frame = pcap[(at + 16)..(at + 16 + length)];
            at += 16 + length;
            var udp = EthernetHeader + IpHeader;
            if (frame.Length < udp + UdpHeader + BootpFixed + Cookie || frame[12] != 0x08 || frame[13] != 0x00 || frame[23] != 17)
                continue;
            var ports = (frame[udp] << 8 | frame[udp + 1], frame[udp + 2] << 8 | frame[udp + 3]);
            if (ports is not ((68, 67) or (67, 68)))
                continue;
            var bootp = udp + UdpHeader;
            var type = 0;
            for (var option = bootp + BootpFixed + Cookie; option + 1 < frame.Length && frame[option] != 255;)
            {
                if (frame[option] == 0)
                {
                    option++;
                    continue;
                }
                if (frame[option] == 53 && option + 2 < frame.Length)
                    type = frame[option + 2];
                option += 2 + frame[option + 1];
            }
            yield return (type, string.Join(':', frame[6..12].Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
                string.Join('.', frame[(bootp + 16)..(bootp + 20)]));
        }
    }

    [Test]
    public async Task An_image_without_a_network_driver_is_refused_before_qemu_starts()
    {
        var image = await Guests.ImageAsync("exit_status");

        var run = await Shell.RunAsync("rr-run", ["qemu", "-i", "-I", "net0,vioif", image, "--", "0"]);

        Refusal.AssertOneLine(run, 125, $"{image} has no network support: bake it with hw_virtio");
    }

    [TestCase("-W net9,inet,dhcp", "-W net9,inet,dhcp: no -I has the tag net9 (tags: net0)")]
    [TestCase("-W net0,inet,static,10.0.2.15/40", "-W net0,inet,static,10.0.2.15/40: '/40' is not a prefix length: give a number from 0 to 32")]
    [TestCase("--forward tcp:8080:80 --forward tcp:8080:81", "--forward tcp:8080:81: host port tcp:8080 is forwarded twice: give each host port once")]
    [TestCase("--forward tcp:8080:70000", "--forward tcp:8080:70000: guest port '70000' is out of range: give a number from 1 to 65535")]
    public async Task Bad_network_options_are_one_line_and_status_2(string options, string message)
    {
        List<string> args = ["qemu", "-i", "-I", "net0,vioif", .. options.Split(' '), await ExitImageAsync()];

        var run = await Shell.RunAsync("rr-run", args);

        Refusal.AssertOneLine(run, 2, message);
    }

    /// <summary>
    /// On a tap the device offers receive checksum offload, yet vouches only for some frames: the host's own
    /// UDP (checksum left to the device, completed by the driver) is accepted, and so is a raw datagram with a
    /// right checksum, but one with a wrong checksum, which the device did not check, must be dropped.
    /// </summary>
    [Test]
    public async Task On_a_tap_a_datagram_with_a_wrong_checksum_is_dropped_and_good_ones_arrive()
    {
        if (Environment.UserName != "root" || !File.Exists("/dev/net/tun"))
            Assert.Ignore("needs root and /dev/net/tun to make a tap device");
        var program = await Guests.CompileAsync("net_udp_show");
        var image = Path.Combine(Guests.WorkDirectory, "net_udp_show.hw_virtio+lwip.bin");
        var bake = await Shell.RunAsync("rr-bake", ["-m", "add lwip", Config, image, program]);
        Assert.That(bake.ExitCode, Is.Zero, bake.ToString());

        var net = Random.Shared.Next(1, 250);
        var tap = $"rrck{Environment.ProcessId % 100000}";
        var host = IPAddress.Parse($"10.231.{net}.1");
        var guestAddress = IPAddress.Parse($"10.231.{net}.2");
        await Shell.RunAsync("ip", ["tuntap", "del", "dev", tap, "mode", "tap"]);
        foreach (var command in new[] { $"tuntap add dev {tap} mode tap", $"addr add {host}/24 dev {tap}", $"link set {tap} up" })
        {
            var ip = await Shell.RunAsync("ip", command.Split(' '));
            Assert.That(ip.ExitCode, Is.Zero, ip.ToString());
        }

        try
        {
            var guest = Guest.RunAsync(image, ["9000"],
                ["-e", Debug, "-I", $"net0,vioif,tap:{tap}", "-W", $"net0,inet,static,{guestAddress}/24"], timeout: TimeSpan.FromMinutes(3));
            using var udp = new UdpClient(new IPEndPoint(host, 0));
            var target = new IPEndPoint(guestAddress, 9000);

            async Task<bool> EchoedAsync(string text, Func<Task> send)
            {
                for (var attempt = 0; attempt < 60 && !guest.IsCompleted; attempt++)
                {
                    await send();
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    try
                    {
                        var echo = await udp.ReceiveAsync(wait.Token);
                        if (Encoding.ASCII.GetString(echo.Buffer) == text)
                            return true;
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                return false;
            }

            // the guest is up once it echoes; then a wrong checksum, then a right one, both raw
            Assert.That(await EchoedAsync("ping", () => udp.SendAsync("ping"u8.ToArray(), target).AsTask()), Is.True, "no echo of ping");
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
            var localPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            raw.SendTo(UdpDatagram(host, guestAddress, localPort, 9000, "BAD"u8.ToArray(), corrupt: true), new IPEndPoint(guestAddress, 0));
            Assert.That(await EchoedAsync("GOODRAW", () =>
            {
                raw.SendTo(UdpDatagram(host, guestAddress, localPort, 9000, "GOODRAW"u8.ToArray(), corrupt: false), new IPEndPoint(guestAddress, 0));
                return Task.CompletedTask;
            }), Is.True, "no echo of the raw datagram with a right checksum");
            Assert.That(await EchoedAsync("quit", () => udp.SendAsync("quit"u8.ToArray(), target).AsTask()), Is.True, "no echo of quit");
            var run = await guest;

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.StandardOutput, Does.Match("checksum offload: (receive|transmit and receive)"), run.ToString());
            Assert.That(run.StandardOutput, Does.Contain("got GOODRAW\n"), run.ToString());
            Assert.That(run.StandardOutput, Does.Not.Contain("BAD"), run.ToString());
        }
        finally
        {
            await Shell.RunAsync("ip", ["tuntap", "del", "dev", tap, "mode", "tap"]);
        }
    }

    /// <summary>A UDP header and payload for a raw socket, its checksum right or deliberately wrong.</summary>
    private static byte[] UdpDatagram(IPAddress source, IPAddress destination, int sourcePort, int destinationPort, byte[] payload, bool corrupt)
    {
        var length = 8 + payload.Length;
        var datagram = new byte[length];
        datagram[0] = (byte)(sourcePort >> 8);
        datagram[1] = (byte)sourcePort;
        datagram[2] = (byte)(destinationPort >> 8);
        datagram[3] = (byte)destinationPort;
        datagram[4] = (byte)(length >> 8);
        datagram[5] = (byte)length;
        payload.CopyTo(datagram, 8);
        var pseudo = new List<byte>();
        pseudo.AddRange(source.GetAddressBytes());
        pseudo.AddRange(destination.GetAddressBytes());
        pseudo.AddRange([0, 17, (byte)(length >> 8), (byte)length]);
        pseudo.AddRange(datagram);
        if (pseudo.Count % 2 == 1)
            pseudo.Add(0);
        uint sum = 0;
        for (var i = 0; i < pseudo.Count; i += 2)
            sum += (uint)(pseudo[i] << 8 | pseudo[i + 1]);
        while (sum >> 16 != 0)
            sum = (sum & 0xffff) + (sum >> 16);
        var checksum = (ushort)~sum;
        if (checksum == 0)
            checksum = 0xffff;
        if (corrupt)
            checksum ^= 0x5a5a;
        datagram[6] = (byte)(checksum >> 8);
        datagram[7] = (byte)checksum;
        return datagram;
    }

    [GeneratedRegex("-append '([^']*)'")]
    private static partial Regex JsonConfiguration();
}
