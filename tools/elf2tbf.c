/* SPDX-License-Identifier: MIT */
/* elf2tbf: turns a static i386 ELF app into a Tock Binary Format (TBF) image. */
#include <elf.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "loader/tbf.h"
#include "tools/tbf_build.h"

/*
 * What goes in (docs/tbf.md, "What elf2tbf emits"): a statically linked ELFCLASS32 EM_386
 * executable whose text/rodata are linked at a flash address and whose .data/.bss are linked at
 * a RAM address, .data's load image (LMA, p_paddr) following text in flash. The TBF binary is
 * the file bytes of every PT_LOAD segment laid out by p_paddr from the lowest one, holes
 * zero-filled, padded to 4 bytes.
 */

STATIC_ASSERT(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__); /* ELF structs are memcpy'd */

#define MAX_BINARY_BYTES  (16u << 20) /* far above any SRAM this kernel runs in */
#define MAX_PERMISSIONS	  64
#define MAX_RELOCATIONS	  ((0xFFFFu - TBF_RELOC_FIXED_BYTES) / TBF_RELOC_ENTRY_BYTES)
#define DEFAULT_STACK	  2048 /* upstream elf2tab's defaults */
#define DEFAULT_HEAP	  1024
#define DEFAULT_KERN_HEAP 1024

struct options {
	const char *output;
	const char *input;
	const char *name;
	bool have_ram_bytes;
	uint32_t ram_bytes;
	uint32_t stack_bytes;
	uint32_t heap_bytes;
	uint32_t kernel_heap_bytes;
	uint16_t kernel_major;
	uint16_t kernel_minor;
	bool have_fixed_ram;
	uint32_t fixed_ram;
	bool have_fixed_flash;
	uint32_t fixed_flash;
	bool have_short_id;
	uint32_t short_id;
	struct tbf_permission perms[MAX_PERMISSIONS];
	uint32_t perm_count;
	bool sha256;
	bool disabled;
	bool sticky;
	bool pic;
	uint32_t protected_trailer;
	uint32_t app_version;
	bool verbose;
};

/* A PT_LOAD segment, classified. */
struct segment {
	Elf32_Phdr ph;
	bool flash; /* file bytes linked where they are loaded (text, rodata) */
	bool ram;   /* linked in RAM: .data (loaded elsewhere) and/or .bss */
};

/* Everything read from the ELF; global so LeakSanitizer sees it reachable at exit(1). */
static struct elf {
	const char *path;
	uint8_t *data;
	size_t size;
	Elf32_Ehdr eh;
	struct segment *segs;
	unsigned nsegs;
	Elf32_Shdr *shdrs;
	unsigned nshdrs;
	unsigned symtab; /* section index, 0 if none */

	uint32_t flash_lo, flash_hi; /* binary = [flash_lo, flash_hi) by p_paddr */
	bool have_ram;
	uint32_t ram_lo, ram_hi; /* RAM link range by p_vaddr */
	uint8_t *binary;
	uint32_t binary_len; /* padded to 4 */
	uint32_t *relocs;
	uint32_t nrelocs;
} elf;

static struct tbf_build build;

