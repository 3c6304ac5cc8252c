/* SPDX-License-Identifier: MIT */
/* Tock Binary Format (TBF v2): parsing, validation, credentials and relocation. */
#include "loader/tbf.h"

#include "lib/compiler.h"
#include "lib/sha256.h"

/*
 * Diagnostics. A refusal names the field and its offset in the TBF, with a short phrase; the
 * expected and found values say the rest, so phrases are shared where the values make them
 * plain:
 *   "too short", "too long"  a length other than the one the contents call for (expected);
 *   "past <bound>"           a value beyond a bound (expected: the largest that fits);
 *   "below <bound>"          a value short of a bound (expected: the smallest that fits);
 *   "not a multiple of 4"    (expected: the next multiple).
 * A problem with a whole TLV (its length, a duplicate) is reported against the TLV's name.
 * Each reporter fills *diag, if there is one, and returns code.
 */

/* A report naming the offending value and the one (or the bound) that would have done. */
static OUT_OF_LINE enum error_code report_values(struct tbf_diag *diag, enum error_code code,
						 const char *field, uint32_t offset,
						 const char *what, uint32_t expected,
						 uint32_t found)
{
	if (diag)
		*diag = (struct tbf_diag){field, what, offset, expected, found, true, true};
	return code;
}

/* A report naming the offending value, with nothing in particular expected instead. */
static enum error_code report_found(struct tbf_diag *diag, enum error_code code, const char *field,
				    uint32_t offset, const char *what, uint32_t found)
{
	report_values(diag, code, field, offset, what, 0, found);
	if (diag)
		diag->has_expected = false;
	return code;
}

/* A report whose phrase says it all. */
static OUT_OF_LINE enum error_code report(struct tbf_diag *diag, enum error_code code,
					  const char *field, uint32_t offset, const char *what)
{
	report_found(diag, code, field, offset, what, 0);
	if (diag)
		diag->has_values = false;
	return code;
}

/*
 * The usual refusal: a malformed or inconsistent field. It returns the constant itself, not
 * report_values()'s result, so that the compiler, which inlines it, knows that a refusal is not
 * ERROR_NONE and need not test each check's result again on the way out of tbf_parse().
 */
static enum error_code reject(struct tbf_diag *diag, const char *field, uint32_t offset,
			      const char *what, uint32_t expected, uint32_t found)
{
	report_values(diag, ERROR_INVAL, field, offset, what, expected, found);
	return ERROR_INVAL;
}

/* Refuses a length len where the contents call for want. */
static enum error_code check_length(struct tbf_diag *diag, const char *field, uint32_t offset,
				    uint32_t want, uint32_t len)
{
	if (len == want)
		return ERROR_NONE;
	return reject(diag, field, offset, len < want ? "too short" : "too long", want, len);
}

static uint32_t clamp32(size_t n)
{
	return n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)n;
}

static uint32_t align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

/*
 * The TLVs tbf_parse() reads; they index tlv_rules[] and struct parse's at[]. The fixed-size
 * ones first, so that expected_length()'s switch covers a short range.
 */
enum tlv_kind {
	/* Fixed-size. */
	KIND_MAIN,
	KIND_PROGRAM,
	KIND_FIXED_ADDRESSES,
	KIND_KERNEL_VERSION,
	KIND_SHORT_ID,
	/* Variable-size. */
	KIND_WRITEABLE_FLASH_REGIONS,
	KIND_PACKAGE_NAME,
	KIND_PERMISSIONS,
	KIND_STORAGE_PERMISSIONS,
	KIND_RELOCATIONS,
	KIND_COUNT,
};

/*
 * The TLVs tbf_parse() reads, each at most once except writeable flash regions (upstream writes
 * one TLV per region); other types are skipped. bytes is the exact value length of a fixed-size
 * TLV, 0 for a variable-size one, whose length must fit its contents (expected_length()).
 */
static const struct tlv_rule {
	uint16_t type;
	uint8_t bytes;
	const char *name;
} tlv_rules[KIND_COUNT] = {
    [KIND_MAIN] = {TBF_TLV_MAIN, TBF_MAIN_BYTES, "main"},
    [KIND_PROGRAM] = {TBF_TLV_PROGRAM, TBF_PROGRAM_BYTES, "program"},
    [KIND_FIXED_ADDRESSES] = {TBF_TLV_FIXED_ADDRESSES, TBF_FIXED_ADDRESSES_BYTES,
			      "fixed_addresses"},
    [KIND_KERNEL_VERSION] = {TBF_TLV_KERNEL_VERSION, TBF_KERNEL_VERSION_BYTES, "kernel_version"},
    [KIND_SHORT_ID] = {TBF_TLV_SHORT_ID, TBF_SHORT_ID_BYTES, "short_id"},
    [KIND_WRITEABLE_FLASH_REGIONS] = {TBF_TLV_WRITEABLE_FLASH_REGIONS, 0,
				      "writeable_flash_regions"},
    [KIND_PACKAGE_NAME] = {TBF_TLV_PACKAGE_NAME, 0, "package_name"},
    [KIND_PERMISSIONS] = {TBF_TLV_PERMISSIONS, 0, "permissions"},
    [KIND_STORAGE_PERMISSIONS] = {TBF_TLV_STORAGE_PERMISSIONS, 0, "storage_permissions"},
    [KIND_RELOCATIONS] = {TBF_TLV_RELOCATIONS, 0, "relocations"},
};

