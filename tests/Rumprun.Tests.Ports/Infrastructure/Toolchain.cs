using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.Ports.Infrastructure;

/// <summary>The build also installs rr-port, which every port test runs.</summary>
[SetUpFixture]
public sealed class Toolchain : ToolchainBuild
{
    protected override string Consequence => "no port can be built";
}
