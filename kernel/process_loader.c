/* SPDX-License-Identifier: MIT */
/* The process loader: TBFs from storage, checked, placed and copied into SRAM. */
#include "kernel/process_loader.h"

#include <arch_context.h>

#include "lib/compiler.h"
#include "lib/string.h"
#include "loader/tbf.h"

#define PAGE PROCESS_PAGE_BYTES

/* A page range [start, end) some app already owns. */
struct range {
	uint32_t start, end;
};

/*
 * In these two, the scalars come before the array and the TBF header: within the 127 bytes an
 * i386 instruction reaches with a one-byte offset.
 */
struct loader {
	const struct process_memory *mem;
	const struct process_loader_config *config;
	void (*report)(const char *fmt, ...);
	unsigned used_count;
	unsigned skipped_count; /* apps reported and skipped */
	struct range used[2 * PROCESS_LOADER_MAX_APPS];
};

/* An app between parsing and copying. */
struct candidate {
	uint32_t offset;    /* in the app region */
	uint32_t tbf_vaddr; /* where the TBF's copy starts, in its first flash page */
	uint32_t flash_start, flash_pages, ram_start, ram_pages;
	struct tbf_header hdr;
};

static uint32_t pages(uint64_t bytes)
{
	return (uint32_t)((bytes + PAGE - 1) / PAGE);
}

static uint8_t *host(const struct loader *l, uint32_t vaddr)
{
	return l->mem->host + (vaddr - l->mem->start_vaddr);
}

static OUT_OF_LINE void take(struct loader *l, uint32_t start, uint32_t end)
{
	l->used[l->used_count++] = (struct range){start, end};
}

/* Returns: a range taken that overlaps the n pages from start, or NULL if none does. */
static OUT_OF_LINE const struct range *taken(const struct loader *l, uint32_t start, uint32_t n)
{
	for (unsigned i = 0; i < l->used_count; i++)
		if (start < l->used[i].end && l->used[i].start < start + n * PAGE)
			return &l->used[i];
	return NULL;
}

/*
 * Finds n free pages of SRAM at or above min_vaddr: the lowest such pages, or the highest if top.
 * Returns: their start, or 0 if none are free.
 */
static uint32_t find_pages(const struct loader *l, uint32_t n, uint32_t min_vaddr, bool top)
{
	uint32_t lo = MAX(min_vaddr, l->mem->start_vaddr);
	uint32_t hi = l->mem->end_vaddr;

	if (lo > hi)
		return 0;
	/*
	 * The pages are looked for in [lo, hi), which shrinks past each range taken that is in the
	 * way. hi is page aligned, so aligning lo cannot wrap; every range taken starts and ends on
	 * a page, so lo and hi stay aligned; and n pages are known to fit in [lo, hi) before an
	 * address is computed from them, so none wraps.
	 */
	lo = ALIGN_UP(lo, PAGE);
	while (lo <= hi && n <= (hi - lo) / PAGE) {
		uint32_t at = top ? hi - n * PAGE : lo;
		const struct range *r = taken(l, at, n);

		if (!r)
			return at;
		/* Up, any start below r's end overlaps r; down, any end above r's start does. */
		if (top)
			hi = r->start;
		else
			lo = r->end;
	}
	return 0;
}

/* Returns: whether the n pages from page-aligned start are free SRAM. */
static bool range_free(const struct loader *l, uint32_t start, uint32_t n)
{
	return start && find_pages(l, n, start, false) == start;
}

/* Counts c skipped and starts the line reporting it; the caller says why and ends the line. */
static void skipped(struct loader *l, const struct candidate *c)
{
	l->skipped_count++;
	if (c->hdr.name_len)
		l->report("process loader: app '%.*s' (offset 0x%x) skipped: ",
			  (int)c->hdr.name_len, c->hdr.name, c->offset);
	else
		l->report("process loader: app at offset 0x%x skipped: ", c->offset);
}

/*
 * Reports c skipped for the reason why, followed by the TBF parser's diagnosis d unless d is
 * NULL. Returns: false, for "not loaded".
 */
static bool reject(struct loader *l, const struct candidate *c, const char *why,
		   const struct tbf_diag *d)
{
	skipped(l, c);
	l->report("%s", why);
	if (d) {
		l->report(": %s at offset %u: %s", d->field, d->offset, d->what);
		if (d->has_expected)
			l->report(": expected 0x%x", d->expected);
		if (d->has_values)
			l->report("%sfound 0x%x", d->has_expected ? ", " : ": ", d->found);
	}
	l->report("\n");
	return false;
}

