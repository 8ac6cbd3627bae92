/*
 * The tty line discipline (console "tty"): canonical input with echo.
 * Enter (CR) becomes NL; backspace/DEL erase one character (a whole UTF-8
 * sequence); ^U erases the line; ^D hands over the line as it is, or, on an
 * empty line, makes one read return 0; ^C sends SIGINT to the program: its
 * handler runs, or the default action ends the guest with status 130.
 */
#include <rr/kern.h>
#include <rr/console_internal.h>
#include <rr/program.h>
#include <rr/signal.h>

#define LINE_MAX 4096

static char line[LINE_MAX];
static size_t len;

static void echo(const char *s, size_t n)
{
    rr_console_put(s, n);
}

static void erase_one(void)
{
    if (!len)
        return;
    while (len > 1 && (line[len - 1] & 0xC0) == 0x80)
        len--;     /* continuation bytes of one UTF-8 character */
    len--;
    echo("\b \b", 3);
}

static bool hand_over(bool newline)
{
    if (rr_console_queue_space() < len + (newline ? 1 : 0))
        return false;
    for (size_t i = 0; i < len; i++)
        rr_console_queue_put((uint8_t)line[i]);
    if (newline)
        rr_console_queue_put('\n');
    len = 0;
    return true;
}

bool rr_tty_input(uint8_t c)
{
    switch (c) {
    case 0x03:
        echo("^C\n", 3);
        len = 0;    /* the line typed so far is discarded, as by Linux's ISIG */
        rr_signal_raise_why(RR_SIGINT, "^C on the console");
        return true;
    case 0x7f:
    case 0x08:
        erase_one();
        return true;
    case 0x15:
        while (len)
            erase_one();
        return true;
    case 0x04:
        if (!len) {
            rr_console_queue_eof_mark();
            return true;
        }
        return hand_over(false);
    case '\r':
    case '\n':
        if (!hand_over(true))
            return false;
        echo("\n", 1);
        return true;
    default:
        if (len == LINE_MAX - 1)
            return true;    /* full line: drop, as Linux does, until NL */
        line[len++] = (char)c;
        if (c < 0x20 && c != '\t') {
            char ctl[2] = { '^', (char)(c + '@') };
            echo(ctl, 2);
        } else {
            echo((const char *)&c, 1);
        }
        return true;
    }
}

void rr_tty_flush_partial(void)
{
    if (len)
        hand_over(false);
}
