using Rumprun.Build.Commands;
using Rumprun.Build.Host;
using Rumprun.Core;
using Rumprun.Core.Processes;
using Rumprun.Core.Toolchain;

namespace Rumprun.Build.Install;

/// <summary>The values of the placeholders every toolchain template may use.</summary>
public static class TemplateValues
{
    public static IReadOnlyDictionary<string, string> For(BuildOptions options, HostCompiler compiler) => new Dictionary<string, string>
    {
        ["PREFIX"] = options.DestDir,
        ["SYSROOT"] = new InstallLayout(options.DestDir, options.Platform).Sysroot,
        ["TUPLE"] = TargetNames.Tuple,
        ["CC"] = compiler.Path,
        ["CC_INCLUDE"] = compiler.IncludeDir,
        ["OBJDIR"] = options.ObjDir,
        ["PLATFORM"] = options.Platform,
        ["TOOLS_DIR"] = options.ToolsDir,
        ["DOTNET"] = DotnetPath(),
        ["SOURCE_DIR"] = options.SourceDir,
    };

    /// <summary>The dotnet host running this tool, so installed launchers use the same runtime.</summary>
    public static string DotnetPath()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileName(self) == "dotnet")
        {
            return self;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var found = ExecutableSearch.Find("dotnet")
            ?? throw new RrException("cannot find the dotnet executable: put it on PATH so the installed rr-* launchers can use it");
        return new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? found;
    }
}
