using Rumprun.Core;

namespace Rumprun.Build.Install;

/// <summary>A toolchain template uses a placeholder nothing defines (usually a typo).</summary>
public sealed class TemplateException(string source, int line, string placeholder)
    : RrException($"{source}:{line}: unknown placeholder @{placeholder}@: fix the template or add it to the entry's \"vars\"")
{
    public string Placeholder { get; } = placeholder;
}
