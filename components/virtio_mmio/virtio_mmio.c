/*
 * The virtio-mmio transport (virtio 1.2 §4.2): probes microvm's slots, maps
 * them uncached, routes each populated slot's interrupt and attaches the
 * device to the virtio core. Version 1 devices (QEMU's force-legacy) take
 * the queue as one page frame number with the used ring alignment the core
 * asks for; version 2 devices take the three ring addresses.
 *
 * Interrupts are routed edge-triggered like the platform's other lines. The
 * device's line is level (it stays up while any interrupt status bit is set),
 * so the handler acknowledges until the status reads zero: the line then
 * drops, and the next event gives a fresh edge that cannot be missed.
 */
#include <rr/kern.h>
#include <rr/apic.h>
#include <rr/paging.h>
#include <rr/trap.h>
#include <rr/virtio.h>
#include <rr/virtio_mmio.h>

#define REG_MAGIC            0x000
#define REG_VERSION          0x004
#define REG_DEVICE_ID        0x008
#define REG_DEVICE_FEATURES  0x010
#define REG_DEVICE_FEAT_SEL  0x014
#define REG_DRIVER_FEATURES  0x020
#define REG_DRIVER_FEAT_SEL  0x024
#define REG_GUEST_PAGE_SIZE  0x028     /* version 1 only */
#define REG_QUEUE_SEL        0x030
#define REG_QUEUE_NUM_MAX    0x034
#define REG_QUEUE_NUM        0x038
#define REG_QUEUE_ALIGN      0x03c     /* version 1 only */
#define REG_QUEUE_PFN        0x040     /* version 1 only */
#define REG_QUEUE_READY      0x044
#define REG_QUEUE_NOTIFY     0x050
#define REG_INTERRUPT_STATUS 0x060
#define REG_INTERRUPT_ACK    0x064
#define REG_STATUS           0x070
#define REG_QUEUE_DESC_LO    0x080
#define REG_QUEUE_DESC_HI    0x084
#define REG_QUEUE_AVAIL_LO   0x090
#define REG_QUEUE_AVAIL_HI   0x094
#define REG_QUEUE_USED_LO    0x0a0
#define REG_QUEUE_USED_HI    0x0a4
#define REG_CONFIG_GEN       0x0fc
#define REG_CONFIG           0x100

#define MAGIC_VIRT 0x74726976u     /* "virt" */

#define SLOTS_WITH_IOAPIC2    24
#define GSI_BASE_WITH_IOAPIC2 24
#define SLOTS_WITHOUT_IOAPIC2 8
#define GSI_BASE_WITH_ACPI    16
#define GSI_BASE_WITHOUT_ACPI 5
#define IOAPIC_PINS           24

#define MMIO_FLAGS (RR_PTE_W | RR_PTE_NX | RR_PTE_PCD | RR_PTE_PWT)

struct slot {
    uintptr_t base;
    int gsi;
    struct rr_virtio_device dev;
    char where[32];
};

static int nslots;
/* Interrupt vectors are per GSI, so one handler per slot: at most 24 GSIs are in use. */
static struct slot *by_vector[256];

static inline uint32_t rd(struct slot *s, uint32_t reg)
{
    return *(volatile uint32_t *)(s->base + reg);
}

static inline void wr(struct slot *s, uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)(s->base + reg) = v;
}

static struct slot *slot_of(struct rr_virtio_device *dev)
{
    return dev->transport;
}

static uint8_t get_status(struct rr_virtio_device *dev)
{
    return (uint8_t)rd(slot_of(dev), REG_STATUS);
}

static void set_status(struct rr_virtio_device *dev, uint8_t status)
{
    wr(slot_of(dev), REG_STATUS, status);
}

static uint64_t get_features(struct rr_virtio_device *dev)
{
    struct slot *s = slot_of(dev);
    wr(s, REG_DEVICE_FEAT_SEL, 0);
    uint64_t lo = rd(s, REG_DEVICE_FEATURES);
    if (dev->legacy)
        return lo;
    wr(s, REG_DEVICE_FEAT_SEL, 1);
    return lo | (uint64_t)rd(s, REG_DEVICE_FEATURES) << 32;
}

static void set_features(struct rr_virtio_device *dev, uint64_t features)
{
    struct slot *s = slot_of(dev);
    wr(s, REG_DRIVER_FEAT_SEL, 0);
    wr(s, REG_DRIVER_FEATURES, (uint32_t)features);
    if (dev->legacy)
        return;
    wr(s, REG_DRIVER_FEAT_SEL, 1);
    wr(s, REG_DRIVER_FEATURES, (uint32_t)(features >> 32));
}

/* Byte accesses are valid for every field width; the generation counter
 * tells a modern device's multi-byte value was not torn by a change. */
