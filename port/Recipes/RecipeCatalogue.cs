using Rumprun.Core;

namespace Rumprun.Port.Recipes;

/// <summary>Every recipe under ports/, and the order in which a port and what it depends on are built.</summary>
public sealed class RecipeCatalogue
{
    private readonly string _portsDirectory;
    private readonly Dictionary<string, PortRecipe> _cache = new(StringComparer.Ordinal);

    public RecipeCatalogue(string portsDirectory)
    {
        _portsDirectory = portsDirectory;
        if (!Directory.Exists(portsDirectory))
        {
            throw new RrException($"{portsDirectory} does not exist: run rr-port from a Rumprun.Net checkout or set RR_SOURCE_DIR");
        }
    }

    public IReadOnlyList<string> Names =>
        Directory.EnumerateDirectories(_portsDirectory)
            .Where(d => File.Exists(Path.Combine(d, RecipeReader.FileName)))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToList();

    public PortRecipe Get(string name)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var dir = Path.Combine(_portsDirectory, name);
        if (name.Contains('/') || !File.Exists(Path.Combine(dir, RecipeReader.FileName)))
        {
            var known = string.Join(", ", Names);
            throw new RrException($"no port named '{name}' (known: {(known.Length == 0 ? "none" : known)}; rr-port list shows them)");
        }

        var recipe = RecipeReader.Read(dir);
        _cache[name] = recipe;
        return recipe;
    }

    /// <summary>The port's dependencies, deepest first, then the port itself; a cycle is an error.</summary>
    public IReadOnlyList<PortRecipe> BuildOrder(string name)
    {
        var order = new List<PortRecipe>();
        Visit(name, [], order);
        return order;
    }

    private void Visit(string name, List<string> path, List<PortRecipe> order)
    {
        if (order.Any(r => r.Name == name))
        {
            return;
        }

        if (path.Contains(name))
        {
            throw new RrException($"ports depend on each other in a cycle: {string.Join(" -> ", path.Append(name))}");
        }

        var recipe = Get(name);
        path.Add(name);
        foreach (var dependency in recipe.DependsOrEmpty)
        {
            Visit(dependency, path, order);
        }

        path.RemoveAt(path.Count - 1);
        order.Add(recipe);
    }
}