/* Returns: the kind of a TLV type, or KIND_COUNT if tbf_parse() does not read it. */
static uint32_t kind_of(uint16_t type)
{
	uint32_t kind = 0;

	while (kind < KIND_COUNT && tlv_rules[kind].type != type)
		kind++;
	return kind;
}

/* Parser state: where each TLV was, so later checks can read it and name an offset. */
struct parse {
	const uint8_t *buf;
	struct tbf_header *hdr;
	struct tbf_diag *diag;
	uint32_t at[KIND_COUNT]; /* offset of each kind's (last) value, 0 while not seen */
	uint32_t wfr_at[TBF_MAX_WRITEABLE_REGIONS]; /* offset of each region's entry */
};

uint32_t tbf_checksum(const uint8_t *buf, uint32_t header_size)
{
	uint32_t sum = 0;

	for (uint32_t off = 0; off + 4 <= header_size; off += 4) {
		if (off != TBF_OFF_CHECKSUM)
			sum ^= tbf_get32(buf + off);
	}
	return sum;
}

/*
 * Package names are printed on the kernel console, so they must be printable UTF-8: well-formed
 * (the Unicode Standard's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF)
 * and free of control characters (C0, DEL and C1), so that an app cannot send escape sequences
 * to the operator's terminal.
 * Returns: the index of the first bad byte, or len if the name is acceptable.
 */
static uint32_t check_name(const uint8_t *s, uint32_t len)
{
	/*
	 * Table 3-7 by lead byte, in order, from 0xC2 up to 0xF4: the last lead byte of each row,
	 * how many bytes follow, and the range of the first of them.
	 */
	static const struct {
		uint8_t lead_hi, more, lo, hi;
	} seqs[] = {
	    {0xC2, 1, 0xA0, 0xBF}, /* not U+0080..U+009F, the C1 controls */
	    {0xDF, 1, 0x80, 0xBF}, {0xE0, 2, 0xA0, 0xBF}, {0xEC, 2, 0x80, 0xBF},
	    {0xED, 2, 0x80, 0x9F}, {0xEF, 2, 0x80, 0xBF}, {0xF0, 3, 0x90, 0xBF},
	    {0xF3, 3, 0x80, 0xBF}, {0xF4, 3, 0x80, 0x8F},
	};
	uint32_t i = 0, k, n;
	uint8_t lo, hi;

	while (i < len) {
		uint8_t b = s[i];

		if (b < 0x80) {
			if (b < 0x20 || b == 0x7F)
				return i;
			i++;
			continue;
		}
		if (b < 0xC2 || b > 0xF4)
			return i; /* not a lead byte */
		for (n = 0; b > seqs[n].lead_hi;)
			n++;
		if (len - i - 1 < seqs[n].more)
			return i; /* the name ends inside the sequence */
		/* The first continuation byte in the row's range, the others in 0x80..0xBF. */
		for (k = 1, lo = seqs[n].lo, hi = seqs[n].hi; k <= seqs[n].more;
		     k++, lo = 0x80, hi = 0xBF) {
			if (s[i + k] < lo || s[i + k] > hi)
				return i + k;
		}
		i += k;
	}
	return len;
}

/*
 * The value length that the contents v of a TLV of kind call for, given its length len: len
 * itself if that is right, else the nearest length that could be.
 */
static OUT_OF_LINE uint32_t expected_length(enum tlv_kind kind, const uint8_t *v, uint32_t len)
{
	uint32_t want;

	switch (kind) {
	case KIND_WRITEABLE_FLASH_REGIONS: /* n x (offset u32, size u32) */
		return ALIGN_UP(len, TBF_WFR_ENTRY_BYTES);
	case KIND_PACKAGE_NAME:
		return MIN(len, TBF_MAX_NAME_BYTES);
	case KIND_PERMISSIONS: /* count u16, then count entries */
		return len < 2 ? 2 : 2 + tbf_get16(v) * TBF_PERMISSION_BYTES;
	case KIND_STORAGE_PERMISSIONS:
		/* write_id u32, n u16, n read ids, m u16, m modify ids (u32 each): 8 + 4n + 4m */
		want = 8;
		if (len >= 6) {
			want += 4 * tbf_get16(v + 4);
			if (len >= want) /* then m, just before the modify ids, is there */
				want += 4 * tbf_get16(v + want - 2);
		}
		return want;
	case KIND_RELOCATIONS: /* link_flash, link_ram, count, then the entries: all u32 */
		return MAX(align4(len), TBF_RELOC_FIXED_BYTES);
	default:
		return tlv_rules[kind].bytes;
	}
}

