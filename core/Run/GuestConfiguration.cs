using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Rumprun.Core.Run;

/// <summary>
/// The JSON object the platform reads from the kernel command line (contracts §5).
/// </summary>
/// <param name="Argv">The program's argv, argv[0] first.</param>
/// <param name="Environment">"VAR=VALUE" strings.</param>
/// <param name="Console">Whether the guest runs a line discipline.</param>
/// <param name="Seed">Entropy for the guest's random generator; fresh for every boot.</param>
/// <param name="Hostname">uname's nodename; absent means the platform's default.</param>
/// <param name="Mounts">Block file systems to mount at boot, in -b order; the key is left out when there are none.</param>
/// <param name="Networks">Network interfaces to configure at boot, in -I order; the key is left out when there are none.</param>
public sealed record GuestConfiguration(
    ImmutableArray<string> Argv,
    ImmutableArray<string> Environment,
    ConsoleMode Console,
    ImmutableArray<byte> Seed,
    string? Hostname = null,
    ImmutableArray<GuestMount> Mounts = default,
    ImmutableArray<GuestNetwork> Networks = default)
{
    public ImmutableArray<GuestMount> Mounts { get; init; } = Mounts.IsDefault ? [] : Mounts;

    public ImmutableArray<GuestNetwork> Networks { get; init; } = Networks.IsDefault ? [] : Networks;

    public const int SeedBytes = 32;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Non-ASCII text goes through as UTF-8 so the guest's parser seldom meets \u escapes;
        // JSON's own specials and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static GuestConfiguration For(RunRequest request, ConsoleMode console) =>
        new(request.Argv, request.Environment, console, [.. RandomNumberGenerator.GetBytes(SeedBytes)],
            Mounts: [.. request.Drives.Select(drive => drive.Mount)],
            Networks: [.. request.Networks.Select(network => network.GuestEntry)]);

    public GuestConfiguration WithConsole(ConsoleMode console) => this with { Console = console };

    public GuestConfiguration WithSeed(IEnumerable<byte> seed) => this with { Seed = [.. seed] };

    public GuestConfiguration WithHostname(string? hostname) => this with { Hostname = hostname };

    public GuestConfiguration WithMounts(params IEnumerable<GuestMount> mounts) => this with { Mounts = [.. mounts] };

    public GuestConfiguration WithNetworks(params IEnumerable<GuestNetwork> networks) => this with { Networks = [.. networks] };

    /// <summary>The one-line JSON text for QEMU's -append.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("cmdline", ShellWords.Join(Argv));
            json.WriteStartArray("env");
            foreach (var assignment in Environment)
                json.WriteStringValue(assignment);
            json.WriteEndArray();
            if (Hostname is not null)
                json.WriteString("hostname", Hostname);
            json.WriteString("console", Console == ConsoleMode.Tty ? "tty" : "raw");
            json.WriteString("seed", Convert.ToHexStringLower(Seed.AsSpan()));
            if (!Mounts.IsEmpty)
                WriteMounts(json);
            if (!Networks.IsEmpty)
            {
                json.WriteStartArray("net");
                foreach (var network in Networks)
                    network.WriteTo(json);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteMounts(Utf8JsonWriter json)
    {
        json.WriteStartArray("mounts");
        foreach (var mount in Mounts)
        {
            json.WriteStartObject();
            json.WriteString("device", mount.Device);
            json.WriteString("path", mount.Path);
            json.WriteBoolean("readonly", mount.ReadOnly);
            json.WriteString("fstype", mount.FileSystemType);
            json.WriteBoolean("required", mount.Required);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
