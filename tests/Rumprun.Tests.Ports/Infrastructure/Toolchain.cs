using NUnit.Framework;
using Rumprun.Tests.Support;

// In the project's root namespace: NUnit applies a set-up fixture to the tests of its namespace and below.
namespace Rumprun.Tests.Ports;

/// <summary>The build also installs rr-port, which every port test runs.</summary>
[SetUpFixture]
public sealed class Toolchain : ToolchainBuild
{
    protected override string Consequence => "no port can be built";
}
