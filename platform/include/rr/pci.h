/*
 * rr/pci.h — PCI devices (components/pci): configuration space access
 * (ports 0xCF8/0xCFC, or ECAM where ACPI's MCFG describes it), the devices
 * found by walking bus 0 and every bus behind a PCI-to-PCI bridge, their
 * decoded BARs, capability lists, and legacy INTx interrupts routed through
 * the IOAPIC.
 *
 * The bus is scanned once, on first use, so drivers and transports may ask
 * at any RR_INIT order. Like the rest of the platform this runs with
 * interrupts off outside waits, so nothing here locks.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RR_PCI_VENDOR_ID      0x00
#define RR_PCI_DEVICE_ID      0x02
#define RR_PCI_COMMAND        0x04
#define RR_PCI_STATUS         0x06
#define RR_PCI_REVISION       0x08
#define RR_PCI_CLASS          0x09     /* prog-if, subclass, class: 3 bytes */
#define RR_PCI_HEADER_TYPE    0x0e
#define RR_PCI_BAR0           0x10
#define RR_PCI_SUBSYS_VENDOR  0x2c
#define RR_PCI_SUBSYS_ID      0x2e
#define RR_PCI_CAP_PTR        0x34
#define RR_PCI_INTERRUPT_LINE 0x3c
#define RR_PCI_INTERRUPT_PIN  0x3d
/* type 1 (bridge) header */
#define RR_PCI_PRIMARY_BUS    0x18
#define RR_PCI_SECONDARY_BUS  0x19
#define RR_PCI_SUBORDINATE_BUS 0x1a

#define RR_PCI_CMD_IO         0x0001
#define RR_PCI_CMD_MEMORY     0x0002
#define RR_PCI_CMD_MASTER     0x0004
#define RR_PCI_CMD_INTX_OFF   0x0400
#define RR_PCI_STATUS_CAPS    0x0010

#define RR_PCI_CAP_VENDOR     0x09
#define RR_PCI_CAP_MSIX       0x11

#define RR_PCI_MAX_BARS 6

/* One base address register, decoded (a 64-bit BAR takes two slots; the second is empty). */
struct rr_pci_bar {
    uint64_t base;                  /* bus address (== physical on x86); 0 when unused */
    uint64_t size;
    bool io;                        /* an I/O port range */
    bool is64;
    bool prefetchable;
};

struct rr_pci_device {
    uint8_t bus, dev, fn;
    uint16_t vendor, device;
    uint16_t subsys_vendor, subsys_id;
    uint8_t class_code, subclass, prog_if, revision;
    uint8_t header_type;            /* without the multi-function bit */
    uint8_t irq_line;               /* as the firmware left it; 0xff when unassigned */
    uint8_t irq_pin;                /* 1..4 = INTA..INTD, 0 = none */
    struct rr_pci_bar bars[RR_PCI_MAX_BARS];
    void *mapped[RR_PCI_MAX_BARS];  /* memory BARs mapped so far (rr_pci_map_bar) */
    char where[16];                 /* "pci 00:03.0", for messages */
};

/* --- configuration space of a found device (offsets < 256, or < 4096 with ECAM) --- */
uint8_t rr_pci_read8(const struct rr_pci_device *d, uint16_t off);
uint16_t rr_pci_read16(const struct rr_pci_device *d, uint16_t off);
uint32_t rr_pci_read32(const struct rr_pci_device *d, uint16_t off);
void rr_pci_write8(const struct rr_pci_device *d, uint16_t off, uint8_t v);
void rr_pci_write16(const struct rr_pci_device *d, uint16_t off, uint16_t v);
void rr_pci_write32(const struct rr_pci_device *d, uint16_t off, uint32_t v);

/* --- the devices found (scanned on first call), in bus order; NULL past the end --- */
struct rr_pci_device *rr_pci_nth(size_t i);
/* How configuration space is reached: "ecam@0xb0000000" or "ports 0xcf8". */
const char *rr_pci_access_method(void);

/* Turns on decoding of memory and I/O BARs and bus mastering (DMA). */
void rr_pci_enable(struct rr_pci_device *d);
/* The BAR's memory, mapped uncached, or NULL (an I/O BAR, unassigned, or no memory for tables). */
void *rr_pci_map_bar(struct rr_pci_device *d, int bar);

/* Offset of the first capability with id after offset start (0: from the list head); 0 when none. */
uint8_t rr_pci_find_cap(const struct rr_pci_device *d, uint8_t id, uint8_t start);

/* Calls fn(arg) from the device's INTx interrupt (level triggered, possibly
 * shared with other devices: fn must check its own device). 0, or -ENODEV
 * when the firmware assigned the device no line. */
int rr_pci_intx_register(struct rr_pci_device *d, void (*fn)(void *arg), void *arg);

/* Port I/O for I/O BARs. */
uint8_t rr_pci_inb(uint16_t port);
uint16_t rr_pci_inw(uint16_t port);
uint32_t rr_pci_inl(uint16_t port);
void rr_pci_outb(uint16_t port, uint8_t v);
void rr_pci_outw(uint16_t port, uint16_t v);
void rr_pci_outl(uint16_t port, uint32_t v);

/* --- pure decoding, also used by host tests (components/pci/pci_decode.c) --- */
/* Decodes BAR i from the value firmware left (orig, and orig_hi for the upper half of
 * a 64-bit BAR) and what reads back after writing all ones (probe, probe_hi).
 * Returns how many BAR slots it used (1 or 2). */
int rr_pci_decode_bar(uint32_t orig, uint32_t probe, uint32_t orig_hi, uint32_t probe_hi, struct rr_pci_bar *out);
/* ECAM address of (bus, dev, fn, off) under base whose first bus is start_bus. */
uint64_t rr_pci_ecam_offset(uint8_t start_bus, uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off);
/* The 0xCF8 address word for (bus, dev, fn, off), off rounded down to 4 bytes. */
uint32_t rr_pci_cf8_address(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off);
