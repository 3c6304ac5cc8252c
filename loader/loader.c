/* SPDX-License-Identifier: MIT */
/* The loader's core: check the firmware image, measure and copy the kernel, hand over. */
#include "loader/loader.h"

#include <stdarg.h>

#include "lib/fmt.h"
#include "lib/string.h"
#include "loader/image.h"

struct env_sink {
	struct fmt_sink sink;
	struct loader_env *env;
};

static void emit(struct fmt_sink *sink, const char *s, size_t len)
{
	struct loader_env *env = container_of(sink, struct env_sink, sink)->env;

	/* Serial terminals want CR LF. */
	while (len) {
		size_t run = 0;

		while (run < len && s[run] != '\n')
			run++;
		if (run)
			env->write(s, run);
		if (run == len)
			break;
		env->write("\r\n", 2);
		s += run + 1;
		len -= run + 1;
	}
}

static void vprint(struct loader_env *env, const char *fmt, va_list ap)
{
	struct env_sink es = {{emit}, env};

	fmt_vformat(&es.sink, fmt, ap);
}

void loader_printf(struct loader_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(env, fmt, ap);
	va_end(ap);
}

void loader_refuse(struct loader_env *env, const char *fmt, ...)
{
	va_list ap;

	loader_printf(env, "loader: REFUSED: ");
	va_start(ap, fmt);
	vprint(env, fmt, ap);
	va_end(ap);
	loader_printf(env, "\nloader: nothing was started\n");
	env->stop();
}

/* Do [a, a + alen) and [b, b + blen) overlap? (64-bit: ranges may end at 4 GiB.) */
static int overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static int contains(uint64_t outer, uint64_t olen, uint64_t inner, uint64_t ilen)
{
	return inner >= outer && inner + ilen <= outer + olen;
}

/* Is [paddr, paddr + bytes) inside one usable region of the memory map? */
static int usable(const struct boot_info *bi, uint64_t paddr, uint64_t bytes)
{
	for (uint32_t i = 0; i < bi->mem_region_count; i++) {
		const struct boot_mem_region *r = &bi->mem_regions[i];

		if (r->type == BOOT_MEM_USABLE && contains(r->base, r->bytes, paddr, bytes))
			return 1;
	}
	return 0;
}

static NORETURN void refuse_image(struct loader_env *env, const struct image_diag *d)
{
	loader_refuse(env, "bad firmware image: %s at offset %u: %s: expected 0x%x, found 0x%x",
		      d->field, d->offset, d->what, d->expected, d->found);
}

static void check_kernel_placement(struct loader_env *env, const struct image_header *h)
{
	const struct boot_info *bi = env->bi;
	uint32_t load = h->kernel_load_paddr, bytes = h->kernel_mem_bytes;

	if (!contains(bi->sram_paddr, bi->sram_bytes, load, bytes))
		loader_refuse(env,
			      "kernel load range 0x%08x-0x%08x is outside the SRAM window "
			      "0x%08x-0x%08x",
			      load, load + bytes, bi->sram_paddr, bi->sram_paddr + bi->sram_bytes);
	if (overlaps(load, bytes, bi->loader_paddr, bi->loader_bytes))
		loader_refuse(
		    env, "kernel load range 0x%08x-0x%08x overlaps the loader 0x%08x-0x%08x", load,
		    load + bytes, bi->loader_paddr, bi->loader_paddr + bi->loader_bytes);
	if (overlaps(load, bytes, bi->storage_paddr, bi->storage_bytes))
		loader_refuse(env,
			      "kernel load range 0x%08x-0x%08x overlaps the firmware image "
			      "0x%08x-0x%08x",
			      load, load + bytes, bi->storage_paddr,
			      bi->storage_paddr + bi->storage_bytes);
}

void loader_boot(struct loader_env *env)
{
	struct boot_info *bi = env->bi;
	struct image_header h;
	struct image_diag diag;
	enum error_code rc;

	loader_printf(env, "loader: firmware image at 0x%08x, %u bytes\n", bi->storage_paddr,
		      bi->storage_bytes);
	if (!bi->mem_region_count)
		loader_refuse(env,
			      "no memory map from the boot stage: cannot check the SRAM window");
	if (!usable(bi, bi->sram_paddr, bi->sram_bytes))
		loader_refuse(env, "SRAM window 0x%08x-0x%08x is not usable RAM in the memory map",
			      bi->sram_paddr, bi->sram_paddr + bi->sram_bytes);
	if (overlaps(bi->sram_paddr, bi->sram_bytes, bi->storage_paddr, bi->storage_bytes))
		loader_refuse(env, "firmware image 0x%08x-0x%08x lies inside the SRAM window",
			      bi->storage_paddr, bi->storage_paddr + bi->storage_bytes);

	rc = image_parse(env->storage, bi->storage_bytes, &h, &diag);
	if (rc != ERROR_NONE)
		refuse_image(env, &diag);
	check_kernel_placement(env, &h);

	/*
	 * Copy first, then hash the copy: what runs is exactly what was measured, even if the
	 * storage changes meanwhile (a flash the host can write). A mismatch wipes the copy.
	 */
	uint8_t *dst = env->sram + (h.kernel_load_paddr - bi->sram_paddr);
	memcpy(dst, env->storage + h.kernel_offset, h.kernel_file_bytes);
	bi->cycles_hash_start = env->cycles ? env->cycles() : 0;
	rc = image_check_kernel_hash(dst, &h, bi->kernel_sha256, &diag);
	bi->cycles_hash_end = env->cycles ? env->cycles() : 0;
	if (rc != ERROR_NONE) {
		memset(dst, 0, h.kernel_file_bytes);
		refuse_image(env, &diag);
	}
	/* Zero the bss: nothing of a previous boot may leak into the kernel. */
	memset(dst + h.kernel_file_bytes, 0, h.kernel_mem_bytes - h.kernel_file_bytes);

	loader_printf(env, "loader: kernel sha256 ");
	for (unsigned i = 0; i < SHA256_DIGEST_BYTES; i++)
		loader_printf(env, "%02x", bi->kernel_sha256[i]);
	loader_printf(env, " verified\n");

	bi->kernel_paddr = h.kernel_load_paddr;
	bi->kernel_bytes = h.kernel_mem_bytes;
	bi->kernel_file_bytes = h.kernel_file_bytes;
	bi->kernel_entry_paddr = h.kernel_entry_paddr;
	bi->apps_paddr = h.apps_bytes ? bi->storage_paddr + h.apps_offset : 0;
	bi->apps_bytes = h.apps_bytes;
	loader_printf(env, "loader: kernel 0x%08x-0x%08x, entry 0x%08x; %u bytes of apps\n",
		      h.kernel_load_paddr, h.kernel_load_paddr + h.kernel_mem_bytes,
		      h.kernel_entry_paddr, h.apps_bytes);
	env->enter(h.kernel_entry_paddr, bi);
}