static void read_config(struct rr_virtio_device *dev, size_t off, void *buf, size_t n)
{
    struct slot *s = slot_of(dev);
    uint8_t *out = buf;
    uint32_t before, after;
    do {
        before = dev->legacy ? 0 : rd(s, REG_CONFIG_GEN);
        for (size_t i = 0; i < n; i++)
            out[i] = *(volatile uint8_t *)(s->base + REG_CONFIG + off + i);
        after = dev->legacy ? 0 : rd(s, REG_CONFIG_GEN);
    } while (before != after);
}

static void write_config(struct rr_virtio_device *dev, size_t off, const void *buf, size_t n)
{
    struct slot *s = slot_of(dev);
    const uint8_t *in = buf;
    for (size_t i = 0; i < n; i++)
        *(volatile uint8_t *)(s->base + REG_CONFIG + off + i) = in[i];
}

static uint16_t queue_max(struct rr_virtio_device *dev, uint16_t index)
{
    struct slot *s = slot_of(dev);
    wr(s, REG_QUEUE_SEL, index);
    /* In use already (version 2: ready; version 1: a frame number) means not ours to take. */
    if (rd(s, dev->legacy ? REG_QUEUE_PFN : REG_QUEUE_READY) != 0)
        return 0;
    uint32_t max = rd(s, REG_QUEUE_NUM_MAX);
    return max > 0xffff ? 0xffff : (uint16_t)max;
}

static int queue_setup(struct rr_virtio_device *dev, uint16_t index, const struct rr_virtq_layout *q)
{
    struct slot *s = slot_of(dev);
    wr(s, REG_QUEUE_SEL, index);
    wr(s, REG_QUEUE_NUM, q->size);
    if (dev->legacy) {
        if (q->base & (RR_PAGE_SIZE - 1) || q->desc != q->base || q->base / RR_PAGE_SIZE > 0xffffffffu)
            return -EINVAL;
        wr(s, REG_QUEUE_ALIGN, q->used_align);
        wr(s, REG_QUEUE_PFN, (uint32_t)(q->base / RR_PAGE_SIZE));
        return 0;
    }
    wr(s, REG_QUEUE_DESC_LO, (uint32_t)q->desc);
    wr(s, REG_QUEUE_DESC_HI, (uint32_t)(q->desc >> 32));
    wr(s, REG_QUEUE_AVAIL_LO, (uint32_t)q->avail);
    wr(s, REG_QUEUE_AVAIL_HI, (uint32_t)(q->avail >> 32));
    wr(s, REG_QUEUE_USED_LO, (uint32_t)q->used);
    wr(s, REG_QUEUE_USED_HI, (uint32_t)(q->used >> 32));
    wr(s, REG_QUEUE_READY, 1);
    return rd(s, REG_QUEUE_READY) == 1 ? 0 : -EIO;
}

static void notify(struct rr_virtio_device *dev, uint16_t index)
{
    wr(slot_of(dev), REG_QUEUE_NOTIFY, index);
}

static uint32_t irq_status(struct rr_virtio_device *dev)
{
    return rd(slot_of(dev), REG_INTERRUPT_STATUS);
}

static void irq_ack(struct rr_virtio_device *dev, uint32_t bits)
{
    wr(slot_of(dev), REG_INTERRUPT_ACK, bits);
}

static const struct rr_virtio_transport_ops mmio_ops = {
    .get_status = get_status,
    .set_status = set_status,
    .get_features = get_features,
    .set_features = set_features,
    .read_config = read_config,
    .write_config = write_config,
    .queue_max = queue_max,
    .queue_setup = queue_setup,
    .notify = notify,
    .irq_status = irq_status,
    .irq_ack = irq_ack,
};

static void slot_irq(struct rr_trap_frame *f)
{
    struct slot *s = by_vector[f->vector];
    if (!s)
        return;
    uint32_t status;
    while ((status = rd(s, REG_INTERRUPT_STATUS)) != 0) {
        wr(s, REG_INTERRUPT_ACK, status);
        rr_virtio_interrupt(&s->dev, status);
    }
}

static uint32_t ioapic2_read(uint32_t reg)
{
    *(volatile uint32_t *)RR_IOAPIC2_BASE = reg;
    return *(volatile uint32_t *)(RR_IOAPIC2_BASE + 0x10);
}

static void ioapic2_write(uint32_t reg, uint32_t v)
{
    *(volatile uint32_t *)RR_IOAPIC2_BASE = reg;
    *(volatile uint32_t *)(RR_IOAPIC2_BASE + 0x10) = v;
}

/* The platform maps the 2 MiB around the first IOAPIC uncached, which covers
 * the second one's window too. Nothing decodes it when the machine has no
 * second IOAPIC: reads then give 0 or all ones, never a valid version. */
static bool have_ioapic2(void)
{
    if (!rr_is_mapped(RR_IOAPIC2_BASE))
        return false;
    uint32_t version = ioapic2_read(1);
    uint32_t pins = ((version >> 16) & 0xff) + 1;
    return version != 0xffffffffu && (version & 0xff) >= 0x11 && pins >= SLOTS_WITH_IOAPIC2;
}