static NORETURN PRINTF_LIKE(1, 2) void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("elf2tbf: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void usage(FILE *f)
{
	fputs(
	    "usage: elf2tbf -o OUT.tbf --name NAME [options] APP.elf\n"
	    "  --ram-bytes N            minimum RAM (default: the ELF's RAM + stack + heaps)\n"
	    "  --stack N                stack bytes (default 2048)\n"
	    "  --heap N                 app heap bytes (default 1024)\n"
	    "  --kernel-heap N          grant bytes (default 1024)\n"
	    "  --kernel-version MAJ.MIN kernel the app needs, ^MAJ.MIN (default 2.0)\n"
	    "  --fixed-ram ADDR         fixed RAM address (default: RAM link address; none with "
	    "--pic)\n"
	    "  --fixed-flash ADDR       fixed binary address (default: flash link address; none "
	    "with --pic)\n"
	    "  --short-id N             short id (nonzero)\n"
	    "  --permission D:O:MASK    allow commands O*64.. (bitmask MASK) of driver D; repeat\n"
	    "  --sha256                 add a SHA-256 credentials footer\n"
	    "  --disabled               clear the enabled flag\n"
	    "  --sticky                 set the sticky flag\n"
	    "  --pic                    emit the 0x8001 relocation TLV (ELF built -fno-pic,\n"
	    "                           linked with -Wl,-q)\n"
	    "  --protected-trailer N    bytes between the header and the binary (default 0)\n"
	    "  --app-version N          the Program TLV's version (default 0)\n"
	    "  -v, --verbose            describe the conversion\n",
	    f);
}

static uint64_t parse_number(const char *opt, const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (!*s || *s == '-')
		die("%s: '%s' is not a number", opt, s);
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		die("%s: '%s' is not a number in 0..%#llx", opt, s, (unsigned long long)max);
	return v;
}

static void parse_permission(struct options *o, const char *arg)
{
	char buf[128], *a, *b;
	struct tbf_permission *p;

	if (strlen(arg) >= sizeof(buf))
		die("--permission: '%s' is too long", arg);
	strcpy(buf, arg);
	a = strchr(buf, ':');
	b = a ? strchr(a + 1, ':') : NULL;
	if (!a || !b)
		die("--permission: '%s' is not DRIVER:OFFSET:MASK", arg);
	*a++ = 0;
	*b++ = 0;
	if (o->perm_count == MAX_PERMISSIONS)
		die("--permission: more than %d", MAX_PERMISSIONS);
	p = &o->perms[o->perm_count];
	p->driver = (uint32_t)parse_number("--permission driver", buf, 0xFFFFFFFFu);
	p->offset = (uint32_t)parse_number("--permission offset", a, 0xFFFFFFFFu);
	p->allowed_commands = parse_number("--permission mask", b, UINT64_MAX);
	/* Entries for the same driver and offset are ORed together (Tock book). */
	for (uint32_t i = 0; i < o->perm_count; i++) {
		if (o->perms[i].driver == p->driver && o->perms[i].offset == p->offset) {
			o->perms[i].allowed_commands |= p->allowed_commands;
			return;
		}
	}
	o->perm_count++;
}

enum {
	OPT_NAME = 256,
	OPT_RAM_BYTES,
	OPT_STACK,
	OPT_HEAP,
	OPT_KERNEL_HEAP,
	OPT_KERNEL_VERSION,
	OPT_FIXED_RAM,
	OPT_FIXED_FLASH,
	OPT_SHORT_ID,
	OPT_PERMISSION,
	OPT_SHA256,
	OPT_DISABLED,
	OPT_STICKY,
	OPT_PIC,
	OPT_PROTECTED_TRAILER,
	OPT_APP_VERSION,
};

static void parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"name", required_argument, NULL, OPT_NAME},
	    {"ram-bytes", required_argument, NULL, OPT_RAM_BYTES},
	    {"stack", required_argument, NULL, OPT_STACK},
	    {"heap", required_argument, NULL, OPT_HEAP},
	    {"kernel-heap", required_argument, NULL, OPT_KERNEL_HEAP},
	    {"kernel-version", required_argument, NULL, OPT_KERNEL_VERSION},
	    {"fixed-ram", required_argument, NULL, OPT_FIXED_RAM},
	    {"fixed-flash", required_argument, NULL, OPT_FIXED_FLASH},
	    {"short-id", required_argument, NULL, OPT_SHORT_ID},
	    {"permission", required_argument, NULL, OPT_PERMISSION},
	    {"sha256", no_argument, NULL, OPT_SHA256},
	    {"disabled", no_argument, NULL, OPT_DISABLED},
	    {"sticky", no_argument, NULL, OPT_STICKY},
	    {"pic", no_argument, NULL, OPT_PIC},
	    {"protected-trailer", required_argument, NULL, OPT_PROTECTED_TRAILER},
	    {"app-version", required_argument, NULL, OPT_APP_VERSION},
	    {"verbose", no_argument, NULL, 'v'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	unsigned maj, min;
	char tail;
	int c;

	*o = (struct options){
	    .stack_bytes = DEFAULT_STACK,
	    .heap_bytes = DEFAULT_HEAP,
	    .kernel_heap_bytes = DEFAULT_KERN_HEAP,
	    .kernel_major = 2,
	    .kernel_minor = 0,
	};
	while ((c = getopt_long(argc, argv, "o:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case OPT_NAME:
			o->name = optarg;
			break;
		case OPT_RAM_BYTES:
			o->have_ram_bytes = true;
			o->ram_bytes = (uint32_t)parse_number("--ram-bytes", optarg, 0xFFFFFFFFu);
			break;
		case OPT_STACK:
			o->stack_bytes = (uint32_t)parse_number("--stack", optarg, 1u << 28);
			break;
		case OPT_HEAP:
			o->heap_bytes = (uint32_t)parse_number("--heap", optarg, 1u << 28);
			break;
		case OPT_KERNEL_HEAP:
			o->kernel_heap_bytes =
			    (uint32_t)parse_number("--kernel-heap", optarg, 1u << 28);
			break;
		case OPT_KERNEL_VERSION:
			if (sscanf(optarg, "%u.%u%c", &maj, &min, &tail) != 2 || maj > 0xFFFF ||
			    min > 0xFFFF)
				die("--kernel-version: '%s' is not MAJOR.MINOR", optarg);
			o->kernel_major = (uint16_t)maj;
			o->kernel_minor = (uint16_t)min;
			break;
		case OPT_FIXED_RAM:
			o->have_fixed_ram = true;
			o->fixed_ram = (uint32_t)parse_number("--fixed-ram", optarg, 0xFFFFFFFFu);
			break;
		case OPT_FIXED_FLASH:
			o->have_fixed_flash = true;
			o->fixed_flash =
			    (uint32_t)parse_number("--fixed-flash", optarg, 0xFFFFFFFFu);
			break;
		case OPT_SHORT_ID:
			o->have_short_id = true;
			o->short_id = (uint32_t)parse_number("--short-id", optarg, 0xFFFFFFFFu);
			if (!o->short_id)
				die("--short-id: must be nonzero");
			break;
		case OPT_PERMISSION:
			parse_permission(o, optarg);
			break;
		case OPT_SHA256:
			o->sha256 = true;
			break;
		case OPT_DISABLED:
			o->disabled = true;
			break;
		case OPT_STICKY:
			o->sticky = true;
			break;
		case OPT_PIC:
			o->pic = true;
			break;
		case OPT_PROTECTED_TRAILER:
			o->protected_trailer =
			    (uint32_t)parse_number("--protected-trailer", optarg, 1u << 20);
			break;
		case OPT_APP_VERSION:
			o->app_version =
			    (uint32_t)parse_number("--app-version", optarg, 0xFFFFFFFFu);
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(1);
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		die(optind == argc ? "no input ELF given" : "more than one input given");
	}
	o->input = argv[optind];
	if (!o->output)
		die("no output file given (-o)");
	if (!o->name)
		die("no package name given (--name)");
	if (strlen(o->name) > TBF_MAX_NAME_BYTES)
		die("--name: longer than %d bytes", TBF_MAX_NAME_BYTES);
}

static void read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		die("%s: cannot size: %s", path, strerror(errno));
	elf.path = path;
	elf.size = (size_t)n;
	elf.data = malloc(elf.size ? elf.size : 1);
	if (!elf.data)
		die("out of memory");
	if (fread(elf.data, 1, elf.size, f) != elf.size)
		die("%s: read error", path);
	fclose(f);
}

/* True if [off, off + len) lies inside the file. */
static bool in_file(uint64_t off, uint64_t len)
{
	return off <= elf.size && len <= elf.size - off;
}

static void load_headers(void)
{
	const Elf32_Ehdr *eh = &elf.eh;

	if (elf.size < sizeof(Elf32_Ehdr) || memcmp(elf.data, ELFMAG, SELFMAG))
		die("%s: not an ELF file", elf.path);
	memcpy(&elf.eh, elf.data, sizeof(elf.eh));
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
		die("%s: not a 32-bit little-endian ELF", elf.path);
	if (eh->e_machine != EM_386)
		die("%s: e_machine is %u, not EM_386", elf.path, eh->e_machine);
	if (eh->e_type != ET_EXEC)
		die("%s: not a static executable (e_type %u; link without -pie/-shared)", elf.path,
		    eh->e_type);
	if (eh->e_phnum == 0 || eh->e_phentsize != sizeof(Elf32_Phdr) ||
	    !in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr)))
		die("%s: bad program header table", elf.path);
	if (eh->e_shnum && (eh->e_shentsize != sizeof(Elf32_Shdr) ||
			    !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf32_Shdr))))
		die("%s: bad section header table", elf.path);

	elf.segs = calloc(eh->e_phnum, sizeof(*elf.segs));
	elf.shdrs = calloc(eh->e_shnum ? eh->e_shnum : 1, sizeof(*elf.shdrs));
	if (!elf.segs || !elf.shdrs)
		die("out of memory");
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf32_Phdr ph;

		memcpy(&ph, elf.data + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_TLS)
			die("%s: has a TLS segment; apps cannot use thread-local storage",
			    elf.path);
		if (ph.p_type == PT_DYNAMIC || ph.p_type == PT_INTERP)
			die("%s: is dynamically linked; link with -static", elf.path);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz || !in_file(ph.p_offset, ph.p_filesz))
			die("%s: PT_LOAD segment %u lies outside the file", elf.path, i);
		if ((uint64_t)ph.p_paddr + ph.p_filesz > 0x100000000ull ||
		    (uint64_t)ph.p_vaddr + ph.p_memsz > 0x100000000ull)
			die("%s: PT_LOAD segment %u wraps past 4 GiB", elf.path, i);
		elf.segs[elf.nsegs].ph = ph;
		elf.segs[elf.nsegs].flash = ph.p_filesz && ph.p_vaddr == ph.p_paddr;
		elf.segs[elf.nsegs].ram = !elf.segs[elf.nsegs].flash;
		elf.nsegs++;
	}
	elf.nshdrs = eh->e_shnum;
	for (unsigned i = 0; i < elf.nshdrs; i++) {
		memcpy(&elf.shdrs[i], elf.data + eh->e_shoff + i * sizeof(Elf32_Shdr),
		       sizeof(Elf32_Shdr));
		if (elf.shdrs[i].sh_type == SHT_SYMTAB && !elf.symtab)
			elf.symtab = i;
	}
}

