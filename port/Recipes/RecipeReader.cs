using System.Text.RegularExpressions;
using Rumprun.Core.Json;
using Rumprun.Port.Checking;

namespace Rumprun.Port.Recipes;

/// <summary>
/// Reads ports/NAME/port.json strictly and checks what JSON alone cannot: one kind of source, pinned
/// versions and well-formed checksums, files that exist, paths that stay inside their tree, and
/// checks that name images and earlier checks. Every problem is one line naming the file.
/// </summary>
public static partial class RecipeReader
{
    public const string FileName = "port.json";

    public static PortRecipe Read(string portDirectory)
    {
        var path = Path.Combine(portDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new JsonFileException(path, "does not exist: every folder of ports/ holds its recipe in port.json");
        }

        var recipe = StrictJson.Read<PortRecipe>(path) with { Directory = Path.GetFullPath(portDirectory) };
        Validate(recipe, path);
        return recipe;
    }

    public static PortRecipe Parse(string json, string portDirectory)
    {
        var path = Path.Combine(portDirectory, FileName);
        var recipe = StrictJson.Parse<PortRecipe>(json, path) with { Directory = Path.GetFullPath(portDirectory) };
        Validate(recipe, path);
        return recipe;
    }

    private static void Validate(PortRecipe recipe, string path)
    {
        void Fail(string message) => throw new JsonFileException(path, message);

        var folder = Path.GetFileName(recipe.Directory.TrimEnd('/'));
        if (recipe.Name != folder)
        {
            Fail($"name '{recipe.Name}' differs from its folder '{folder}': rr-port finds ports by folder name");
        }

        if (!PortName().IsMatch(recipe.Name))
        {
            Fail($"name '{recipe.Name}' must be lower-case letters, digits, '.', '+' or '-'");
        }

        ValidateSource(recipe.Source, Fail);
        if (recipe.Build.Count == 0)
        {
            Fail("'build' lists no commands: a port needs at least one build step");
        }

        foreach (var patch in recipe.PatchesOrEmpty)
        {
            RequireRelative(patch, "patch", Fail);
            if (!File.Exists(recipe.PatchPath(patch)))
            {
                Fail($"patch '{patch}' does not exist in {Path.Combine(recipe.Directory, "patches")}");
            }
        }

        foreach (var provided in recipe.ProvidesOrEmpty)
        {
            RequireRelative(provided, "provided file", Fail);
        }

        if (recipe.ProvidesOrEmpty.Count > 0 && recipe.InstallOrEmpty.Count == 0)
        {
            Fail("'provides' names installed files but 'install' has no commands to install them");
        }

        if (recipe.DependsOrEmpty.Contains(recipe.Name))
        {
            Fail("a port cannot depend on itself");
        }

        ValidateImages(recipe, Fail);
        ValidateChecks(recipe, Fail);
    }

    private static void ValidateSource(SourceSpec source, Action<string> fail)
    {
        switch (source.Debian, source.Url)
        {
            case (null, null):
                fail("'source' needs either 'debian' (a Debian source package) or 'url' (an upstream archive)");
                break;
            case (not null, not null):
                fail("'source' has both 'debian' and 'url': choose one");
                break;
            case (not null, null):
                if (string.IsNullOrWhiteSpace(source.DebianVersion))
                {
                    fail($"'source' needs 'debian_version' to pin {source.Debian} to one version (apt-cache policy {source.Debian} shows it)");
                }

                if (source.Sha256 is not null)
                {
                    fail("'sha256' is for 'url' sources; a Debian source is pinned by 'dsc_sha256'");
                }

                if (source.DscSha256 is not null && !Sha256Hex().IsMatch(source.DscSha256))
                {
                    fail("'dsc_sha256' must be 64 lower-case hexadecimal digits");
                }

                break;
            case (null, not null):
                if (source.Sha256 is null || !Sha256Hex().IsMatch(source.Sha256))
                {
                    fail("an upstream 'url' needs 'sha256': 64 lower-case hexadecimal digits (sha256sum prints them)");
                }

                if (source.DebianVersion is not null || source.DscSha256 is not null || source.SkipDebianPatches is not null)
                {
                    fail("'debian_version', 'dsc_sha256' and 'skip_debian_patches' belong to 'debian' sources");
                }

                if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "file"))
                {
                    fail($"'url' '{source.Url}' must be an absolute http, https or file URL");
                }

                break;
        }
    }

    private static void ValidateImages(PortRecipe recipe, Action<string> fail)
    {
        var seen = new HashSet<string>();
        foreach (var image in recipe.ImagesOrEmpty)
        {
            if (!ImageName().IsMatch(image.Name))
            {
                fail($"image name '{image.Name}' must be a plain file name such as \"{recipe.Name}.bin\"");
            }

            if (!seen.Add(image.Name))
            {
                fail($"image '{image.Name}' is listed twice");
            }

            RequireRelative(image.Program, $"program of image '{image.Name}'", fail);
            if (image.Rootfs is not null)
            {
                RequireRelative(image.Rootfs, $"rootfs of image '{image.Name}'", fail);
                if (!Directory.Exists(recipe.FilePath(image.Rootfs)))
                {
                    fail($"rootfs '{image.Rootfs}' of image '{image.Name}' is not a folder of {recipe.Directory}");
                }
            }
        }
    }

    private static void ValidateChecks(PortRecipe recipe, Action<string> fail)
    {
        var earlier = new HashSet<string>();
        foreach (var check in recipe.ChecksOrEmpty)
        {
            if (!ImageName().IsMatch(check.Name))
            {
                fail($"check name '{check.Name}' must be a plain word (letters, digits, '.', '_', '-')");
            }

            if (earlier.Contains(check.Name))
            {
                fail($"check '{check.Name}' is listed twice");
            }

            if (recipe.FindImage(check.Image) is null)
            {
                fail($"check '{check.Name}' runs image '{check.Image}', which 'images' does not list");
            }

            if (check.Stdin is not null && check.StdinFrom is not null)
            {
                fail($"check '{check.Name}' has both 'stdin' and 'stdin_from': choose one");
            }

            foreach (var (file, what) in new[] { (check.Stdin, "stdin"), (check.ExpectStdout, "expect_stdout") })
            {
                if (file is null)
                {
                    continue;
                }

                RequireRelative(file, $"{what} of check '{check.Name}'", fail);
                if (!File.Exists(recipe.FilePath(file)))
                {
                    fail($"{what} '{file}' of check '{check.Name}' does not exist in {recipe.Directory}");
                }
            }

            if (check.StdinFrom is not null && !earlier.Contains(check.StdinFrom))
            {
                fail($"check '{check.Name}' reads the output of '{check.StdinFrom}', which is not an earlier check");
            }

            if (check.Status is < 0 or > 255)
            {
                fail($"check '{check.Name}': status {check.Status} is not an exit status (0-255)");
            }

            if (check.TimeoutSeconds <= 0)
            {
                fail($"check '{check.Name}': timeout_seconds must be positive");
            }

            foreach (var mask in check.MasksOrEmpty)
            {
                if (OutputMask.Problem(mask) is { } problem)
                {
                    fail($"check '{check.Name}': mask '{mask}' {problem}");
                }
            }

            earlier.Add(check.Name);
        }
    }

    private static void RequireRelative(string path, string what, Action<string> fail)
    {
        if (path.Length == 0 || Path.IsPathRooted(path) || path.Split('/').Contains(".."))
        {
            fail($"{what} '{path}' must be a relative path that stays inside its tree");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.+-]*$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex ImageName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
