using NUnit.Framework;

namespace Rumprun.Tests.EndToEnd;

/// <summary>socketpair(AF_UNIX, SOCK_STREAM) behaves as on Linux (tests/guests/socketpair_*.c).</summary>
public sealed class UnixPairTests
{
    [Test]
    public Task Stream_pairs_carry_data_shut_down_close_and_report_to_poll_and_epoll_as_on_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("socketpair_stream");

    [Test]
    public Task Datagram_and_seqpacket_pairs_keep_boundaries_and_treat_a_closed_peer_as_on_linux() =>
        FileSystemCallTests.AssertSameAsNativeAsync("socketpair_messages");

    [Test]
    public Task Two_threads_exchange_requests_and_4_mb_without_a_lost_wake_up() =>
        FileSystemCallTests.AssertSameAsNativeAsync("socketpair_threads");
}
