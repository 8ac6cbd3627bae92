// rr-build drives Linux tools (cc, ld, apt-get) and sets Unix file modes: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