/* Decides where the app goes. Returns: true if it fits (its ranges are then taken). */
static OUT_OF_LINE bool place(struct loader *l, struct candidate *c)
{
	const struct tbf_header *h = &c->hdr;
	unsigned used_count = l->used_count;
	/*
	 * The ABI's initial stack frame needs 9 words of app RAM, whatever the TBF says; the
	 * grants get pages of their own above it (a page is the unit of protection), and the
	 * process's protection table its own pages above them.
	 */
	uint32_t app_pages = pages(MAX(h->minimum_ram_size, PROCESS_MIN_RAM_BYTES));

	/*
	 * A part without a fixed address goes anywhere: relocations (if any) move what refers to
	 * it, and an app with neither claims to run anywhere. A fixed flash address is the
	 * binary's: the TBF's header and trailer come before it.
	 */
	bool fixed_flash = h->fixed_flash_vaddr != TBF_ADDR_NONE;

	c->tbf_vaddr = fixed_flash ? h->fixed_flash_vaddr - h->binary_offset : 0;
	c->flash_pages = pages(c->tbf_vaddr % PAGE + (uint64_t)h->total_size);
	c->ram_pages = app_pages + pages(l->config->grant_bytes) + pages(ARCH_MPU_TABLE_BYTES);

	if (fixed_flash) {
		c->flash_start = ALIGN_DOWN(c->tbf_vaddr, PAGE);
		if (h->fixed_flash_vaddr < h->binary_offset ||
		    !range_free(l, c->flash_start, c->flash_pages)) {
			skipped(l, c);
			l->report("its fixed flash address 0x%08x is not free SRAM (apps may use "
				  "0x%08x-0x%08x)\n",
				  h->fixed_flash_vaddr, l->mem->start_vaddr, l->mem->end_vaddr);
			return false;
		}
	} else {
		c->flash_start = c->tbf_vaddr = find_pages(l, c->flash_pages, 0, false);
	}
	if (!c->flash_start)
		goto out_of_sram;
	uint32_t text_end = c->flash_start + c->flash_pages * PAGE;

	/* Taken now so that the RAM search steps over it; given back if the RAM does not fit. */
	take(l, c->flash_start, text_end);
	if (h->fixed_ram_vaddr != TBF_ADDR_NONE) {
		c->ram_start = h->fixed_ram_vaddr;
		const char *why = NULL;

		if (!IS_ALIGNED(c->ram_start, PAGE))
			why = "is not page aligned";
		else if (c->ram_start < text_end)
			why = "lies below the end of its text (RAM must be above the text to be "
			      "non-executable)";
		else if (!range_free(l, c->ram_start, c->ram_pages))
			why = "is not free SRAM";
		if (why) {
			skipped(l, c);
			l->report("its fixed RAM 0x%08x+%u (text ends at 0x%08x) %s\n",
				  c->ram_start, c->ram_pages * PAGE, text_end, why);
			goto out_give_back;
		}
	} else {
		/*
		 * From the top down, while text goes from the bottom up: RAM then lies above every
		 * app's text, not just its own, so a page one process shares with another is never
		 * inside the other's code segment (which covers everything below its text's end).
		 */
		c->ram_start = find_pages(l, c->ram_pages, text_end, true);
		if (!c->ram_start)
			goto out_of_sram;
	}
	take(l, c->ram_start, c->ram_start + c->ram_pages * PAGE);
	return true;

out_of_sram:
	skipped(l, c);
	l->report("out of SRAM: needs %u KiB of text and %u KiB of RAM\n",
		  c->flash_pages * (PAGE / 1024), c->ram_pages * (PAGE / 1024));
out_give_back:
	l->used_count = used_count;
	return false;
}

/* Copies, re-checks the copy, verifies credentials and relocates. Returns: true if loaded. */
static OUT_OF_LINE bool install(struct loader *l, const uint8_t *tbf, struct candidate *c,
				struct app *app)
{
	const struct tbf_header *h = &c->hdr;
	uint32_t tbf_vaddr = c->tbf_vaddr;
	uint32_t text_end = c->flash_start + c->flash_pages * PAGE;
	uint8_t *flash = host(l, c->flash_start), *copy = host(l, tbf_vaddr);
	struct tbf_header hc;
	struct tbf_diag d = {0};
	enum error_code rc;
	const char *why;		    /* why it is skipped */
	const struct tbf_diag *diag = NULL; /* and what the TBF parser found, if that applies */

	/* Every byte of the app's pages is defined: zero fill around the copy. */
	memset(flash, 0, text_end - c->flash_start);
	memcpy(copy, tbf, h->total_size);

