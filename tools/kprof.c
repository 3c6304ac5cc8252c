/* SPDX-License-Identifier: MIT */
/* kprof: cuts a QEMU instruction trace of the kernel into paths, groups and profiles them. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * What goes in: the kernel's `nm -n` and `objdump -d` output, and the log of
 * `qemu-system-i386 -singlestep -d exec,nochain -dfilter LO..HI`, one line per executed
 * instruction in the kernel's text:
 *
 *   Trace 0: 0x7f37dc13e280 [00000000/00010002/000000b0/ff020201]
 *                            cs_base  pc       flags    cflags
 *
 * A path is the run of kernel instructions after one iret up to and including the next: since
 * the trace holds only the kernel, each path is one trip through it (a system call, an
 * interrupt, a context switch). Identical paths are grouped and counted.
 */

#define DEFAULT_TOP	 10
#define DEFAULT_MAX_LEN	 1000000 /* longer paths (the boot) are counted, not grouped */
#define TRACE_BUF_BYTES	 (1u << 20)
#define FNV_OFFSET_BASIS 0xcbf29ce484222325ull
#define FNV_PRIME	 0x100000001b3ull

struct symbol {
	uint32_t vaddr;
	size_t order; /* line in the symbol file: of two names for one address, the first wins */
	char *name;
	bool shared_name; /* another function has this name (statics): print the address too */
};

/* Identical paths share one group; their instructions are stored once, in the arena. */
struct path_group {
	uint64_t hash;	     /* over the PCs and the length */
	uint64_t len;	     /* instructions */
	size_t arena_off;    /* index of the first PC in the arena */
	uint64_t count;	     /* times seen */
	uint64_t first_seen; /* order of first appearance: breaks ties when sorting */
};

struct growable {
	void *items;
	size_t len;
	size_t cap;
};

struct profile {
	/* inputs */
	struct symbol *syms; /* sorted by vaddr, one per address */
	size_t nsyms;
	uint32_t *irets; /* sorted */
	size_t nirets;
	uint64_t max_len;

	/* the path being read */
	struct growable cur; /* uint32_t PCs; stops growing past max_len */
	uint64_t cur_len;
	uint64_t cur_hash;

	/* groups, and an open-addressing index over them (0 = empty, else group index + 1) */
	struct growable groups; /* struct path_group */
	struct growable arena;	/* uint32_t PCs of every group, back to back */
	size_t *index;
	size_t index_cap; /* a power of two */

	/* totals */
	uint64_t instructions;
	uint64_t paths;
	uint64_t grouped_instructions;
	uint64_t too_long_paths;
	uint64_t too_long_instructions;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "kprof: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: kprof [-n N] [-m MIN] [-l MAX] KERNEL.sym KERNEL.asm [TRACE]\n"
		"Cuts a QEMU -singlestep -d exec,nochain trace of the kernel (TRACE, default\n"
		"stdin) into paths from one iret to the next; prints the most frequent ones.\n"
		"  -n N    show the N most frequent paths (default %d)\n"
		"  -m MIN  show only paths of at least MIN instructions\n"
		"  -l MAX  count paths over MAX instructions, do not group them (default %d)\n",
		DEFAULT_TOP, DEFAULT_MAX_LEN);
	exit(2);
}

static uint64_t parse_count(const char *opt, const char *s)
{
	char *end;

	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-') {
		fprintf(stderr, "kprof: %s wants a non-negative decimal number, not \"%s\"\n", opt,
			s);
		usage();
	}
	return v;
}

/* Makes room for one more item of item_bytes in g; dies when memory runs out. */
static void *grow(struct growable *g, size_t item_bytes)
{
	if (g->len == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 1024;
		if (cap < g->cap || cap > SIZE_MAX / item_bytes)
			die("out of memory");
		void *p = realloc(g->items, cap * item_bytes);
		if (!p)
			die("out of memory (%zu items of %zu bytes)", cap, item_bytes);
		g->items = p;
		g->cap = cap;
	}
	return (char *)g->items + g->len++ * item_bytes;
}

static FILE *open_input(const char *path, const char *what)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("%s: cannot open %s: %s", path, what, strerror(errno));
	return f;
}