static const char *section_name(unsigned idx)
{
	const Elf32_Shdr *strs;
	uint32_t off;

	if (idx == 0 || idx >= elf.nshdrs || elf.eh.e_shstrndx >= elf.nshdrs)
		return "?";
	strs = &elf.shdrs[elf.eh.e_shstrndx];
	off = elf.shdrs[idx].sh_name;
	if (strs->sh_type != SHT_STRTAB || off >= strs->sh_size ||
	    !in_file(strs->sh_offset, strs->sh_size) ||
	    !memchr(elf.data + strs->sh_offset + off, 0, strs->sh_size - off))
		return "?";
	return (const char *)elf.data + strs->sh_offset + off;
}

/* Reads symbol idx of the symbol table linked from a relocation section. */
static bool get_symbol(unsigned symtab, uint32_t idx, Elf32_Sym *sym, const char **name)
{
	const Elf32_Shdr *st, *strs;

	*name = "?";
	if (symtab == 0 || symtab >= elf.nshdrs)
		return false;
	st = &elf.shdrs[symtab];
	if (st->sh_entsize != sizeof(Elf32_Sym) || idx >= st->sh_size / sizeof(Elf32_Sym) ||
	    !in_file(st->sh_offset, st->sh_size))
		return false;
	memcpy(sym, elf.data + st->sh_offset + idx * sizeof(Elf32_Sym), sizeof(*sym));
	if (ELF32_ST_TYPE(sym->st_info) == STT_SECTION) {
		*name = section_name(sym->st_shndx);
	} else if (st->sh_link < elf.nshdrs) {
		strs = &elf.shdrs[st->sh_link];
		if (sym->st_name < strs->sh_size && in_file(strs->sh_offset, strs->sh_size) &&
		    memchr(elf.data + strs->sh_offset + sym->st_name, 0,
			   strs->sh_size - sym->st_name))
			*name = (const char *)elf.data + strs->sh_offset + sym->st_name;
	}
	return true;
}

