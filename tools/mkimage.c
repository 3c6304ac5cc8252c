/* SPDX-License-Identifier: MIT */
/* mkimage: builds the firmware image from the kernel ELF and the apps' TBFs (docs/image.md). */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/sha256.h"
#include "loader/image.h"

#define MAX_APPS 64

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkimage: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (*len = (size_t)ftell(f), fseek(f, 0, SEEK_SET)))
		die("%s: cannot size: %s", path, strerror(errno));
	uint8_t *buf = malloc(*len ? *len : 1);
	if (!buf || fread(buf, 1, *len, f) != *len)
		die("%s: read failed", path);
	fclose(f);
	return buf;
}

struct kernel {
	uint8_t *bytes; /* file image, load_paddr .. load_paddr + file_bytes */
	uint32_t load_paddr, file_bytes, mem_bytes, entry;
};

/* Lays the ELF's PT_LOAD segments out by physical address into one segment. */
static void load_elf(const char *path, struct kernel *k)
{
	size_t len;
	uint8_t *elf = read_file(path, &len);
	Elf32_Ehdr eh;

	if (len < sizeof(eh))
		die("%s: too short for an ELF header", path);
	memcpy(&eh, elf, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_386 || eh.e_type != ET_EXEC)
		die("%s: not a 32-bit little-endian i386 executable", path);
	if (eh.e_phentsize != sizeof(Elf32_Phdr) || eh.e_phoff > len ||
	    (size_t)eh.e_phnum * sizeof(Elf32_Phdr) > len - eh.e_phoff)
		die("%s: program headers out of bounds", path);

	uint64_t lo = UINT64_MAX, file_hi = 0, mem_hi = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph;

		memcpy(&ph, elf + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > len ||
		    ph.p_filesz > len - ph.p_offset)
			die("%s: segment %u out of bounds", path, i);
		if (ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (ph.p_filesz && ph.p_paddr + (uint64_t)ph.p_filesz > file_hi)
			file_hi = ph.p_paddr + (uint64_t)ph.p_filesz;
		if (ph.p_paddr + (uint64_t)ph.p_memsz > mem_hi)
			mem_hi = ph.p_paddr + (uint64_t)ph.p_memsz;
	}
	if (lo == UINT64_MAX || file_hi <= lo)
		die("%s: no loadable contents", path);
	if (mem_hi > UINT32_MAX)
		die("%s: segments end past 4 GiB", path);
	k->load_paddr = (uint32_t)lo;
	k->file_bytes = (uint32_t)(file_hi - lo);
	k->mem_bytes = (uint32_t)(mem_hi - lo);
	k->entry = eh.e_entry;
	k->bytes = calloc(1, k->file_bytes);
	if (!k->bytes)
		die("out of memory");
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph;

		memcpy(&ph, elf + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_LOAD && ph.p_filesz)
			memcpy(k->bytes + (ph.p_paddr - lo), elf + ph.p_offset, ph.p_filesz);
	}
	free(elf);
}

static void usage(void)
{
	fprintf(stderr, "usage: mkimage -o IMAGE --kernel KERNEL.elf [--app APP.tbf ...]\n"
			"Builds the firmware image the loader boots (docs/image.md).\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *out = NULL, *kernel_path = NULL, *apps[MAX_APPS];
	unsigned napps = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--kernel") && i + 1 < argc)
			kernel_path = argv[++i];
		else if (!strcmp(argv[i], "--app") && i + 1 < argc) {
			if (napps == MAX_APPS)
				die("more than %u apps", MAX_APPS);
			apps[napps++] = argv[++i];
		} else
			usage();
	}
	if (!out || !kernel_path)
		usage();

	struct kernel k;
	load_elf(kernel_path, &k);

	struct image_header h = {
	    .magic = IMAGE_MAGIC,
	    .version = IMAGE_VERSION,
	    .header_bytes = IMAGE_HEADER_BYTES,
	    .kernel_offset = IMAGE_ALIGN,
	    .kernel_file_bytes = k.file_bytes,
	    .kernel_mem_bytes = k.mem_bytes,
	    .kernel_load_paddr = k.load_paddr,
	    .kernel_entry_paddr = k.entry,
	};
	sha256(k.bytes, k.file_bytes, h.kernel_sha256);

	/* The app region: TBFs back to back, each a multiple of 4 bytes (TBF total_size). */
	size_t apps_bytes = 0, app_len[MAX_APPS];
	uint8_t *app_data[MAX_APPS];
	for (unsigned i = 0; i < napps; i++) {
		app_data[i] = read_file(apps[i], &app_len[i]);
		if (app_len[i] % 4)
			die("%s: %zu bytes is not a multiple of 4 (not a TBF?)", apps[i],
			    app_len[i]);
		apps_bytes += app_len[i];
	}
	uint64_t apps_offset = ALIGN_UP((uint64_t)h.kernel_offset + k.file_bytes, IMAGE_ALIGN);
	uint64_t total =
	    napps ? apps_offset + apps_bytes : h.kernel_offset + (uint64_t)k.file_bytes;
	if (total > UINT32_MAX)
		die("image would exceed 4 GiB");
	h.apps_offset = napps ? (uint32_t)apps_offset : 0;
	h.apps_bytes = (uint32_t)apps_bytes;
	h.image_bytes = (uint32_t)total;

	uint8_t *img = calloc(1, total);
	if (!img)
		die("out of memory");
	image_header_write(&h, img);
	memcpy(img + h.kernel_offset, k.bytes, k.file_bytes);
	for (unsigned i = 0, at = h.apps_offset; i < napps; at += app_len[i], i++)
		memcpy(img + at, app_data[i], app_len[i]);

	/* Refuse to write what the loader would refuse. */
	struct image_header check;
	struct image_diag diag;
	if (image_parse(img, total, &check, &diag) != ERROR_NONE)
		die("internal error: built image fails its own check: %s: %s", diag.field,
		    diag.what);

	FILE *f = fopen(out, "wb");
	if (!f || fwrite(img, 1, total, f) != total || fclose(f))
		die("%s: write failed: %s", out, strerror(errno));
	for (unsigned i = 0; i < napps; i++)
		free(app_data[i]);
	free(img);
	free(k.bytes);
	return 0;
}
