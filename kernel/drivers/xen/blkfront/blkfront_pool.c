/*
 * blkfront_pool.c — the pages blkfront lets the back end read and write.
 *
 * A page is granted when taken from the pool (unless it still is, under
 * feature-persistent) and its grant ended when it comes back (unless
 * persistent).  Xen refuses to end a grant the peer has mapped; such a
 * page goes to the stuck list, is retried after every batch of responses,
 * and rejoins the pool only once the grant is really gone: a grant still
 * in use must not be reused.
 */
#include "blkfront.h"
#include "xen/platform.h"
#include "mm.h"
#include "printk.h"

unsigned blkfront_pool_available(const struct blkfront_dev *dev)
{
	unsigned n = BLKFRONT_POOL_MAX - dev->pages_total;
	const struct blkfront_page *p;

	for (p = dev->free_pages; p; p = p->next)
		n++;
	return n;
}

struct blkfront_page *blkfront_page_get(struct blkfront_dev *dev, bool readonly)
{
	struct blkfront_page *p = dev->free_pages;

	if (p) {
		dev->free_pages = p->next;
	} else {
		if (dev->pages_total >= BLKFRONT_POOL_MAX)
			return NULL;
		p = kzalloc(sizeof(*p));
		if (!p)
			return NULL;
		p->pa = frame_alloc();
		if (!p->pa) {
			kfree(p);
			return NULL;
		}
		p->va = phys_to_virt(p->pa);
		dev->pages_total++;
	}
	p->next = NULL;
	if (!p->granted) {
		/* A persistent grant is reused for writes and reads alike. */
		p->gref = xen_grant_access(dev->backend_id, xen_pfn_to_gfn(p->pa >> PAGE_SHIFT),
					   readonly && !dev->persistent);
		if (p->gref == XEN_GRANT_REF_NONE) {
			/* No grant to be had: the page waits in the pool, the request for room. */
			p->next = dev->free_pages;
			dev->free_pages = p;
			return NULL;
		}
		p->granted = true;
		dev->grants_live++;
	}
	return p;
}

static bool page_ungrant(struct blkfront_dev *dev, struct blkfront_page *p)
{
	if (!xen_grant_end(p->gref))
		return false;
	p->granted = false;
	dev->grants_live--;
	return true;
}

void blkfront_page_put(struct blkfront_dev *dev, struct blkfront_page *p)
{
	if (!dev->persistent && !page_ungrant(dev, p)) {
		if (!dev->nr_stuck)
			pr_err("blkfront: %s: back end %u still uses grant %u after answering; "
			       "its page is held until released\n",
			       dev->bd.name, dev->backend_id, p->gref);
		p->next = dev->stuck;
		dev->stuck = p;
		dev->nr_stuck++;
		return;
	}
	p->next = dev->free_pages;
	dev->free_pages = p;
}

void blkfront_pool_retry_stuck(struct blkfront_dev *dev)
{
	struct blkfront_page **pp = &dev->stuck, *p;

	while ((p = *pp)) {
		if (page_ungrant(dev, p)) {
			*pp = p->next;
			dev->nr_stuck--;
			p->next = dev->free_pages;
			dev->free_pages = p;
		} else {
			pp = &p->next;
		}
	}
}

unsigned blkfront_pool_destroy(struct blkfront_dev *dev)
{
	struct blkfront_page *p;
	unsigned kept = 0;

	blkfront_pool_retry_stuck(dev);
	while ((p = dev->free_pages)) {
		dev->free_pages = p->next;
		if (p->granted && !page_ungrant(dev, p)) {
			/* Never free a page the back end can still reach. */
			p->next = dev->stuck;
			dev->stuck = p;
			dev->nr_stuck++;
			continue;
		}
		frame_free(p->pa);
		kfree(p);
		dev->pages_total--;
	}
	for (p = dev->stuck; p; p = p->next)
		kept++;
	return kept;
}

void blkfront_pool_ungrant_all(struct blkfront_dev *dev)
{
	struct blkfront_page *p;

	blkfront_pool_retry_stuck(dev);
	for (p = dev->free_pages; p; p = p->next)
		if (p->granted && !page_ungrant(dev, p))
			pr_err("blkfront: %s: grant %u survived the restore\n", dev->bd.name, p->gref);
}
