using System.Runtime.Versioning;

// QEMU, /proc, stty and POSIX signals: rr-run is a Linux tool.
[assembly: SupportedOSPlatform("linux")]