static bool find_symbol(const char *want, uint32_t *value)
{
	const Elf32_Shdr *st;
	Elf32_Sym sym;
	const char *name;

	if (!elf.symtab)
		return false;
	st = &elf.shdrs[elf.symtab];
	for (uint32_t i = 1; st->sh_entsize && i < st->sh_size / st->sh_entsize; i++) {
		if (get_symbol(elf.symtab, i, &sym, &name) && !strcmp(name, want)) {
			*value = sym.st_value;
			return true;
		}
	}
	return false;
}

static int cmp_segment_paddr(const void *a, const void *b)
{
	const struct segment *x = a, *y = b;

	return x->ph.p_paddr < y->ph.p_paddr ? -1 : x->ph.p_paddr > y->ph.p_paddr;
}

/* Lays the segments' file bytes out by p_paddr and finds the flash and RAM link ranges. */
static void layout(const struct options *o)
{
	bool have_flash = false;
	uint32_t prev_end = 0, sram_origin;
	uint64_t span;

	qsort(elf.segs, elf.nsegs, sizeof(*elf.segs), cmp_segment_paddr);
	for (unsigned i = 0; i < elf.nsegs; i++) {
		const Elf32_Phdr *ph = &elf.segs[i].ph;

		if (ph->p_filesz) {
			if (have_flash && ph->p_paddr < prev_end)
				die("%s: PT_LOAD segments overlap at load address %#x", elf.path,
				    ph->p_paddr);
			if (!have_flash)
				elf.flash_lo = ph->p_paddr;
			have_flash = true;
			prev_end = ph->p_paddr + ph->p_filesz;
			elf.flash_hi = prev_end;
		}
		if (elf.segs[i].ram) {
			if (!elf.have_ram || ph->p_vaddr < elf.ram_lo)
				elf.ram_lo = ph->p_vaddr;
			if (!elf.have_ram || ph->p_vaddr + ph->p_memsz > elf.ram_hi)
				elf.ram_hi = ph->p_vaddr + ph->p_memsz;
			elf.have_ram = true;
		}
	}
	if (!have_flash)
		die("%s: no PT_LOAD segment with file contents", elf.path);
	span = (uint64_t)elf.flash_hi - elf.flash_lo;
	if (span > MAX_BINARY_BYTES)
		die("%s: loaded bytes span %#llx bytes (%#x..%#x): is .data's load address "
		    "(AT> FLASH) right after text?",
		    elf.path, (unsigned long long)span, elf.flash_lo, elf.flash_hi);
	/* Upstream's convention: _sram_origin marks the start of RAM when RAM starts with
	 * something the segments do not show. */
	if (find_symbol("_sram_origin", &sram_origin) && elf.have_ram && sram_origin < elf.ram_lo)
		elf.ram_lo = sram_origin;
	if (elf.have_ram && elf.ram_lo < elf.flash_hi && elf.flash_lo < elf.ram_hi)
		die("%s: RAM link range %#x..%#x overlaps the flash range %#x..%#x", elf.path,
		    elf.ram_lo, elf.ram_hi, elf.flash_lo, elf.flash_hi);

	elf.binary_len = ALIGN_UP((uint32_t)span, 4u);
	elf.binary = calloc(elf.binary_len ? elf.binary_len : 1, 1);
	if (!elf.binary)
		die("out of memory");
	for (unsigned i = 0; i < elf.nsegs; i++) {
		const Elf32_Phdr *ph = &elf.segs[i].ph;

		if (ph->p_filesz)
			memcpy(elf.binary + (ph->p_paddr - elf.flash_lo), elf.data + ph->p_offset,
			       ph->p_filesz);
		if (o->verbose)
			printf("segment vaddr %#010x paddr %#010x filesz %#x memsz %#x: %s\n",
			       ph->p_vaddr, ph->p_paddr, ph->p_filesz, ph->p_memsz,
			       elf.segs[i].flash ? "flash" : "ram");
	}
}