static void close_input(FILE *f, const char *path)
{
	if (ferror(f))
		die("%s: read error: %s", path, strerror(errno));
	fclose(f);
}

/* Parses hex digits at *p into *v (at most 32 bits); advances *p. Returns: false if none. */
static bool parse_hex32(const char **p, uint32_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int digits = 0;

	for (;; s++, digits++) {
		unsigned d;
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		x = x * 16 + d;
		if (x > UINT32_MAX)
			return false;
	}
	*p = s;
	*v = (uint32_t)x;
	return digits > 0;
}

/* Skips hex digits of any length (host pointers are 64 bits). Returns: false if none. */
static bool skip_hex(const char **p)
{
	const char *s = *p;

	while ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F'))
		s++;
	if (s == *p)
		return false;
	*p = s;
	return true;
}

static bool skip_literal(const char **p, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*p, lit, n))
		return false;
	*p += n;
	return true;
}

static int compare_symbols(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;
	if (x->vaddr != y->vaddr)
		return x->vaddr < y->vaddr ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int compare_names(const void *a, const void *b)
{
	const struct symbol *x = *(const struct symbol *const *)a;
	const struct symbol *y = *(const struct symbol *const *)b;
	return strcmp(x->name, y->name);
}

static void mark_shared_names(struct symbol *syms, size_t n)
{
	struct symbol **by_name = calloc(n, sizeof(*by_name));
	if (!by_name)
		die("out of memory");
	for (size_t i = 0; i < n; i++)
		by_name[i] = &syms[i];
	qsort(by_name, n, sizeof(*by_name), compare_names);
	for (size_t i = 1; i < n; i++) {
		if (!strcmp(by_name[i - 1]->name, by_name[i]->name))
			by_name[i - 1]->shared_name = by_name[i]->shared_name = true;
	}
	free(by_name);
}

/*
 * Reads `nm -n` output: "ADDRESS TYPE NAME" lines; keeps text symbols (T, t, W, w) only.
 * Lines without an address (undefined symbols) are skipped.
 */
static void read_symbols(struct profile *p, const char *path)
{
	FILE *f = open_input(path, "the symbol file");
	struct growable syms = {0};
	char *line = NULL;
	size_t cap = 0;
	uint64_t lineno = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0 || line[0] == ' ')
			continue; /* blank, or an undefined symbol: no address */
		const char *s = line;
		uint32_t vaddr;
		char type;
		if (!parse_hex32(&s, &vaddr) || *s++ != ' ' || !(type = *s++) || *s++ != ' ' || !*s)
			die("%s:%" PRIu64 ": not a line of nm output: \"%s\"", path, lineno, line);
		if (type != 'T' && type != 't' && type != 'W' && type != 'w')
			continue;
		struct symbol *sym = grow(&syms, sizeof(*sym));
		sym->vaddr = vaddr;
		sym->order = syms.len;
		sym->shared_name = false;
		sym->name = strdup(s);
		if (!sym->name)
			die("out of memory");
	}
	free(line);
	close_input(f, path);
	if (syms.len == 0)
		die("%s: no text symbol (T, t, W or w): not `nm -n` output of the kernel?", path);

	p->syms = syms.items;
	qsort(p->syms, syms.len, sizeof(*p->syms), compare_symbols);
	size_t kept = 0;
	for (size_t i = 0; i < syms.len; i++) {
		if (kept && p->syms[kept - 1].vaddr == p->syms[i].vaddr) {
			free(p->syms[i].name);
			continue;
		}
		p->syms[kept++] = p->syms[i];
	}
	p->nsyms = kept;
	mark_shared_names(p->syms, p->nsyms);
}

static int compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * Reads `objdump -d` (or -d -S) output and keeps the address of every iret. Instruction lines
 * are "  ADDRESS:\tBYTES\tMNEMONIC OPERANDS"; everything else (labels, source, the bytes of
 * a long instruction continued on the next line) is skipped.
 */
