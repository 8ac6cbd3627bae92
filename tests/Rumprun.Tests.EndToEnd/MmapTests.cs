using NUnit.Framework;
using Rumprun.Tests.EndToEnd.Infrastructure;

namespace Rumprun.Tests.EndToEnd;

public sealed class MmapTests
{
    [Test]
    public Task File_mappings_anonymous_memory_mremap_madvise_and_mprotect_match_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("mmap_file");
}