/* The loaded segment holding file bytes at vaddr [v, v + len), or NULL. */
static const struct segment *segment_with_bytes(uint32_t v, uint32_t len)
{
	for (unsigned i = 0; i < elf.nsegs; i++) {
		const Elf32_Phdr *ph = &elf.segs[i].ph;

		if (v >= ph->p_vaddr && len <= ph->p_filesz &&
		    v - ph->p_vaddr <= ph->p_filesz - len)
			return &elf.segs[i];
	}
	return NULL;
}

/* The loaded segment whose memory image holds vaddr v, or NULL. */
static const struct segment *segment_at(uint32_t v)
{
	for (unsigned i = 0; i < elf.nsegs; i++) {
		const Elf32_Phdr *ph = &elf.segs[i].ph;

		if (v >= ph->p_vaddr && v - ph->p_vaddr < ph->p_memsz)
			return &elf.segs[i];
	}
	return NULL;
}

/*
 * Which part of the app a section moves with: 'f' the binary, 'r' RAM, or 0 if it is not
 * loaded. An empty section (e.g. one holding only a linker-script symbol) may sit at the end of
 * a range, outside every segment; a writable one is tried as RAM first, since the flash and RAM
 * ranges may touch.
 */
static char section_class(unsigned shndx)
{
	const Elf32_Shdr *sh = &elf.shdrs[shndx];
	const struct segment *seg;
	bool in_flash, in_ram;

	if (!(sh->sh_flags & SHF_ALLOC))
		return 0;
	seg = segment_at(sh->sh_addr);
	if (seg)
		return seg->ram ? 'r' : 'f';
	in_flash = sh->sh_addr >= elf.flash_lo && sh->sh_addr <= elf.flash_hi;
	in_ram = elf.have_ram && sh->sh_addr >= elf.ram_lo && sh->sh_addr <= elf.ram_hi;
	if (in_ram && (!in_flash || (sh->sh_flags & SHF_WRITE)))
		return 'r';
	return in_flash ? 'f' : 0;
}

/*
 * Where a symbol lives: 'f' flash, 'r' RAM, 'a' absolute (SHN_ABS, or no symbol at all), 'w'
 * undefined weak (0 in a static link), 'u' undefined or in a section that is not loaded.
 */
static char symbol_class(const Elf32_Sym *sym, uint32_t symidx)
{
	char c;

	if (symidx == 0 || sym->st_shndx == SHN_ABS)
		return 'a';
	if (sym->st_shndx == SHN_UNDEF)
		return ELF32_ST_BIND(sym->st_info) == STB_WEAK ? 'w' : 'u';
	if (sym->st_shndx >= elf.nshdrs)
		return 'u';
	c = section_class(sym->st_shndx);
	return c ? c : 'u';
}

static const char *reloc_type_name(unsigned type)
{
	switch (type) {
	case R_386_GOT32:
		return "R_386_GOT32";
	case R_386_COPY:
		return "R_386_COPY";
	case R_386_GLOB_DAT:
		return "R_386_GLOB_DAT";
	case R_386_JMP_SLOT:
		return "R_386_JMP_SLOT";
	case R_386_RELATIVE:
		return "R_386_RELATIVE";
	case R_386_GOTOFF:
		return "R_386_GOTOFF";
	case R_386_GOTPC:
		return "R_386_GOTPC";
	case R_386_16:
		return "R_386_16";
	case R_386_PC16:
		return "R_386_PC16";
	case R_386_8:
		return "R_386_8";
	case R_386_PC8:
		return "R_386_PC8";
	case R_386_GOT32X:
		return "R_386_GOT32X";
	default:
		return type >= R_386_TLS_TPOFF && type <= R_386_TLS_DESC ? "R_386_TLS_*" : "?";
	}
}

/* An R_386_32 relocation of the ELF: a word the loader may have to patch. */
struct abs_reloc {
	uint32_t boff;	   /* of the word in the binary; any byte offset */
	uint32_t r_offset; /* link address of the word */
	unsigned target;   /* section holding the word */
	uint32_t symidx;
	Elf32_Sym sym;
	const char *sname;
};

/* Every R_386_32 relocation found; global so LeakSanitizer sees it reachable at exit(1). */
static struct {
	struct abs_reloc *v;
	uint32_t n, cap;
} abs_relocs;

