// rr-bake drives the host's binutils and sets Unix file modes: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
