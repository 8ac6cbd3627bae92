/*
 * Bus enumeration: bus 0, then every bus a PCI-to-PCI bridge leads to
 * (depth first, as the firmware numbered them). Each function found is
 * recorded once with its identity and decoded BARs. BAR sizing writes all
 * ones with decoding switched off, so the device never answers at a bogus
 * address while it is probed.
 */
#include <rr/kern.h>
#include "pci_internal.h"

#define MAX_DEVICES 64
#define HEADER_BRIDGE 1
#define CLASS_BRIDGE 0x06
#define SUBCLASS_PCI_BRIDGE 0x04

static struct rr_pci_device *devices[MAX_DEVICES];
static size_t ndevices;
static bool scanned;
static bool bus_seen[256];

static void scan_bus(uint8_t bus);

static void size_bars(struct rr_pci_device *d)
{
    int nbars = d->header_type == HEADER_BRIDGE ? 2 : d->header_type == 0 ? RR_PCI_MAX_BARS : 0;
    if (!nbars)
        return;
    uint16_t cmd = rr_pci_read16(d, RR_PCI_COMMAND);
    rr_pci_write16(d, RR_PCI_COMMAND, (uint16_t)(cmd & ~(RR_PCI_CMD_IO | RR_PCI_CMD_MEMORY)));
    for (int i = 0; i < nbars;) {
        uint16_t reg = (uint16_t)(RR_PCI_BAR0 + 4 * i);
        uint32_t orig = rr_pci_read32(d, reg);
        rr_pci_write32(d, reg, 0xffffffffu);
        uint32_t probe = rr_pci_read32(d, reg);
        rr_pci_write32(d, reg, orig);
        uint32_t orig_hi = 0, probe_hi = 0;
        bool is64 = !(orig & 1) && (orig & 6) == 4 && i + 1 < nbars;
        if (is64) {
            orig_hi = rr_pci_read32(d, reg + 4);
            rr_pci_write32(d, reg + 4, 0xffffffffu);
            probe_hi = rr_pci_read32(d, reg + 4);
            rr_pci_write32(d, reg + 4, orig_hi);
        }
        i += rr_pci_decode_bar(orig, probe, orig_hi, probe_hi, &d->bars[i]);
    }
    rr_pci_write16(d, RR_PCI_COMMAND, cmd);
}

static void add_function(uint8_t bus, uint8_t dev, uint8_t fn, uint32_t id)
{
    struct rr_pci_device *d = rr_zalloc(sizeof(*d));
    if (!d)
        return;
    d->bus = bus;
    d->dev = dev;
    d->fn = fn;
    d->vendor = (uint16_t)id;
    d->device = (uint16_t)(id >> 16);
    uint32_t class = rr_pci_read32(d, 0x08);
    d->revision = (uint8_t)class;
    d->prog_if = (uint8_t)(class >> 8);
    d->subclass = (uint8_t)(class >> 16);
    d->class_code = (uint8_t)(class >> 24);
    d->header_type = rr_pci_read8(d, RR_PCI_HEADER_TYPE) & 0x7f;
    if (d->header_type == 0) {
        d->subsys_vendor = rr_pci_read16(d, RR_PCI_SUBSYS_VENDOR);
        d->subsys_id = rr_pci_read16(d, RR_PCI_SUBSYS_ID);
    }
    d->irq_line = rr_pci_read8(d, RR_PCI_INTERRUPT_LINE);
    d->irq_pin = rr_pci_read8(d, RR_PCI_INTERRUPT_PIN);
    rr_snprintf(d->where, sizeof(d->where), "pci %02x:%02x.%x", bus, dev, fn);
    size_bars(d);

    if (ndevices < MAX_DEVICES)
        devices[ndevices++] = d;
    else
        rr_free(d);

    if (d->header_type == HEADER_BRIDGE && d->class_code == CLASS_BRIDGE && d->subclass == SUBCLASS_PCI_BRIDGE) {
        uint8_t secondary = rr_pci_read8(d, RR_PCI_SECONDARY_BUS);
        if (secondary != 0)
            scan_bus(secondary);
    }
}

static void scan_bus(uint8_t bus)
{
    if (bus_seen[bus])
        return;         /* a loop in badly programmed bridges must not recurse forever */
    bus_seen[bus] = true;
    for (uint8_t dev = 0; dev < 32; dev++) {
        uint32_t id = rr_pci_raw_read32(bus, dev, 0, RR_PCI_VENDOR_ID);
        if ((uint16_t)id == 0xffff || (uint16_t)id == 0)
            continue;
        bool multi = (rr_pci_raw_read32(bus, dev, 0, 0x0c) >> 16) & 0x80;
        add_function(bus, dev, 0, id);
        for (uint8_t fn = 1; multi && fn < 8; fn++) {
            uint32_t fid = rr_pci_raw_read32(bus, dev, fn, RR_PCI_VENDOR_ID);
            if ((uint16_t)fid != 0xffff && (uint16_t)fid != 0)
                add_function(bus, dev, fn, fid);
        }
    }
}

static void scan(void)
{
    if (scanned)
        return;
    scanned = true;
    rr_pci_config_init();
    /* A machine without PCI (microvm without pcie=on) answers all ones here. */
    scan_bus(0);
}

struct rr_pci_device *rr_pci_nth(size_t i)
{
    scan();
    return i < ndevices ? devices[i] : NULL;
}