static void add_abs_reloc(const struct abs_reloc *a)
{
	if (abs_relocs.n == abs_relocs.cap) {
		abs_relocs.cap = abs_relocs.cap ? abs_relocs.cap * 2 : 64;
		abs_relocs.v = realloc(abs_relocs.v, abs_relocs.cap * sizeof(*abs_relocs.v));
		if (!abs_relocs.v)
			die("out of memory");
	}
	abs_relocs.v[abs_relocs.n++] = *a;
}

static void add_reloc(uint32_t entry)
{
	static uint32_t cap;

	if (elf.nrelocs == cap) {
		cap = cap ? cap * 2 : 64;
		elf.relocs = realloc(elf.relocs, cap * sizeof(*elf.relocs));
		if (!elf.relocs)
			die("out of memory");
	}
	elf.relocs[elf.nrelocs++] = entry;
}

/*
 * One relocation of an allocated section. R_386_32 words, aligned or not (-fno-pic code embeds
 * addresses in instructions), are kept for the TLV; PC-relative references are left alone when
 * both ends move together (both in flash or both in RAM) and refused when they cross, since
 * flash and RAM are placed independently; everything else is refused.
 */
static void do_reloc(const Elf32_Shdr *rel, unsigned target, const Elf32_Rel *r)
{
	unsigned type = ELF32_R_TYPE(r->r_info);
	uint32_t symidx = ELF32_R_SYM(r->r_info);
	const char *tname = section_name(target);
	const struct segment *place_seg;
	struct abs_reloc a;
	const char *sname;
	Elf32_Sym sym = {0};
	char sclass;

	if (type == R_386_NONE)
		return;
	if (!get_symbol(rel->sh_link, symidx, &sym, &sname) && symidx != 0)
		die("%s: relocation at %#x in %s: bad symbol index %u", elf.path, r->r_offset,
		    tname, symidx);
	place_seg = segment_with_bytes(r->r_offset, 4);
	if (!place_seg)
		die("%s: relocation at %#x (%s, symbol %s) is not in loaded file bytes", elf.path,
		    r->r_offset, tname, sname);
	sclass = symbol_class(&sym, symidx);

	switch (type) {
	case R_386_PC32:
	case R_386_PLT32:
		if (sclass == (place_seg->ram ? 'r' : 'f'))
			return;
		die("%s: PC-relative relocation at %#x (%s) to symbol %s %s; flash and RAM are "
		    "relocated independently, so this reference cannot be fixed up",
		    elf.path, r->r_offset, tname, sname,
		    sclass == 'a'   ? "which is absolute"
		    : sclass == 'u' ? "which is undefined or not loaded"
		    : sclass == 'w' ? "which is undefined (weak)"
				    : "crosses between flash and RAM");
	case R_386_GOT32:
	case R_386_GOT32X:
	case R_386_GOTOFF:
	case R_386_GOTPC:
		die("%s: GOT-relative relocation %s at %#x (%s, symbol %s): i386 -fPIC code "
		    "reaches data through a GOT pointer in EBX, a flash-to-RAM distance the "
		    "0x8001 relocation TLV cannot express; build the app with -fno-pic and link "
		    "it with -Wl,-q",
		    elf.path, reloc_type_name(type), r->r_offset, tname, sname);
	case R_386_32:
		break;
	default:
		die("%s: relocation type %u (%s) at %#x (%s, symbol %s) cannot be expressed in the "
		    "0x8001 relocation TLV (it patches whole 32-bit absolute words only); "
		    "build the app with -fno-pic",
		    elf.path, type, reloc_type_name(type), r->r_offset, tname, sname);
	}

	a = (struct abs_reloc){
	    .boff = place_seg->ph.p_paddr + (r->r_offset - place_seg->ph.p_vaddr) - elf.flash_lo,
	    .r_offset = r->r_offset,
	    .target = target,
	    .symidx = symidx,
	    .sym = sym,
	    .sname = sname,
	};
	add_abs_reloc(&a);
}

/*
 * Turns an R_386_32 word into a TLV entry, or leaves it alone. The word holds S + A and moves
 * with S: by S's section, whatever A is (-O2 code holds e.g. array - 4 for a[i - 1]). Only an
 * absolute symbol says nothing, so its value decides: inside the flash range (end included) or
 * inside the RAM range up to ram_top it moves with that range (a linker-script address);
 * outside both it is a fixed address (a device) and stays.
 */
static void classify_reloc(const struct abs_reloc *a, uint32_t ram_top, bool verbose)
{
	uint32_t value = tbf_get32(elf.binary + a->boff);
	const char *tname = section_name(a->target);
	char sclass = symbol_class(&a->sym, a->symidx);
	bool in_flash, in_ram;

	switch (sclass) {
	case 'f':
	case 'r':
		break;
	case 'a':
	case 'w':
		in_flash = value >= elf.flash_lo && value <= elf.flash_hi;
		in_ram = elf.have_ram && value >= elf.ram_lo && value <= ram_top;
		if (in_flash && in_ram)
			die("%s: absolute address %#x at %#x (%s, symbol %s) is both the end of "
			    "flash and the start of RAM; cannot tell which one it moves with",
			    elf.path, value, a->r_offset, tname, a->sname);
		if (!in_flash && !in_ram) {
			if (verbose)
				printf("reloc binary+%#x = %#x (symbol %s): fixed, left alone\n",
				       a->boff, value, a->sname);
			return;
		}
		sclass = in_ram ? 'r' : 'f';
		break;
	default:
		die("%s: absolute address %#x at %#x (%s, symbol %s): the symbol is undefined or "
		    "in a section that is not loaded",
		    elf.path, value, a->r_offset, tname, a->sname);
	}
	if (verbose)
		printf("reloc binary+%#x = %#x (%s+%#x, symbol %s) -> %s\n", a->boff, value, tname,
		       a->r_offset - elf.shdrs[a->target].sh_addr, a->sname,
		       sclass == 'r' ? "ram" : "flash");
	add_reloc(a->boff | (sclass == 'r' ? TBF_RELOC_RAM : 0));
}

