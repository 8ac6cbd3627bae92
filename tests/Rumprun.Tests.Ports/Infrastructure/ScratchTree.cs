using System.Security.Cryptography;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>A throw-away source tree with its own ports/ and object folder, for recipes that must fail.</summary>
public sealed class ScratchTree : IDisposable
{
    public ScratchTree()
    {
        Path = Directory.CreateTempSubdirectory("rr-ports-test.").FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "ports"));
    }

    public string Path { get; }

    public string ObjDir => System.IO.Path.Combine(Path, "obj");

    public void Recipe(string name, string json)
    {
        var dir = System.IO.Path.Combine(Path, "ports", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, "port.json"), json);
    }

    /// <summary>A tar.gz of one top folder holding the given files.</summary>
    public async Task<string> ArchiveAsync(string top, params (string Name, string Content)[] files)
    {
        var staging = System.IO.Path.Combine(Path, "staging", top);
        Directory.CreateDirectory(staging);
        foreach (var (name, content) in files)
            await File.WriteAllTextAsync(System.IO.Path.Combine(staging, name), content);
        var archive = System.IO.Path.Combine(Path, top + ".tar.gz");
        var tar = await PortShell.RunAsync("tar", ["-czf", archive, "-C", System.IO.Path.Combine(Path, "staging"), top]);
        if (tar.ExitCode != 0)
            throw new InvalidOperationException("tar failed: " + tar);
        return archive;
    }

    public static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