	/* From here on only the copy counts: it is what will run. */
	rc = tbf_parse(copy, h->total_size, &hc, &d);
	if (rc != ERROR_NONE) {
		why = "copy does not parse";
		diag = &d;
		goto out_wipe;
	}
	if (hc.total_size != h->total_size || hc.binary_offset != h->binary_offset ||
	    hc.minimum_ram_size != h->minimum_ram_size) {
		why = "changed in storage while it was being loaded";
		goto out_wipe;
	}
	enum tbf_cred_status status;
	rc = tbf_verify_footer(copy, &hc, &status, &d);
	if (rc == ERROR_NOSUPPORT) {
		why = "its credentials are of a format this kernel cannot check";
		goto out_wipe;
	}
	if (rc == ERROR_NODEVICE && l->config->require_credentials) {
		why = "it has no SHA-256 credential and this platform requires one";
		goto out_wipe;
	}
	if (rc != ERROR_NONE && rc != ERROR_NODEVICE) {
		why = rc == ERROR_FAIL ? "credentials do not match" : "footer";
		diag = &d;
		goto out_wipe;
	}
	bool signed_sha256 = rc == ERROR_NONE && status == TBF_CRED_STATUS_SHA256_OK;
	rc = tbf_apply_relocations(&hc, copy + hc.binary_offset, hc.binary_size,
				   tbf_vaddr + hc.binary_offset, c->ram_start, &d);
	if (rc != ERROR_NONE) {
		why = "relocation failed";
		diag = &d;
		goto out_wipe;
	}

	*app = (struct app){
	    .name = hc.name,
	    .name_len = hc.name_len,
	    .flash_start = c->flash_start,
	    .tbf_start = tbf_vaddr,
	    .binary_vaddr = tbf_vaddr + hc.binary_offset,
	    .binary_end = tbf_vaddr + hc.binary_end_offset,
	    .text_end = text_end,
	    .entry_vaddr = tbf_vaddr + hc.entry_offset,
	    .ram_start = c->ram_start,
	    .ram_end = c->ram_start + c->ram_pages * PAGE,
	    .min_ram_bytes = hc.minimum_ram_size,
	    .relocated = hc.has_relocations,
	    .signed_sha256 = signed_sha256,
	    .storage_offset = c->offset,
	};
	return true;

out_wipe:
	memset(flash, 0, text_end - c->flash_start);
	return reject(l, c, why, diag);
}

static OUT_OF_LINE bool erased(const uint8_t *p, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (p[i] != p[0] || (p[0] != 0x00 && p[0] != 0xff))
			return false;
	return true;
}

/* Returns: whether the app should be placed; reports why not. */
static bool acceptable(struct loader *l, struct candidate *c)
{
	const struct tbf_header *h = &c->hdr;

	if (!h->enabled)
		return h->is_padding ? false : reject(l, c, "disabled in its header", NULL);
	if (tbf_check_kernel_version(h, l->config->kernel_major, l->config->kernel_minor) !=
	    ERROR_NONE) {
		skipped(l, c);
		l->report("needs kernel ^%u.%u, this is %u.%u\n", h->kernel_major, h->kernel_minor,
			  l->config->kernel_major, l->config->kernel_minor);
		return false;
	}
	return true;
}

void process_loader_load(const uint8_t *apps, uint32_t apps_bytes, const struct process_memory *mem,
			 const struct process_loader_config *config,
			 void (*report)(const char *fmt, ...), struct process_loader_result *out)
{
	struct loader l = {.mem = mem, .config = config, .report = report};
	static struct candidate found[PROCESS_LOADER_MAX_APPS]; /* too big for the stack */
	struct candidate extra; /* an app beyond the last slot: parsed, to be reported */
	unsigned n = 0;
	uint32_t off = 0;

	out->count = 0;
	while (off < apps_bytes && !erased(apps + off, apps_bytes - off)) {
		/* Its slot, or extra once all are taken; tbf_parse fills hdr, place() the rest. */
		struct candidate *c = n < PROCESS_LOADER_MAX_APPS ? &found[n] : &extra;
		struct tbf_diag d = {0};
		enum error_code rc = tbf_parse(apps + off, apps_bytes - off, &c->hdr, &d);

		c->offset = off;
		if (rc != ERROR_NONE) {
			c->hdr.name_len = 0;
			reject(&l, c, "bad TBF", &d);
			if (!c->hdr.total_size) {
				report(
				    "process loader: cannot find the next app after offset 0x%x; "
				    "%u bytes of the app region not walked\n",
				    off, apps_bytes - off);
				break;
			}
		}
		off += c->hdr.total_size;
		if (rc != ERROR_NONE || !acceptable(&l, c))
			continue;
		if (c == &extra)
			reject(&l, c, "too many apps for this kernel", NULL);
		else
			n++;
	}

	/* Pinned apps first, so movable ones cannot take their addresses. */
	for (int pinned_pass = 1; pinned_pass >= 0; pinned_pass--) {
		for (unsigned i = 0; i < n; i++) {
			struct candidate *c = &found[i];
			bool pinned = c->hdr.fixed_flash_vaddr != TBF_ADDR_NONE ||
				      c->hdr.fixed_ram_vaddr != TBF_ADDR_NONE;

			if (pinned != pinned_pass || !place(&l, c))
				continue;
			if (install(&l, apps + c->offset, c, &out->apps[out->count]))
				out->count++;
			else
				l.used_count -= 2; /* give its pages back */
		}
	}
	out->skipped = l.skipped_count;
}