static int cmp_abs_reloc(const void *a, const void *b)
{
	const struct abs_reloc *x = a, *y = b;

	return x->boff < y->boff ? -1 : x->boff > y->boff;
}

static void collect_relocations(uint32_t ram_top, bool verbose)
{
	bool any = false;

	for (unsigned i = 0; i < elf.nshdrs; i++) {
		const Elf32_Shdr *sh = &elf.shdrs[i];
		const Elf32_Shdr *target;

		if (sh->sh_type == SHT_RELA)
			die("%s: section %s is SHT_RELA, which i386 does not use", elf.path,
			    section_name(i));
		if (sh->sh_type != SHT_REL)
			continue;
		if (sh->sh_info >= elf.nshdrs || sh->sh_entsize != sizeof(Elf32_Rel) ||
		    !in_file(sh->sh_offset, sh->sh_size))
			die("%s: malformed relocation section %s", elf.path, section_name(i));
		target = &elf.shdrs[sh->sh_info];
		if (!(target->sh_flags & SHF_ALLOC))
			continue; /* debug info and the like: never loaded */
		any = true;
		for (uint32_t k = 0; k < sh->sh_size / sizeof(Elf32_Rel); k++) {
			Elf32_Rel r;

			memcpy(&r, elf.data + sh->sh_offset + k * sizeof(r), sizeof(r));
			if (target->sh_type == SHT_NOBITS)
				die("%s: relocation in %s, which has no file bytes", elf.path,
				    section_name(sh->sh_info));
			do_reloc(sh, sh->sh_info, &r);
		}
	}
	if (!any)
		die("%s: --pic needs the relocations: link the app with -Wl,-q (--emit-relocs)",
		    elf.path);

	/* The TLV's rule: ascending offsets, each word clear of the one before. */
	qsort(abs_relocs.v, abs_relocs.n, sizeof(*abs_relocs.v), cmp_abs_reloc);
	for (uint32_t i = 1; i < abs_relocs.n; i++) {
		const struct abs_reloc *p = &abs_relocs.v[i - 1], *c = &abs_relocs.v[i];

		if (c->boff - p->boff < TBF_RELOC_WORD_BYTES)
			die("%s: relocations at %#x (%s, symbol %s) and %#x (%s, symbol %s) patch "
			    "%s words (binary offsets %#x and %#x); the 0x8001 relocation TLV "
			    "patches each byte at most once",
			    elf.path, p->r_offset, section_name(p->target), p->sname, c->r_offset,
			    section_name(c->target), c->sname,
			    c->boff == p->boff ? "the same" : "overlapping", p->boff, c->boff);
	}
	for (uint32_t i = 0; i < abs_relocs.n; i++)
		classify_reloc(&abs_relocs.v[i], ram_top, verbose);
	if (elf.nrelocs > MAX_RELOCATIONS)
		die("%s: %u relocations; the TLV holds at most %u", elf.path, elf.nrelocs,
		    (unsigned)MAX_RELOCATIONS);
}

static uint32_t minimum_ram(const struct options *o)
{
	uint64_t used = elf.have_ram ? (uint64_t)elf.ram_hi - elf.ram_lo : 0;
	uint64_t total;

	if (o->have_ram_bytes) {
		if (o->ram_bytes < used)
			die("--ram-bytes %u is smaller than the %llu bytes of RAM the ELF uses",
			    o->ram_bytes, (unsigned long long)used);
		return o->ram_bytes;
	}
	total = ALIGN_UP(used, 4u) + ALIGN_UP((uint64_t)o->stack_bytes, 8u) +
		ALIGN_UP((uint64_t)o->heap_bytes, 4u) +
		ALIGN_UP((uint64_t)o->kernel_heap_bytes, 4u);
	if (total > 0xFFFFFFFFu)
		die("minimum RAM size overflows 32 bits");
	return (uint32_t)total;
}

static void write_output(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f)) {
		remove(path);
		die("%s: write error", path);
	}
}