static void read_irets(struct profile *p, const char *path)
{
	FILE *f = open_input(path, "the disassembly");
	struct growable irets = {0};
	char *line = NULL;
	size_t cap = 0;
	uint64_t instructions = 0;

	while (getline(&line, &cap, f) > 0) {
		const char *s = line;
		uint32_t vaddr;
		while (*s == ' ')
			s++;
		if (!parse_hex32(&s, &vaddr) || !skip_literal(&s, ":\t"))
			continue;
		const char *mnemonic = strchr(s, '\t');
		if (!mnemonic)
			continue; /* bytes only: the tail of the instruction above */
		instructions++;
		mnemonic++;
		size_t len = strcspn(mnemonic, " \t\n");
		if ((len == 4 || len == 5) && !strncmp(mnemonic, "iret", 4) &&
		    (len == 4 || strchr("lwd", mnemonic[4]))) {
			uint32_t *slot = grow(&irets, sizeof(*slot));
			*slot = vaddr;
		}
	}
	free(line);
	close_input(f, path);
	if (instructions == 0)
		die("%s: no instruction lines: not `objdump -d` output?", path);
	if (irets.len == 0)
		die("%s: no iret among %" PRIu64 " instructions: cannot tell where paths end", path,
		    instructions);
	p->irets = irets.items;
	p->nirets = irets.len;
	qsort(p->irets, p->nirets, sizeof(*p->irets), compare_u32);
}

static bool is_iret(const struct profile *p, uint32_t pc)
{
	size_t lo = 0, hi = p->nirets;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->irets[mid] == pc)
			return true;
		if (p->irets[mid] < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Returns: the index of the greatest symbol at or below pc, or nsyms if there is none. */
static size_t symbol_index(const struct profile *p, uint32_t pc)
{
	size_t lo = 0, hi = p->nsyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->syms[mid].vaddr <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : p->nsyms;
}

static uint64_t hash_pc(uint64_t h, uint32_t pc)
{
	return (h ^ pc) * FNV_PRIME;
}

static uint64_t hash_final(uint64_t h, uint64_t len)
{
	h = (h ^ len) * FNV_PRIME;
	return h ^ (h >> 29);
}

static const uint32_t *group_pcs(const struct profile *p, const struct path_group *g)
{
	return (const uint32_t *)p->arena.items + g->arena_off;
}

static void index_insert(size_t *index, size_t cap, uint64_t hash, size_t group)
{
	size_t i = (size_t)hash & (cap - 1);
	while (index[i])
		i = (i + 1) & (cap - 1);
	index[i] = group + 1;
}

static void index_grow(struct profile *p)
{
	size_t cap = p->index_cap ? p->index_cap * 2 : 1024;
	if (cap > SIZE_MAX / sizeof(size_t))
		die("out of memory");
	size_t *index = calloc(cap, sizeof(*index));
	if (!index)
		die("out of memory (path index of %zu slots)", cap);
	const struct path_group *groups = p->groups.items;
	for (size_t g = 0; g < p->groups.len; g++)
		index_insert(index, cap, groups[g].hash, g);
	free(p->index);
	p->index = index;
	p->index_cap = cap;
}

/* Counts the path just read into its group, making the group if it is the first of its kind. */
static void group_path(struct profile *p)
{
	const uint32_t *pcs = p->cur.items;
	uint64_t len = p->cur_len, hash = hash_final(p->cur_hash, len);

	if (2 * (p->groups.len + 1) > p->index_cap)
		index_grow(p);
	size_t i = (size_t)hash & (p->index_cap - 1);
	for (; p->index[i]; i = (i + 1) & (p->index_cap - 1)) {
		struct path_group *g = (struct path_group *)p->groups.items + p->index[i] - 1;
		if (g->hash == hash && g->len == len &&
		    !memcmp(group_pcs(p, g), pcs, len * sizeof(*pcs))) {
			g->count++;
			return;
		}
	}

	size_t off = p->arena.len;
	for (uint64_t k = 0; k < len; k++) {
		uint32_t *slot = grow(&p->arena, sizeof(*slot));
		*slot = pcs[k];
	}
	struct path_group *g = grow(&p->groups, sizeof(*g));
	*g = (struct path_group){.hash = hash,
				 .len = len,
				 .arena_off = off,
				 .count = 1,
				 .first_seen = p->groups.len - 1};
	p->index[i] = p->groups.len;
}

static void add_pc(struct profile *p, uint32_t pc)
{
	p->instructions++;
	p->cur_len++;
	if (p->cur_len <= p->max_len) {
		uint32_t *slot = grow(&p->cur, sizeof(*slot));
		*slot = pc;
		p->cur_hash = hash_pc(p->cur_hash, pc);
	}
	if (!is_iret(p, pc))
		return;

	p->paths++;
	if (p->cur_len > p->max_len) {
		p->too_long_paths++;
		p->too_long_instructions += p->cur_len;
	} else {
		group_path(p);
		p->grouped_instructions += p->cur_len;
	}
	p->cur.len = 0;
	p->cur_len = 0;
	p->cur_hash = FNV_OFFSET_BASIS;
}

/*
 * Parses one "Trace" line. Returns: false if it is not of the form
 * "Trace CPU: 0xHOSTPTR [CS_BASE/PC/FLAGS/CFLAGS]...".
 */
static bool parse_trace_line(const char *s, uint32_t *pc)
{
	uint32_t ignored;

	return skip_literal(&s, "Trace ") && parse_hex32(&s, &ignored) &&
	       skip_literal(&s, ": 0x") && skip_hex(&s) && skip_literal(&s, " [") && skip_hex(&s) &&
	       skip_literal(&s, "/") && parse_hex32(&s, pc) && skip_literal(&s, "/") &&
	       skip_hex(&s) && skip_literal(&s, "/") && skip_hex(&s) && skip_literal(&s, "]");
}

static void read_trace(struct profile *p, FILE *f, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	uint64_t lineno = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if (strncmp(line, "Trace ", 6))
			continue; /* QEMU's other log lines ("Stopped execution of TB chain ...") */
		bool complete = line[n - 1] == '\n';
		if (complete)
			line[--n] = '\0';
		uint32_t pc;
		if (!parse_trace_line(line, &pc)) {
			if (!complete && feof(f)) {
				/* the writer was stopped mid-line: say so, but the rest stands */
				fprintf(stderr,
					"kprof: %s:%" PRIu64 ": ignoring the cut-off last line\n",
					path, lineno);
				break;
			}
			die("%s:%" PRIu64 ": cannot read the PC from \"%s\"", path, lineno, line);
		}
		add_pc(p, pc);
	}
	free(line);
	if (ferror(f))
		die("%s: read error: %s", path, strerror(errno));
}

