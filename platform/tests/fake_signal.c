/* Host stand-in for the signal layer: records what the file layer raises. */
#include <rr/kern.h>
#include <rr/signal.h>
#include "harness.h"

static int raised[65];

void rr_signal_raise(int sig)
{
    if (sig > 0 && sig < 65)
        raised[sig]++;
}

int fake_signals_raised(int sig)
{
    return sig > 0 && sig < 65 ? raised[sig] : 0;
}
