using System.Diagnostics;
using Rumprun.Bake.Checks;
using Rumprun.Bake.Commands;
using Rumprun.Bake.Input;
using Rumprun.Bake.Rootfs;
using Rumprun.Bake.Selection;
using Rumprun.Bake.Symbols;
using Rumprun.Core.Files;
using Serilog;

namespace Rumprun.Bake.Engine;

/// <summary>
/// Bakes one image (contracts §4): link, write the function table, link again with it, add the
/// components' QEMU arguments, check that nothing moved and that the image is bootable, then rename it into place. Any failure leaves no output.
/// A --rootfs tree is read first (so that its refusals come before any work) and linked the second time, after the symbol table.
/// </summary>
public sealed class BakeEngine(BakeOptions options)
{
    public async Task<int> RunAsync(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var catalogue = CatalogueOptions.Load(options.Layout, options.ConfigurationFiles);
        catalogue.RefuseUnsupported(options.Configuration);
        var program = UnbakedProgram.ReadProgramObject(options.Input);
        var configuration = options.Edits.Aggregate(
            catalogue.Get(options.Configuration, CatalogueOptions.ListCommand),
            (current, edit) => edit.ApplyTo(current));
        var installed = new InstalledComponents(options.Layout);
        var components = installed.Objects(configuration);
        var qemuArguments = QemuSection.Arguments(installed, configuration);
        var platform = options.Layout with { Platform = configuration.Platform };
        OutputTarget.Verify(options.Output);
        var rootfs = options.Rootfs is null ? null : RootfsImage.Scan(options.Rootfs);

        var work = Directory.CreateTempSubdirectory("rr-bake.");
        try
        {
            var programObject = Path.Combine(work.FullName, "program.o");
            await File.WriteAllBytesAsync(programObject, program, cancel);

            var first = Path.Combine(work.FullName, "first.elf");
            await ImageLinker.LinkAsync(ImageLinker.Arguments(platform, components, programObject, null, first), showWarnings: true, cancel);
            IReadOnlyList<FunctionSymbol> functions;
            using (var elf = ElfSymbols.Load(first))
            {
                functions = ElfSymbols.Functions(elf);
            }

            var blob = SymtabBlob.Build(functions);
            var symtab = await SymtabObject.WriteAsync(blob, work.FullName, cancel);
            var rootfsObject = rootfs is null ? null : await rootfs.WriteObjectAsync(work.FullName, cancel);

            // Disposing the uncommitted file removes it: a failed check leaves nothing behind.
            using var output = new AtomicFile(options.Output);
            await ImageLinker.LinkAsync(ImageLinker.Arguments(platform, components, programObject, symtab, output.TemporaryPath, rootfsObject), showWarnings: false, cancel);
            await QemuSection.AddAsync(output.TemporaryPath, qemuArguments, work.FullName, cancel);
            using (var elf = ElfSymbols.Load(output.TemporaryPath))
            {
                SymbolStability.Verify(functions, ElfSymbols.Functions(elf));
                ImageCheck.Verify(elf, blob.Length, rootfs?.ArchiveBytes);
            }

            output.Commit();

            Log.Debug("{Configuration}: {Components} component(s), {Functions} functions, {Seconds:0.000} s",
                configuration.Name, components.Count, functions.Count, clock.Elapsed.TotalSeconds);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
