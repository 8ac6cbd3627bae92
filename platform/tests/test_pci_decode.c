/* PCI register arithmetic: BAR sizing and configuration addresses (components/pci). */
#include "../../components/pci/pci_decode.c"
#include "test.h"

TEST(pci_bar_32bit_memory)
{
    struct rr_pci_bar b;
    CHECK_EQ(rr_pci_decode_bar(0xfebf1000u, 0xfffff000u, 0, 0, &b), 1);
    CHECK_EQ(b.base, 0xfebf1000u);
    CHECK_EQ(b.size, 0x1000);
    CHECK(!b.io && !b.is64 && !b.prefetchable);
}

TEST(pci_bar_64bit_prefetchable_memory_takes_two_slots)
{
    struct rr_pci_bar b;
    CHECK_EQ(rr_pci_decode_bar(0xfe00000cu, 0xffffc00cu, 0x1u, 0xffffffffu, &b), 2);
    CHECK_EQ(b.base, 0x1fe000000ULL);
    CHECK_EQ(b.size, 0x4000);
    CHECK(b.is64 && b.prefetchable && !b.io);
}

TEST(pci_bar_io_ports)
{
    struct rr_pci_bar b;
    CHECK_EQ(rr_pci_decode_bar(0xc041u, 0xffffffc1u, 0, 0, &b), 1);
    CHECK(b.io);
    CHECK_EQ(b.base, 0xc040);
    CHECK_EQ(b.size, 0x40);
    /* devices that decode only 16 bits of port address read the upper half as zero */
    CHECK_EQ(rr_pci_decode_bar(0xc001u, 0x0000ffe1u, 0, 0, &b), 1);
    CHECK_EQ(b.size, 0x20);
}

TEST(pci_bar_unimplemented_is_empty)
{
    struct rr_pci_bar b;
    CHECK_EQ(rr_pci_decode_bar(0, 0, 0, 0, &b), 1);
    CHECK_EQ(b.base, 0);
    CHECK_EQ(b.size, 0);
}

TEST(pci_config_addresses)
{
    CHECK_EQ(rr_pci_cf8_address(0, 3, 0, 0x10), 0x80001810u);
    CHECK_EQ(rr_pci_cf8_address(1, 31, 7, 0x3f), 0x8001ff3cu);
    CHECK_EQ(rr_pci_ecam_offset(0, 0, 3, 0, 0x10), 0x18010);
    CHECK_EQ(rr_pci_ecam_offset(0, 2, 1, 2, 0x100), 0x20a100);
    CHECK_EQ(rr_pci_ecam_offset(0x10, 0x11, 0, 0, 0), 0x100000);
}
