using NUnit.Framework;
using Rumprun.Tests.Support;

// In the project's root namespace: NUnit applies a set-up fixture to the tests of its namespace and below.
namespace Rumprun.Tests.EndToEnd;

[SetUpFixture]
public sealed class Toolchain : ToolchainBuild
{
    protected override string Consequence => "no end-to-end test can run";
}