int main(int argc, char **argv)
{
	struct options o;
	const struct segment *entry_seg;
	uint32_t init_fn_offset, min_ram, fixed_ram, fixed_flash;
	uint32_t flags;
	uint8_t v[16];
	enum error_code rc;
	struct tbf_header hdr;
	struct tbf_diag diag = {0};

	parse_args(argc, argv, &o);
	read_file(o.input);
	load_headers();
	layout(&o);

	entry_seg = segment_with_bytes(elf.eh.e_entry, 1);
	if (!entry_seg || !entry_seg->flash)
		die("%s: entry point %#x is not in a loaded flash segment", elf.path,
		    elf.eh.e_entry);
	init_fn_offset = o.protected_trailer + (elf.eh.e_entry - elf.flash_lo);
	min_ram = minimum_ram(&o);
	if (o.pic)
		collect_relocations(elf.ram_lo + min_ram, o.verbose);

	flags = (o.disabled ? 0 : TBF_FLAG_ENABLED) | (o.sticky ? TBF_FLAG_STICKY : 0);
	tbf_build_init(&build, flags);
	/* Both, like upstream elf2tab: kernels before 2.1 read only Main. */
	tbf_build_main(&build, init_fn_offset, o.protected_trailer, min_ram);
	tbf_build_program(&build, init_fn_offset, o.protected_trailer, min_ram, o.app_version);
	tbf_build_tlv(&build, TBF_TLV_PACKAGE_NAME, o.name, strlen(o.name));
	tbf_put16(v, o.kernel_major);
	tbf_put16(v + 2, o.kernel_minor);
	tbf_build_tlv(&build, TBF_TLV_KERNEL_VERSION, v, TBF_KERNEL_VERSION_BYTES);

	fixed_ram = o.have_fixed_ram ? o.fixed_ram
		    : o.pic	     ? TBF_ADDR_NONE
		    : elf.have_ram   ? elf.ram_lo
				     : TBF_ADDR_NONE;
	fixed_flash = o.have_fixed_flash ? o.fixed_flash : o.pic ? TBF_ADDR_NONE : elf.flash_lo;
	if (fixed_ram != TBF_ADDR_NONE || fixed_flash != TBF_ADDR_NONE) {
		tbf_put32(v, fixed_ram);
		tbf_put32(v + 4, fixed_flash);
		tbf_build_tlv(&build, TBF_TLV_FIXED_ADDRESSES, v, TBF_FIXED_ADDRESSES_BYTES);
	}
	if (o.perm_count) {
		uint8_t pv[2 + MAX_PERMISSIONS * TBF_PERMISSION_BYTES];

		tbf_put16(pv, (uint16_t)o.perm_count);
		for (uint32_t i = 0; i < o.perm_count; i++) {
			uint8_t *e = pv + 2 + i * TBF_PERMISSION_BYTES;

			tbf_put32(e, o.perms[i].driver);
			tbf_put32(e + 4, o.perms[i].offset);
			tbf_put64(e + 8, o.perms[i].allowed_commands);
		}
		tbf_build_tlv(&build, TBF_TLV_PERMISSIONS, pv,
			      2 + o.perm_count * TBF_PERMISSION_BYTES);
	}
	if (o.have_short_id) {
		tbf_put32(v, o.short_id);
		tbf_build_tlv(&build, TBF_TLV_SHORT_ID, v, TBF_SHORT_ID_BYTES);
	}
	if (o.pic) {
		size_t len = TBF_RELOC_FIXED_BYTES + (size_t)elf.nrelocs * TBF_RELOC_ENTRY_BYTES;
		uint8_t *rv = malloc(len);

		if (!rv)
			die("out of memory");
		tbf_put32(rv, elf.flash_lo);
		tbf_put32(rv + 4, elf.have_ram ? elf.ram_lo : 0);
		tbf_put32(rv + 8, elf.nrelocs);
		for (uint32_t i = 0; i < elf.nrelocs; i++)
			tbf_put32(rv + TBF_RELOC_FIXED_BYTES + i * TBF_RELOC_ENTRY_BYTES,
				  elf.relocs[i]);
		tbf_build_tlv(&build, TBF_TLV_RELOCATIONS, rv, len);
		free(rv);
	}
	tbf_build_end_header(&build);
	tbf_build_append(&build, NULL, o.protected_trailer);
	tbf_build_append(&build, elf.binary, elf.binary_len);
	rc = tbf_build_finish(&build, o.sha256);
	if (rc != ERROR_NONE)
		die("cannot build the TBF: %s (the header is limited to 64 KiB)", error_name(rc));

	/* Never write what the kernel would refuse. */
	rc = tbf_parse(build.buf, build.len, &hdr, &diag);
	if (rc != ERROR_NONE)
		die("internal error: the TBF built does not parse: %s at offset %u: %s", diag.field,
		    diag.offset, diag.what);
	write_output(o.output, build.buf, build.len);
	if (o.verbose)
		printf("%s: %u bytes, header %u, binary %u at %u, entry %#x, RAM %u, "
		       "%u relocations\n",
		       o.output, hdr.total_size, hdr.header_size, hdr.binary_size,
		       hdr.binary_offset, hdr.init_fn_offset, hdr.minimum_ram_size, elf.nrelocs);
	return 0;
}
