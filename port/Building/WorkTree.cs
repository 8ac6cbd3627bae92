namespace Rumprun.Port.Building;

/// <summary>
/// Where one port's work lives under OBJDIR/ports/NAME: the downloads, the pristine patched source,
/// one build tree per flavour, the images, the logs, the stamps that make builds incremental.
/// </summary>
public sealed record WorkTree(string ObjDir, string Name)
{
    public string PortsRoot => Path.Combine(ObjDir, "ports");

    public string Root => Path.Combine(PortsRoot, Name);

    public string FetchDir => Path.Combine(Root, "fetch");

    public string SourceDir => Path.Combine(Root, "source");

    public string ImagesDir => Path.Combine(Root, "images");

    public string LogDir => Path.Combine(Root, "logs");

    public string StampDir => Path.Combine(Root, "stamps");

    public string CheckDir => Path.Combine(Root, "check");

    public string LockFile => Path.Combine(Root, ".lock");

    /// <summary>Native builds of every port install here, as target builds install into the sysroot.</summary>
    public string NativePrefix => Path.Combine(PortsRoot, ".native-prefix");

    public string BuildDir(string flavour) => Path.Combine(Root, flavour);

    public string Image(string name) => Path.Combine(ImagesDir, name);

    public string Log(string step) => Path.Combine(LogDir, step + ".log");

    public string Stamp(string what) => Path.Combine(StampDir, what);
}
