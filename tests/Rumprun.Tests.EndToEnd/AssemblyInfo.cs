using NUnit.Framework;

// QEMU under TCG uses one core per guest; two guests at a time fill this project's 2-core machines.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
