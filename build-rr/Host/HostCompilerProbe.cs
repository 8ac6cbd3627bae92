using Rumprun.Core;
using Rumprun.Core.Processes;

namespace Rumprun.Build.Host;

/// <summary>Asks the host compiler where its own files are: its headers, crtbeginT.o, crtend.o and libgcc.a.</summary>
public static class HostCompilerProbe
{
    public static async Task<HostCompiler> ProbeAsync(string compiler, CancellationToken cancel)
    {
        var package = PrerequisiteCheck.CompilerPackage(compiler);
        var path = ExecutableSearch.Find(compiler)
            ?? throw new MissingPrerequisitesException([package]);
        var include = await ProcessRunner.ReadLineAsync(new ProcessSpec(path, ["-print-file-name=include"]), cancel);
        if (!Directory.Exists(include))
        {
            throw new RrException($"{path} does not know its own include directory ('{include}'): reinstall {package} or set CC to another compiler");
        }

        return new HostCompiler(path, include, package);
    }

    /// <summary>The absolute path of one of the compiler's runtime files, as the compiler resolves it.</summary>
    public static async Task<string> RuntimeFileAsync(HostCompiler compiler, string name, CancellationToken cancel)
    {
        var path = await ProcessRunner.ReadLineAsync(new ProcessSpec(compiler.Path, [$"-print-file-name={name}"]), cancel);
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new RrException($"{compiler.Name} cannot find its {name}: install gcc's runtime files (apt-get install gcc) or set CC to gcc");
    }

    /// <summary>
    /// libgcc.a as the compiler reports it; clang may name compiler-rt instead, which need not exist,
    /// so fall back to the libgcc.a the compiler finds among gcc's files.
    /// </summary>
    public static async Task<string> LibgccAsync(HostCompiler compiler, CancellationToken cancel)
    {
        var path = await ProcessRunner.ReadLineAsync(new ProcessSpec(compiler.Path, ["-print-libgcc-file-name"]), cancel);
        return File.Exists(path) && Path.GetFileName(path) == "libgcc.a"
            ? Path.GetFullPath(path)
            : await RuntimeFileAsync(compiler, "libgcc.a", cancel);
    }
}
