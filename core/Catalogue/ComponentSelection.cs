namespace Rumprun.Core.Catalogue;

/// <summary>
/// Expands a configuration's components with everything they depend on (manifests' "depends"),
/// in an order where each component comes after its dependencies.
/// </summary>
public static class ComponentSelection
{
    /// <param name="components">The configuration's components, in its order.</param>
    /// <param name="manifestOf">The manifest of a component, or null when it has none (then it depends on nothing).</param>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> components, Func<string, ComponentManifest?> manifestOf)
    {
        var ordered = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var component in components)
        {
            Visit(component, [], ordered, state, manifestOf);
        }

        return ordered;
    }

    private static void Visit(
        string component, List<string> path, List<string> ordered, Dictionary<string, bool> state, Func<string, ComponentManifest?> manifestOf)
    {
        if (state.TryGetValue(component, out var done))
        {
            if (!done)
            {
                throw new RrException($"components depend on each other in a cycle: {string.Join(" -> ", path.Append(component))}: fix their component.json");
            }

            return;
        }

        state[component] = false;
        path.Add(component);
        foreach (var dependency in manifestOf(component)?.DependsOrEmpty ?? [])
        {
            Visit(dependency, path, ordered, state, manifestOf);
        }

        path.RemoveAt(path.Count - 1);
        state[component] = true;
        ordered.Add(component);
    }
}