/* Checks the TLV at pos in the header, whose value of len bytes fits, and records what it says. */
static OUT_OF_LINE enum error_code parse_tlv(struct parse *p, uint32_t pos, uint32_t len)
{
	struct tbf_header *hdr = p->hdr;
	uint32_t kind = kind_of(tbf_get16(p->buf + pos)), vpos = pos + TBF_TLV_HEADER_BYTES, n;
	const uint8_t *v = p->buf + vpos;
	const char *name;
	enum error_code rc;

	if (kind >= KIND_COUNT)
		return ERROR_NONE; /* unknown, in-tree or out-of-tree: skipped, as upstream does */
	name = tlv_rules[kind].name;
	if (p->at[kind] && kind != KIND_WRITEABLE_FLASH_REGIONS)
		return report(p->diag, ERROR_INVAL, name, pos, "duplicate TLV");
	p->at[kind] = vpos;
	rc = check_length(p->diag, name, pos + 2, expected_length(kind, v, len), len);
	if (rc != ERROR_NONE)
		return rc;

	switch (kind) {
	case KIND_MAIN: /* read by check_program() */
		hdr->has_main = true;
		break;
	case KIND_PROGRAM:
		hdr->has_program = true;
		break;
	case KIND_WRITEABLE_FLASH_REGIONS:
		n = len / TBF_WFR_ENTRY_BYTES;
		if (n > TBF_MAX_WRITEABLE_REGIONS - hdr->writeable_region_count)
			return reject(p->diag, name, pos, "too many regions",
				      TBF_MAX_WRITEABLE_REGIONS, hdr->writeable_region_count + n);
		for (; n; n--, vpos += TBF_WFR_ENTRY_BYTES, v += TBF_WFR_ENTRY_BYTES) {
			p->wfr_at[hdr->writeable_region_count] = vpos;
			hdr->writeable_regions[hdr->writeable_region_count++] =
			    (struct tbf_region){tbf_get32(v), tbf_get32(v + 4)};
		}
		break;
	case KIND_PACKAGE_NAME:
		n = check_name(v, len);
		if (n < len)
			return report_found(p->diag, ERROR_INVAL, name, vpos + n,
					    "not printable UTF-8", v[n]);
		hdr->name = (const char *)v;
		hdr->name_len = len;
		break;
	case KIND_FIXED_ADDRESSES:
		hdr->has_fixed_addresses = true;
		hdr->fixed_ram_vaddr = tbf_get32(v);
		hdr->fixed_flash_vaddr = tbf_get32(v + 4);
		break;
	case KIND_PERMISSIONS:
		hdr->has_permissions = true;
		hdr->permission_count = tbf_get16(v);
		hdr->permissions = v + 2;
		break;
	case KIND_STORAGE_PERMISSIONS:
		n = tbf_get16(v + 4);
		hdr->has_storage_permissions = true;
		hdr->storage_write_id = tbf_get32(v);
		hdr->storage_read_count = n;
		hdr->storage_read_ids = v + 6;
		hdr->storage_modify_count = tbf_get16(v + 6 + 4 * n);
		hdr->storage_modify_ids = v + 8 + 4 * n;
		break;
	case KIND_KERNEL_VERSION:
		hdr->has_kernel_version = true;
		hdr->kernel_major = tbf_get16(v);
		hdr->kernel_minor = tbf_get16(v + 2);
		break;
	case KIND_SHORT_ID:
		hdr->has_short_id = true;
		hdr->short_id = tbf_get32(v);
		if (!hdr->short_id)
			return report(p->diag, ERROR_INVAL, name, vpos, "must be nonzero");
		break;
	case KIND_RELOCATIONS:
		n = (len - TBF_RELOC_FIXED_BYTES) / TBF_RELOC_ENTRY_BYTES;
		hdr->has_relocations = true;
		hdr->reloc_offset = pos;
		hdr->reloc_link_flash_vaddr = tbf_get32(v);
		hdr->reloc_link_ram_vaddr = tbf_get32(v + 4);
		hdr->reloc_count = tbf_get32(v + 8);
		hdr->reloc_entries = v + TBF_RELOC_FIXED_BYTES;
		if (hdr->reloc_count != n)
			return reject(p->diag, "relocations.count", vpos + 8,
				      "does not match the length", n, hdr->reloc_count);
		break;
	}
	return ERROR_NONE;
}

