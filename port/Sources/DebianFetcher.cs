using Rumprun.Core.Debian;
using Rumprun.Core;
using Rumprun.Port.Building;
using Rumprun.Port.Recipes;

namespace Rumprun.Port.Sources;

/// <summary>
/// Downloads a pinned Debian source package with apt-get source (apt checks each file against the
/// signed Sources index) and checks the .dsc against the recipe's digest and its files against the .dsc.
/// </summary>
public sealed class DebianFetcher(string etcApt = AptSourceList.DefaultEtcApt)
{
    /// <summary>The .dsc of the package in <paramref name="work"/>'s fetch folder, downloading it unless it is there and verifies.</summary>
    public async Task<string> FetchAsync(PortRecipe recipe, WorkTree work, CancellationToken cancel)
    {
        var source = recipe.Source;
        var package = source.Debian!;
        var version = source.DebianVersion!;
        var dsc = Path.Combine(work.FetchDir, DscName(package, version));
        if (File.Exists(dsc) && TryVerify(dsc, source.DscSha256))
        {
            return dsc;
        }

        if (!DebSrcEntries.Enabled(AptSourceList.Read(etcApt)))
        {
            throw new RrException($"Debian source packages are not enabled (no deb-src entry in {etcApt}): {DebSrcEntries.Advice}");
        }

        if (Directory.Exists(work.FetchDir))
        {
            Directory.Delete(work.FetchDir, recursive: true);
        }

        Directory.CreateDirectory(work.FetchDir);
        var log = work.Log("fetch");
        StepRunner.FreshLog(log);
        try
        {
            await StepRunner.RunAsync(
                new StepRequest($"{recipe.Name}: fetch {package}={version} (apt-get source)", "apt-get",
                    ["source", "--download-only", "-q", $"{package}={version}"], work.FetchDir, log),
                cancel);
        }
        catch (StepFailedException failed)
        {
            var text = File.ReadAllText(log);
            if (text.Contains("Can not find version", StringComparison.Ordinal) || text.Contains("Unable to find a source package", StringComparison.Ordinal))
            {
                throw new RrException(
                    $"{recipe.Name}: apt has no source package {package}={version}: run apt-get update, then 'apt-cache showsrc {package}' for the versions Debian offers and pin one in {recipe.Directory}/port.json",
                    failed);
            }

            if (text.Contains("deb-src", StringComparison.Ordinal))
            {
                throw new RrException($"{recipe.Name}: apt cannot fetch source packages: {DebSrcEntries.Advice}", failed);
            }

            throw;
        }

        if (!File.Exists(dsc))
        {
            throw new RrException($"{recipe.Name}: apt-get source did not write {Path.GetFileName(dsc)} (see {log})");
        }

        Verify(dsc, source.DscSha256);
        return dsc;
    }

    /// <summary>Debian names files without the epoch: zlib 1:1.2.13.dfsg-1 is zlib_1.2.13.dfsg-1.dsc.</summary>
    public static string DscName(string package, string version)
    {
        var colon = version.IndexOf(':');
        return $"{package}_{(colon >= 0 ? version[(colon + 1)..] : version)}.dsc";
    }

    public static void Verify(string dsc, string? expectedDigest)
    {
        if (expectedDigest is not null)
        {
            var actual = Checksums.Sha256File(dsc);
            if (actual != expectedDigest)
            {
                throw new RrException($"{dsc} has SHA-256 {actual}, but the recipe pins {expectedDigest}: the package changed; check it and update 'dsc_sha256'");
            }
        }

        DscFile.Read(dsc).Verify();
    }

    private static bool TryVerify(string dsc, string? expectedDigest)
    {
        try
        {
            Verify(dsc, expectedDigest);
            return true;
        }
        catch (RrException)
        {
            return false;
        }
    }
}