/* Prints a function's name; "name@0xADDRESS" if more than one function has that name. */
static void print_symbol(const struct symbol *sym)
{
	printf("%s", sym->name);
	if (sym->shared_name)
		printf("@0x%" PRIx32, sym->vaddr);
}

/* Prints "function+0xOFFSET" ("function" at offset 0), or the bare address below every one. */
static void print_location(const struct profile *p, uint32_t pc)
{
	size_t s = symbol_index(p, pc);
	if (s == p->nsyms) {
		printf("0x%08" PRIx32, pc);
		return;
	}
	print_symbol(&p->syms[s]);
	if (pc != p->syms[s].vaddr)
		printf("+0x%" PRIx32, pc - p->syms[s].vaddr);
}

struct function_count {
	size_t sym; /* index into syms, or nsyms for PCs below every symbol */
	uint64_t instructions;
};

static int compare_function_counts(const void *a, const void *b)
{
	const struct function_count *x = a, *y = b;
	if (x->instructions != y->instructions)
		return x->instructions > y->instructions ? -1 : 1;
	return x->sym < y->sym ? -1 : x->sym > y->sym; /* then by address */
}

/* Prints one line per function the path ran in, most instructions first. */
static void print_functions(const struct profile *p, const struct path_group *g, uint64_t *per_sym,
			    struct function_count *out)
{
	const uint32_t *pcs = group_pcs(p, g);
	size_t n = 0;

	for (uint64_t k = 0; k < g->len; k++) {
		size_t s = symbol_index(p, pcs[k]);
		if (per_sym[s]++ == 0)
			out[n++].sym = s;
	}
	for (size_t i = 0; i < n; i++) {
		out[i].instructions = per_sym[out[i].sym];
		per_sym[out[i].sym] = 0;
	}
	qsort(out, n, sizeof(*out), compare_function_counts);
	for (size_t i = 0; i < n; i++) {
		printf("  %7" PRIu64 " ", out[i].instructions);
		if (out[i].sym == p->nsyms)
			printf("(below the first symbol)");
		else
			print_symbol(&p->syms[out[i].sym]);
		printf("\n");
	}
}