/* Chooses between Main and Program and checks where the binary and the entry point are. */
static enum error_code check_program(struct parse *p)
{
	/* Indexed by the word of the value. */
	static const char *const main_fields[] = {
	    "main.init_fn_offset",
	    "main.protected_trailer_size",
	    "main.minimum_ram_size",
	};
	static const char *const program_fields[] = {
	    "program.init_fn_offset",
	    "program.protected_trailer_size",
	};
	struct tbf_header *hdr = p->hdr;
	const char *const *field = main_fields;
	uint32_t at = p->at[KIND_MAIN];
	/* Main's value, and the one that counts: Program's if there is one. */
	const uint8_t *main_v = p->buf + at, *v = main_v;
	/* Without Program, the binary ends at total_size. */
	uint32_t hs = hdr->header_size, end = hdr->total_size, room, init, pts;

	if (!hdr->has_program && !hdr->has_main) {
		/* A padding object in the app list: nothing to run, so it must not be enabled. */
		if (hdr->enabled)
			return reject(p->diag, "flags", TBF_OFF_FLAGS,
				      "enabled without Main or Program",
				      hdr->flags & ~TBF_FLAG_ENABLED, hdr->flags);
		hdr->is_padding = true;
		hdr->binary_end_offset = end;
		hdr->binary_offset = end;
		return ERROR_NONE;
	}
	if (hdr->has_program) {
		field = program_fields;
		at = p->at[KIND_PROGRAM];
		v = p->buf + at;
		/* Upstream tools write the same values into both; differing ones would make old
		 * and new kernels run different code, so refuse them. */
		for (int i = 0; hdr->has_main && i < 3; i++) {
			if (tbf_get32(main_v + 4 * i) != tbf_get32(v + 4 * i))
				return reject(p->diag, main_fields[i], p->at[KIND_MAIN] + 4 * i,
					      "disagrees with Program", tbf_get32(v + 4 * i),
					      tbf_get32(main_v + 4 * i));
		}
		end = tbf_get32(v + 12);
		if (end > hdr->total_size)
			return reject(p->diag, "program.binary_end_offset", at + 12,
				      "past total_size", hdr->total_size, end);
		if (end < hs)
			return reject(p->diag, "program.binary_end_offset", at + 12,
				      "below header_size", hs, end);
		hdr->app_version = tbf_get32(v + 16);
	}
	room = end - hs; /* what follows the header */
	init = tbf_get32(v);
	pts = tbf_get32(v + 4);
	if (pts > room)
		return reject(p->diag, field[1], at + 4, "past the end of the binary", room, pts);
	if (init < pts)
		return reject(p->diag, field[0], at, "below protected_trailer_size", pts, init);
	if (init >= room)
		return reject(p->diag, field[0], at, "past the end of the binary", room - 1, init);

	hdr->init_fn_offset = init;
	hdr->protected_trailer_size = pts;
	hdr->minimum_ram_size = tbf_get32(v + 8);
	hdr->binary_end_offset = end;
	hdr->binary_offset = hs + pts;
	hdr->binary_size = room - pts;
	hdr->entry_offset = hs + init;
	return ERROR_NONE;
}

/*
 * Checks every relocation entry against the binary, against the entry before it (ascending, so
 * no byte is patched twice) and for the reserved bit; if binary_copy is not NULL, also adds
 * ram_delta or flash_delta to the word each entry names. Each entry is read once, and the
 * value checked is the value used. Shared by tbf_parse(), which only checks, and
 * tbf_apply_relocations(), which checks again in case the entries changed since.
 * Returns: ERROR_NONE, or ERROR_INVAL with diag (may be NULL) saying why; words before the bad
 * entry have been patched already.
 */
static OUT_OF_LINE enum error_code relocate(const struct tbf_header *hdr, uint8_t *binary_copy,
					    uint32_t flash_delta, uint32_t ram_delta,
					    struct tbf_diag *diag)
{
	static const char field[] = "relocations.entry";
	uint32_t pos = hdr->reloc_offset + TBF_TLV_HEADER_BYTES + TBF_RELOC_FIXED_BYTES;
	uint32_t last =
	    hdr->binary_size < TBF_RELOC_WORD_BYTES ? 0 : hdr->binary_size - TBF_RELOC_WORD_BYTES;
	/* The offset of the byte after the previous word: 0 before the first. */
	uint32_t prev = 0, e, off;
	uint8_t *word;

