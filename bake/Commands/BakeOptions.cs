using Rumprun.Core.Catalogue;
using Rumprun.Core.Cli;
using Rumprun.Core.Toolchain;

namespace Rumprun.Bake.Commands;

/// <summary>One bake: which configuration (with one-off edits), which unbaked program, which image to write, and the tree that becomes the guest's root (null: none).</summary>
public sealed record BakeOptions(
    InstallLayout Layout,
    string Configuration,
    IReadOnlyList<string> ConfigurationFiles,
    IReadOnlyList<ConfigurationEdit> Edits,
    string Output,
    string Input,
    Verbosity Verbosity,
    string? Rootfs = null);
