// The tools under test run on Linux only (Unix file modes, binutils).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