	for (uint32_t i = 0; i < hdr->reloc_count; i++, pos += TBF_RELOC_ENTRY_BYTES) {
		e = tbf_get32(hdr->reloc_entries + i * TBF_RELOC_ENTRY_BYTES);
		off = e & TBF_RELOC_OFFSET_MASK;
		if (e & TBF_RELOC_RESERVED)
			return reject(diag, field, pos, "reserved bit set", e & ~TBF_RELOC_RESERVED,
				      e);
		if (hdr->binary_size < TBF_RELOC_WORD_BYTES || off > last)
			return reject(diag, field, pos, "past the end of the binary", last, off);
		/* Invariant: off + 4 <= binary_size < 2^32, so nothing here wraps. */
		if (off < prev)
			return reject(diag, field, pos,
				      off + TBF_RELOC_WORD_BYTES <= prev
					  ? "not ascending"
					  : "overlaps the previous word",
				      prev, off);
		prev = off + TBF_RELOC_WORD_BYTES;
		if (binary_copy) {
			/* Byte loads and stores: the word may be unaligned. */
			word = binary_copy + off;
			tbf_put32(word, tbf_get32(word) +
					    ((e & TBF_RELOC_RAM) ? ram_delta : flash_delta));
		}
	}
	return ERROR_NONE;
}

/* Checks the TLVs whose values must fit the binary or the address space. */
static enum error_code check_bounds(struct parse *p)
{
	static const char *const fixed_fields[] = {"fixed_addresses.ram", "fixed_addresses.flash"};
	struct tbf_header *hdr = p->hdr;
	uint32_t end = hdr->binary_end_offset;

	for (uint32_t i = 0; i < hdr->writeable_region_count; i++) {
		const struct tbf_region *r = &hdr->writeable_regions[i];

		if (r->offset < hdr->binary_offset || r->offset > end)
			return reject(p->diag, "writeable_flash_regions.offset", p->wfr_at[i],
				      "outside the binary", hdr->binary_offset, r->offset);
		if (r->size > end - r->offset)
			return reject(p->diag, "writeable_flash_regions.size", p->wfr_at[i] + 4,
				      "past the end of the binary", end - r->offset, r->size);
	}

	/*
	 * A process's RAM (i = 0) or binary (i = 1) may end at 4 GiB but not wrap around it: from
	 * a nonzero address, 0u - address bytes fit below 4 GiB.
	 */
	for (uint32_t i = 0; i < 2; i++) {
		uint32_t vaddr = i ? hdr->fixed_flash_vaddr : hdr->fixed_ram_vaddr;
		uint32_t bytes = i ? hdr->binary_size : hdr->minimum_ram_size;

		if (vaddr != TBF_ADDR_NONE && vaddr && bytes > 0u - vaddr)
			return reject(p->diag, fixed_fields[i], p->at[KIND_FIXED_ADDRESSES] + 4 * i,
				      "wraps past 4 GiB", 0u - bytes, vaddr);
	}

	return relocate(hdr, NULL, 0, 0, p->diag);
}

/* Exact data lengths of the recognised credential formats (0: any length goes). */
static const uint16_t cred_data_bytes[] = {
    [TBF_CRED_RESERVED] = 0,
    [TBF_CRED_RSA3072] = 384 + 384, /* public key n and signature (Tock book) */
    [TBF_CRED_RSA4096] = 512 + 512,
    [TBF_CRED_SHA256] = SHA256_DIGEST_BYTES,
    [TBF_CRED_SHA384] = 48,
    [TBF_CRED_SHA512] = 64,
    [TBF_CRED_ECDSA_P256] = 64, /* r || s */
};

/* The footer region must be a list of credentials TLVs (upstream: InvalidFooter otherwise). */
static enum error_code check_footer(struct parse *p)
{
	struct tbf_header *hdr = p->hdr;
	uint32_t pos = hdr->binary_end_offset, end = hdr->total_size, type, len, format;
	enum error_code rc;

	hdr->footer_offset = pos;
	hdr->footer_size = end - pos;
	/* Fewer than 4 bytes left can only be alignment padding after an unaligned binary. */
	for (; end - pos >= TBF_TLV_HEADER_BYTES; pos += TBF_TLV_HEADER_BYTES + align4(len)) {
		type = tbf_get16(p->buf + pos);
		len = tbf_get16(p->buf + pos + 2);
		if (type != TBF_TLV_CREDENTIALS)
			return reject(p->diag, "footer.type", pos, "not a credential",
				      TBF_TLV_CREDENTIALS, type);
		if (len < 4) /* the format word */
			return reject(p->diag, "footer.length", pos + 2, "too short", 4, len);
		if (align4(len) > end - pos - TBF_TLV_HEADER_BYTES)
			return reject(p->diag, "footer.length", pos + 2, "past total_size",
				      end - pos - TBF_TLV_HEADER_BYTES, len);
		format = tbf_get32(p->buf + pos + TBF_TLV_HEADER_BYTES);
		if (format < ARRAY_SIZE(cred_data_bytes) && cred_data_bytes[format]) {
			/* The TLV's length counts the format word too. */
			rc = check_length(p->diag, "footer.length", pos + 2,
					  4 + cred_data_bytes[format], len);
			if (rc != ERROR_NONE)
				return rc;
		}
		hdr->credential_count++;
	}
	return ERROR_NONE;
}

