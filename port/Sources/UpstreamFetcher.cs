using Rumprun.Core;
using Rumprun.Port.Building;
using Rumprun.Port.Recipes;
using Serilog;

namespace Rumprun.Port.Sources;

/// <summary>Downloads an upstream archive (http, https or file URL) once and checks it against the recipe's SHA-256.</summary>
public static class UpstreamFetcher
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(10) };

    public static async Task<string> FetchAsync(PortRecipe recipe, WorkTree work, CancellationToken cancel)
    {
        var uri = new Uri(recipe.Source.Url!);
        var expected = recipe.Source.Sha256!;
        var name = Path.GetFileName(uri.LocalPath);
        var archive = Path.Combine(work.FetchDir, name.Length == 0 ? "source.archive" : name);
        if (File.Exists(archive) && Checksums.Sha256File(archive) == expected)
        {
            return archive;
        }

        Directory.CreateDirectory(work.FetchDir);
        Log.Information(">> {Port}: fetch {Url}", recipe.Name, uri);
        var partial = archive + ".part";
        try
        {
            if (uri.IsFile)
            {
                File.Copy(uri.LocalPath, partial, overwrite: true);
            }
            else
            {
                using var response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancel);
                response.EnsureSuccessStatusCode();
                await using var output = File.Create(partial);
                await response.Content.CopyToAsync(output, cancel);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            File.Delete(partial);
            throw new RrException($"{recipe.Name}: cannot download {uri}: {e.Message}", e);
        }

        var actual = Checksums.Sha256File(partial);
        if (actual != expected)
        {
            File.Delete(partial);
            throw new RrException($"{recipe.Name}: {uri} has SHA-256 {actual}, but the recipe expects {expected}: the archive changed or the recipe is wrong");
        }

        File.Move(partial, archive, overwrite: true);
        return archive;
    }
}