/* Whether the machine describes itself with ACPI: microvm then moves the
 * virtio lines of its 8-slot layout above the legacy ISA ones (GSI 16 + n;
 * without ACPI they are GSI 5 + n). The firmware leaves the RSDP on a
 * 16-byte boundary of the BIOS area, which is scanned through a temporary
 * read-only mapping where the platform has none. */
static bool have_acpi(void)
{
    const uintptr_t start = 0xE0000, end = 0x100000;
    bool mapped[(0x100000 - 0xE0000) / RR_PAGE_SIZE];
    for (uintptr_t pa = start; pa < end; pa += RR_PAGE_SIZE) {
        mapped[(pa - start) / RR_PAGE_SIZE] = rr_is_mapped(pa);
        if (!mapped[(pa - start) / RR_PAGE_SIZE] && rr_map_page(pa, pa, RR_PTE_NX) < 0)
            return true;    /* cannot look: assume the machine rr-run starts, which has ACPI */
    }
    bool found = false;
    for (uintptr_t pa = start; pa < end && !found; pa += 16)
        found = rr_memcmp((const void *)pa, "RSD PTR ", 8) == 0;
    for (uintptr_t pa = start; pa < end; pa += RR_PAGE_SIZE)
        if (!mapped[(pa - start) / RR_PAGE_SIZE])
            rr_unmap_range(pa, pa + RR_PAGE_SIZE, false);
    return found;
}

static void route(int gsi)
{
    int vector = RR_VEC_IRQ_BASE + gsi;
    rr_irq_register(vector, slot_irq);
    if (gsi < IOAPIC_PINS) {
        rr_ioapic_route(gsi);
        return;
    }
    int pin = gsi - IOAPIC_PINS;
    ioapic2_write(0x11 + 2 * (uint32_t)pin, 0);                 /* destination: APIC id 0 */
    ioapic2_write(0x10 + 2 * (uint32_t)pin, (uint32_t)vector);  /* fixed, edge, active high, unmasked */
}

int rr_virtio_mmio_slots(void)
{
    return nslots;
}

static int virtio_mmio_init(void)
{
    bool ioapic2 = have_ioapic2();
    nslots = ioapic2 ? SLOTS_WITH_IOAPIC2 : SLOTS_WITHOUT_IOAPIC2;
    int gsi_base = ioapic2 ? GSI_BASE_WITH_IOAPIC2 : have_acpi() ? GSI_BASE_WITH_ACPI : GSI_BASE_WITHOUT_ACPI;

    uintptr_t end = RR_VIRTIO_MMIO_BASE + (uintptr_t)nslots * RR_VIRTIO_MMIO_SLOT_SIZE;
    for (uintptr_t pa = RR_VIRTIO_MMIO_BASE; pa < end; pa += RR_PAGE_SIZE) {
        int r = rr_map_page(pa, pa, MMIO_FLAGS);
        if (r < 0)
            return r;
    }

    /* QEMU fills the slots from the top, so the first device of its command
     * line is met first and disks are numbered (vblk0, ...) in that order. */
    for (int n = nslots - 1; n >= 0; n--) {
        struct slot probe = { .base = RR_VIRTIO_MMIO_BASE + (uintptr_t)n * RR_VIRTIO_MMIO_SLOT_SIZE };
        if (rd(&probe, REG_MAGIC) != MAGIC_VIRT)
            continue;
        uint32_t version = rd(&probe, REG_VERSION);
        uint32_t id = rd(&probe, REG_DEVICE_ID);
        if (id == 0 || (version != 1 && version != 2))
            continue;       /* an empty slot, or a layout this transport does not speak */

        struct slot *s = rr_zalloc(sizeof(*s));
        if (!s)
            return -ENOMEM;
        *s = probe;
        s->gsi = gsi_base + n;
        rr_snprintf(s->where, sizeof(s->where), "mmio@0x%lx", (unsigned long)s->base);
        s->dev.ops = &mmio_ops;
        s->dev.transport = s;
        s->dev.where = s->where;
        s->dev.device_id = id;
        s->dev.legacy = version == 1;
        if (s->dev.legacy)
            wr(s, REG_GUEST_PAGE_SIZE, RR_PAGE_SIZE);

        /* Routed before attaching: a driver's start may already wait for the device. */
        by_vector[RR_VEC_IRQ_BASE + s->gsi] = s;
        route(s->gsi);
        int r = rr_virtio_attach(&s->dev);
        if (r == -ENODEV)
            continue;       /* no driver in this image serves the device: leave it reset */
        if (r < 0)
            rr_printk("virtio %s: device %u could not be set up (error %d)", s->where, id, -r);
    }
    return 0;
}
_Static_assert(RR_VIRTIO_PROBE_ORDER == 4, "RR_INIT below must use the probe order");
RR_INIT(4, virtio_mmio_init);
