namespace Rumprun.Core.Run;

/// <summary>What starting a detached guest gave: its handle, or how it ended when it ended at once.</summary>
/// <param name="Handle">The running guest; null when it had already stopped.</param>
/// <param name="LogPath">Its console log.</param>
/// <param name="EndedAtOnce">How it ended, when it did so before rr-run returned.</param>
public sealed record DetachedStart(GuestHandle? Handle, string LogPath, GuestOutcome? EndedAtOnce);
