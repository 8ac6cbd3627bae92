using NUnit.Framework;
using Rumprun.Bake.Symbols;
using Rumprun.Core;

namespace Rumprun.Tests.Unit.Bake;

public sealed class SymbolStabilityTests
{
    private static readonly FunctionSymbol[] First = [new("rr_start32", 0x101000, 8), new("main", 0x102000, 40)];

    [Test]
    public void Identical_links_pass()
    {
        Assert.DoesNotThrow(() => SymbolStability.Verify(First, [.. First]));
    }

    [Test]
    public void A_function_that_moved_is_named_with_both_addresses()
    {
        var error = Assert.Throws<RrException>(() =>
            SymbolStability.Verify(First, [new("rr_start32", 0x101000, 8), new("main", 0x102010, 40)]));

        Assert.That(error!.Message, Does.Contain("function main moved from 0x102000 to 0x102010"));
    }

    [Test]
    public void A_function_that_vanished_is_an_error()
    {
        var error = Assert.Throws<RrException>(() => SymbolStability.Verify(First, [new("rr_start32", 0x101000, 8)]));

        Assert.That(error!.Message, Does.Contain("function main vanished"));
    }
}
