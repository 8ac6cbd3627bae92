// rr-port drives apt, make and the host's binutils and sets Unix file modes: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Rumprun.Tests.Unit")]