enum error_code tbf_parse(const uint8_t *buf, size_t avail, struct tbf_header *out,
			  struct tbf_diag *diag)
{
	struct parse p = {.buf = buf, .hdr = out, .diag = diag};
	uint32_t hs, total, sum, pos, len;
	enum error_code rc;

	*out = (struct tbf_header){0};
	out->fixed_ram_vaddr = TBF_ADDR_NONE;
	out->fixed_flash_vaddr = TBF_ADDR_NONE;

	if (avail < TBF_BASE_HEADER_BYTES)
		return report_values(diag, ERROR_SIZE, "header", 0, "too short",
				     TBF_BASE_HEADER_BYTES, clamp32(avail));
	out->version = tbf_get16(buf + TBF_OFF_VERSION);
	if (out->version != TBF_VERSION)
		return report_values(diag, ERROR_NOSUPPORT, "version", TBF_OFF_VERSION,
				     "unsupported", TBF_VERSION, out->version);

	hs = out->header_size = tbf_get16(buf + TBF_OFF_HEADER_SIZE);
	total = tbf_get32(buf + TBF_OFF_TOTAL_SIZE);
	out->flags = tbf_get32(buf + TBF_OFF_FLAGS);
	out->checksum = tbf_get32(buf + TBF_OFF_CHECKSUM);
	out->enabled = out->flags & TBF_FLAG_ENABLED;
	out->sticky = out->flags & TBF_FLAG_STICKY;

	if (hs < TBF_BASE_HEADER_BYTES)
		return reject(diag, "header_size", TBF_OFF_HEADER_SIZE, "too short",
			      TBF_BASE_HEADER_BYTES, hs);
	if (hs % TBF_ALIGN_BYTES)
		return reject(diag, "header_size", TBF_OFF_HEADER_SIZE, "not a multiple of 4",
			      align4(hs), hs);
	if (total % TBF_ALIGN_BYTES)
		return reject(diag, "total_size", TBF_OFF_TOTAL_SIZE, "not a multiple of 4",
			      align4(total), total);
	if (total < hs)
		return reject(diag, "total_size", TBF_OFF_TOTAL_SIZE, "below header_size", hs,
			      total);
	if (total > avail)
		return report_values(diag, ERROR_SIZE, "total_size", TBF_OFF_TOTAL_SIZE,
				     "runs past the end of the storage", clamp32(avail), total);
	/* Invariant: [0, total) is readable, so walkers may skip this TBF from here on. */
	out->total_size = total;

	sum = tbf_checksum(buf, hs);
	if (sum != out->checksum)
		return report_values(diag, ERROR_FAIL, "checksum", TBF_OFF_CHECKSUM, "mismatch",
				     sum, out->checksum);

	/* The TLVs, each padded to 4: pos and hs are multiples of 4. */
	for (pos = TBF_BASE_HEADER_BYTES; pos < hs; pos += TBF_TLV_HEADER_BYTES + align4(len)) {
		len = tbf_get16(buf + pos + 2);
		if (align4(len) > hs - pos - TBF_TLV_HEADER_BYTES)
			return reject(diag, "tlv.length", pos + 2, "past header_size",
				      hs - pos - TBF_TLV_HEADER_BYTES, len);
		rc = parse_tlv(&p, pos, len);
		if (rc != ERROR_NONE)
			return rc;
	}

	rc = check_program(&p);
	if (rc == ERROR_NONE)
		rc = check_bounds(&p);
	if (rc == ERROR_NONE)
		rc = check_footer(&p);
	return rc;
}

enum error_code tbf_check_kernel_version(const struct tbf_header *hdr, uint16_t kmajor,
					 uint16_t kminor)
{
	if (!hdr->has_kernel_version)
		return ERROR_NONE;
	if (hdr->kernel_major != kmajor || hdr->kernel_minor > kminor)
		return ERROR_NOSUPPORT;
	return ERROR_NONE;
}

void tbf_tlv_iter_init(struct tbf_tlv_iter *it, const uint8_t *buf, uint32_t start, uint32_t end)
{
	it->buf = buf;
	it->pos = start;
	it->end = end;
}

