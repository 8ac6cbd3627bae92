/*
 * The front end's side of io/ring.h for the netif rings. The barriers order
 * the shared page's fields as the back end, on another CPU, reads them.
 */
#include "netif_ring.h"

/* x86 keeps stores in order and loads in order: only a store followed by a
 * load of another location needs a real fence. */
#define WRITE_BARRIER() __asm__ volatile("" : : : "memory")
#define READ_BARRIER() __asm__ volatile("" : : : "memory")
#define FULL_BARRIER() __asm__ volatile("mfence" : : : "memory")

uint32_t rr_netif_ring_entries(size_t page_size, size_t entry_size)
{
    if (entry_size == 0 || page_size <= sizeof(struct rr_netif_sring_header))
        return 0;
    size_t fit = (page_size - sizeof(struct rr_netif_sring_header)) / entry_size;
    uint32_t n = 1;
    if (fit == 0)
        return 0;
    while ((size_t)n * 2 <= fit)
        n *= 2;
    return n;
}

void rr_netif_front_init(struct rr_netif_front *f, void *page, size_t page_size, size_t entry_size)
{
    volatile uint8_t *bytes = page;
    for (size_t i = 0; i < page_size; i++)
        bytes[i] = 0;
    f->sring = page;
    f->entries = (uint8_t *)page + sizeof(struct rr_netif_sring_header);
    f->entry_size = (uint32_t)entry_size;
    f->size = rr_netif_ring_entries(page_size, entry_size);
    f->req_prod_pvt = 0;
    f->rsp_cons = 0;
    f->sring->req_event = 1;
    f->sring->rsp_event = 1;
}

uint32_t rr_netif_free_requests(const struct rr_netif_front *f)
{
    return f->size - (f->req_prod_pvt - f->rsp_cons);
}

void *rr_netif_entry(const struct rr_netif_front *f, uint32_t index)
{
    return f->entries + (size_t)(index & (f->size - 1)) * f->entry_size;
}

bool rr_netif_push_requests(struct rr_netif_front *f)
{
    uint32_t old = f->sring->req_prod;
    uint32_t new = f->req_prod_pvt;
    WRITE_BARRIER();
    f->sring->req_prod = new;
    FULL_BARRIER();
    /* The back end wants an event when req_event lies in (old, new]. */
    return (uint32_t)(new - f->sring->req_event) < (uint32_t)(new - old);
}

bool rr_netif_has_response(struct rr_netif_front *f)
{
    if (f->sring->rsp_prod != f->rsp_cons) {
        READ_BARRIER();
        return true;
    }
    f->sring->rsp_event = f->rsp_cons + 1;
    FULL_BARRIER();
    if (f->sring->rsp_prod != f->rsp_cons) {
        READ_BARRIER();
        return true;
    }
    return false;
}
