namespace Rumprun.Bake.Checks;

/// <summary>The fixed facts a bootable image must show (contracts §4, QEMU's PVH loader).</summary>
public static class ImageRules
{
    public const string EntrySymbol = "rr_start32";

    public const string PvhNoteOwner = "Xen";

    /// <summary>XEN_ELFNOTE_PHYS32_ENTRY.</summary>
    public const ulong PvhNoteType = 18;

    public const ulong LoadAddress = 0x100000;

    public const string SymtabSection = ".rr_symtab";

    public const string RootfsSection = ".rr_rootfs";
}