bool tbf_tlv_next(struct tbf_tlv_iter *it, struct tbf_tlv *tlv)
{
	uint32_t pos = it->pos;
	uint16_t len;

	if (pos > it->end || it->end - pos < TBF_TLV_HEADER_BYTES)
		return false;
	len = tbf_get16(it->buf + pos + 2);
	if (align4(len) > it->end - pos - TBF_TLV_HEADER_BYTES)
		return false; /* it->pos stays at the TLV that runs past the end */
	tlv->offset = pos;
	tlv->type = tbf_get16(it->buf + pos);
	tlv->length = len;
	tlv->value = it->buf + pos + TBF_TLV_HEADER_BYTES;
	it->pos = pos + TBF_TLV_HEADER_BYTES + align4(len);
	return true;
}

bool tbf_footer_next(const uint8_t *buf, const struct tbf_header *hdr, uint32_t *pos,
		     struct tbf_credential *cred)
{
	uint32_t end = hdr->total_size, len;
	const uint8_t *tlv;

	if (*pos < hdr->footer_offset || *pos > end || end - *pos < TBF_TLV_HEADER_BYTES)
		return false;
	tlv = buf + *pos;
	len = tbf_get16(tlv + 2);
	if (tbf_get16(tlv) != TBF_TLV_CREDENTIALS || len < 4 ||
	    align4(len) > end - *pos - TBF_TLV_HEADER_BYTES)
		return false;
	cred->offset = *pos;
	cred->format = tbf_get32(tlv + TBF_TLV_HEADER_BYTES);
	cred->data = tlv + TBF_TLV_HEADER_BYTES + 4;
	cred->data_len = len - 4;
	*pos += TBF_TLV_HEADER_BYTES + align4(len);
	return true;
}

