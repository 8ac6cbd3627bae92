/*
 * What the files of the PCI component share and nothing else needs.
 */
#pragma once

#include <rr/pci.h>

/* pci_acpi.c: the first MCFG entry for segment 0; false when the machine has none. */
bool rr_pci_acpi_find_ecam(uint64_t *base, uint8_t *start_bus, uint8_t *end_bus);

/* pci_config.c: raw access by address, for scanning before a device record exists. */
void rr_pci_config_init(void);
uint32_t rr_pci_raw_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off);
void rr_pci_raw_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint16_t off, uint32_t v);
