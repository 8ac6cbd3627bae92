/*
 * The control channel (docs/contracts.md §6): QEMU's isa-debugcon at port
 * 0xE9, where the host reads lines the platform writes and nothing else does.
 */
#include <rr/kern.h>
#include <rr/x86.h>

#define CONTROL_PORT 0xE9

void rr_control_write_line(const char *line)
{
    for (; *line; line++)
        rr_outb(CONTROL_PORT, *line == '\n' ? ' ' : (uint8_t)*line);
    rr_outb(CONTROL_PORT, '\n');
}
