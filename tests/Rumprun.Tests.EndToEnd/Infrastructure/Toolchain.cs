using NUnit.Framework;
using Rumprun.Tests.Support;

namespace Rumprun.Tests.EndToEnd.Infrastructure;

[SetUpFixture]
public sealed class Toolchain : ToolchainBuild
{
    protected override string Consequence => "no end-to-end test can run";
}
