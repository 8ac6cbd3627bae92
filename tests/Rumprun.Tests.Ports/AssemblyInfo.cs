using NUnit.Framework;

// Each fixture builds one port (or a port and what it depends on) with make -j, and boots QEMU under TCG:
// two fixtures at a time fill this project's 2-core machines.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
