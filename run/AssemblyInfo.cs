using System.Runtime.Versioning;

// QEMU, /proc, stty and POSIX signals: rr-run is a Linux tool.
[assembly: SupportedOSPlatform("linux")]

// The unit tests drive the option parsing without starting a guest.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Rumprun.Tests.Unit")]