static int compare_groups(const void *a, const void *b)
{
	const struct path_group *x = *(const struct path_group *const *)a;
	const struct path_group *y = *(const struct path_group *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first_seen < y->first_seen ? -1 : x->first_seen > y->first_seen;
}

static void report(const struct profile *p, uint64_t top, uint64_t min_len)
{
	struct path_group *groups = p->groups.items;
	size_t shown = 0;

	printf("read %" PRIu64 " instructions: %" PRIu64 " paths ended by an iret, %" PRIu64
	       " instructions after the last one\n",
	       p->instructions, p->paths, p->cur_len);
	printf("grouped: %" PRIu64 " paths, %zu distinct, %" PRIu64 " instructions\n",
	       p->paths - p->too_long_paths, p->groups.len, p->grouped_instructions);
	printf("too long, not grouped: %" PRIu64 " paths of more than %" PRIu64
	       " instructions, %" PRIu64 " instructions\n",
	       p->too_long_paths, p->max_len, p->too_long_instructions);

	struct path_group **sorted = calloc(p->groups.len + 1, sizeof(*sorted));
	uint64_t *per_sym = calloc(p->nsyms + 1, sizeof(*per_sym));
	struct function_count *funcs = calloc(p->nsyms + 1, sizeof(*funcs));
	if (!sorted || !per_sym || !funcs)
		die("out of memory");
	for (size_t i = 0; i < p->groups.len; i++)
		if (groups[i].len >= min_len)
			sorted[shown++] = &groups[i];
	qsort(sorted, shown, sizeof(*sorted), compare_groups);

	size_t eligible = shown;
	if (shown > top)
		shown = (size_t)top;
	printf("showing the %zu most frequent of %zu distinct paths", shown, eligible);
	if (min_len)
		printf(" of at least %" PRIu64 " instructions", min_len);
	printf("\n");
	for (size_t i = 0; i < shown; i++) {
		const struct path_group *g = sorted[i];
		printf("\npath %zu: entered at ", i + 1);
		print_location(p, group_pcs(p, g)[0]);
		printf(", %" PRIu64 " instructions, seen %" PRIu64 " times\n", g->len, g->count);
		print_functions(p, g, per_sym, funcs);
	}
	free(funcs);
	free(per_sym);
	free(sorted);
}

static void profile_free(struct profile *p)
{
	for (size_t i = 0; i < p->nsyms; i++)
		free(p->syms[i].name);
	free(p->syms);
	free(p->irets);
	free(p->cur.items);
	free(p->groups.items);
	free(p->arena.items);
	free(p->index);
}

int main(int argc, char **argv)
{
	struct profile p = {.max_len = DEFAULT_MAX_LEN, .cur_hash = FNV_OFFSET_BASIS};
	uint64_t top = DEFAULT_TOP, min_len = 0;
	int opt;

	while ((opt = getopt(argc, argv, "n:m:l:")) != -1) {
		switch (opt) {
		case 'n':
			top = parse_count("-n", optarg);
			break;
		case 'm':
			min_len = parse_count("-m", optarg);
			break;
		case 'l':
			p.max_len = parse_count("-l", optarg);
			if (p.max_len == 0 || p.max_len > SIZE_MAX / sizeof(uint32_t))
				die("-l %s: out of range", optarg);
			break;
		default:
			usage();
		}
	}
	if (argc - optind < 2 || argc - optind > 3)
		usage();

	read_symbols(&p, argv[optind]);
	read_irets(&p, argv[optind + 1]);

	const char *trace_path = argc - optind == 3 ? argv[optind + 2] : "(stdin)";
	FILE *trace = argc - optind == 3 ? open_input(trace_path, "the trace") : stdin;
	static char buf[TRACE_BUF_BYTES];
	setvbuf(trace, buf, _IOFBF, sizeof(buf));
	read_trace(&p, trace, trace_path);
	if (trace != stdin)
		fclose(trace);

	report(&p, top, min_len);
	profile_free(&p);
	if (fflush(stdout) || ferror(stdout))
		die("writing the report: %s", strerror(errno));
	return 0;
}