/* Compares without an early exit, so timing says nothing about where digests differ. */
static bool equal_ct(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t diff = 0;

	for (size_t i = 0; i < n; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

/* The first four bytes of a digest as a number, as people read digests (big-endian). */
static uint32_t digest_head(const uint8_t *d)
{
	return ((uint32_t)d[0] << 24) | ((uint32_t)d[1] << 16) | ((uint32_t)d[2] << 8) | d[3];
}

enum error_code tbf_check_credential(const uint8_t *buf, const struct tbf_header *hdr,
				     const struct tbf_credential *cred, const uint8_t *digest,
				     struct tbf_diag *diag)
{
	uint8_t computed[SHA256_DIGEST_BYTES];

	if (cred->format == TBF_CRED_RESERVED)
		return ERROR_NONE;
	if (cred->format != TBF_CRED_SHA256)
		return report_values(diag, ERROR_NOSUPPORT, "footer.format", cred->offset + 4,
				     cred->format < ARRAY_SIZE(cred_data_bytes) ? "unsupported"
										: "unknown",
				     TBF_CRED_SHA256, cred->format);
	if (cred->data_len != SHA256_DIGEST_BYTES)
		return report_values(diag, ERROR_FAIL, "footer.length", cred->offset + 2,
				     cred->data_len < SHA256_DIGEST_BYTES ? "too short"
									  : "too long",
				     4 + SHA256_DIGEST_BYTES, 4 + cred->data_len);
	if (!digest) {
		sha256(buf, hdr->binary_end_offset, computed);
		digest = computed;
	}
	if (!equal_ct(digest, cred->data, SHA256_DIGEST_BYTES))
		return report_values(diag, ERROR_FAIL, "footer.sha256", cred->offset + 8,
				     "sha256 mismatch", digest_head(digest),
				     digest_head(cred->data));
	return ERROR_NONE;
}

enum error_code tbf_verify_footer(const uint8_t *buf, const struct tbf_header *hdr,
				  enum tbf_cred_status *status, struct tbf_diag *diag)
{
	uint8_t digest[SHA256_DIGEST_BYTES];
	struct tbf_credential cred;
	enum tbf_cred_status verdict = TBF_CRED_STATUS_NONE;
	uint32_t pos = hdr->footer_offset;
	enum error_code rc;

	while (verdict != TBF_CRED_STATUS_SHA256_MISMATCH &&
	       tbf_footer_next(buf, hdr, &pos, &cred)) {
		if (cred.format == TBF_CRED_SHA256) {
			/* Hashed for the first SHA-256 credential: any before this one matched. */
			if (verdict != TBF_CRED_STATUS_SHA256_OK)
				sha256(buf, hdr->binary_end_offset, digest);
			verdict = tbf_check_credential(buf, hdr, &cred, digest, diag) == ERROR_NONE
				      ? TBF_CRED_STATUS_SHA256_OK
				      : TBF_CRED_STATUS_SHA256_MISMATCH;
		} else if (verdict == TBF_CRED_STATUS_NONE &&
			   tbf_check_credential(buf, hdr, &cred, NULL, diag) != ERROR_NONE) {
			/* Not reserved: diag tells of this first unsupported credential. */
			verdict = TBF_CRED_STATUS_UNSUPPORTED;
		}
	}
	if (verdict == TBF_CRED_STATUS_SHA256_MISMATCH) {
		rc = ERROR_FAIL;
	} else if (pos > hdr->total_size || hdr->total_size - pos >= TBF_TLV_HEADER_BYTES) {
		verdict = TBF_CRED_STATUS_MALFORMED;
		rc = report(diag, ERROR_INVAL, "footer", pos, "not a credential");
	} else if (verdict == TBF_CRED_STATUS_SHA256_OK) {
		rc = ERROR_NONE;
	} else if (verdict == TBF_CRED_STATUS_UNSUPPORTED) {
		rc = ERROR_NOSUPPORT;
	} else {
		rc = report(diag, ERROR_NODEVICE, "footer", hdr->footer_offset, "no credentials");
	}
	if (status)
		*status = verdict;
	return rc;
}

enum error_code tbf_apply_relocations(const struct tbf_header *hdr, uint8_t *binary_copy,
				      size_t binary_len, uint32_t flash_vaddr, uint32_t ram_vaddr,
				      struct tbf_diag *diag)
{
	if (!hdr->has_relocations)
		return ERROR_NONE;
	if (binary_len < hdr->binary_size)
		return report_values(diag, ERROR_SIZE, "relocations", hdr->reloc_offset,
				     "binary copy too short", hdr->binary_size,
				     clamp32(binary_len));
	/* Invariant: each word lies inside binary_copy[0, binary_size <= binary_len). */
	return relocate(hdr, binary_copy, flash_vaddr - hdr->reloc_link_flash_vaddr,
			ram_vaddr - hdr->reloc_link_ram_vaddr, diag);
}

struct tbf_permission tbf_permission_get(const struct tbf_header *hdr, uint32_t index)
{
	struct tbf_permission perm = {0};
	const uint8_t *p;

	if (index >= hdr->permission_count)
		return perm;
	p = hdr->permissions + (size_t)index * TBF_PERMISSION_BYTES;
	perm.driver = tbf_get32(p);
	perm.offset = tbf_get32(p + 4);
	perm.allowed_commands = tbf_get64(p + 8);
	return perm;
}

uint32_t tbf_storage_read_id(const struct tbf_header *hdr, uint32_t index)
{
	if (index >= hdr->storage_read_count)
		return 0;
	return tbf_get32(hdr->storage_read_ids + (size_t)index * 4);
}

uint32_t tbf_storage_modify_id(const struct tbf_header *hdr, uint32_t index)
{
	if (index >= hdr->storage_modify_count)
		return 0;
	return tbf_get32(hdr->storage_modify_ids + (size_t)index * 4);
}

uint32_t tbf_relocation_get(const struct tbf_header *hdr, uint32_t index)
{
	if (index >= hdr->reloc_count)
		return 0;
	return tbf_get32(hdr->reloc_entries + (size_t)index * TBF_RELOC_ENTRY_BYTES);
}

/*
 * Names, for the host tools. Their strings are returned as they are or kept in arrays of
 * characters, never in tables of pointers: the compiler pools the strings that data points to
 * with those of tlv_rules[], and the kernel, which never asks for these names, would carry them.
 */
const char *tbf_tlv_name(uint16_t type)
{
	uint32_t kind = kind_of(type);

	if (kind < KIND_COUNT)
		return tlv_rules[kind].name;
	if (type == TBF_TLV_PIC_OPTION1)
		return "pic_option1"; /* defined upstream but never used */
	if (type == TBF_TLV_CREDENTIALS)
		return "credentials"; /* a footer; one found in the header is skipped */
	return "unknown";
}

const char *tbf_cred_format_name(uint32_t format)
{
	static const char names[][sizeof("ecdsa-p256")] = {
	    [TBF_CRED_RESERVED] = "reserved",	  [TBF_CRED_RSA3072] = "rsa3072",
	    [TBF_CRED_RSA4096] = "rsa4096",	  [TBF_CRED_SHA256] = "sha256",
	    [TBF_CRED_SHA384] = "sha384",	  [TBF_CRED_SHA512] = "sha512",
	    [TBF_CRED_ECDSA_P256] = "ecdsa-p256",
	};

	return format < ARRAY_SIZE(names) ? names[format] : "unknown";
}

const char *tbf_cred_status_name(enum tbf_cred_status status)
{
	static const char names[][sizeof("unsupported credentials")] = {
	    [TBF_CRED_STATUS_NONE] = "no credentials",
	    [TBF_CRED_STATUS_SHA256_OK] = "sha256 ok",
	    [TBF_CRED_STATUS_SHA256_MISMATCH] = "sha256 mismatch",
	    [TBF_CRED_STATUS_UNSUPPORTED] = "unsupported credentials",
	    [TBF_CRED_STATUS_MALFORMED] = "malformed footer",
	};

	return (uint32_t)status < ARRAY_SIZE(names) ? names[status] : "?";
}
