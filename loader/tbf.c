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

/* The usual refusal: a malformed or inconsistent field. */
static enum error_code reject(struct tbf_diag *diag, const char *field, uint32_t offset,
			      const char *what, uint32_t expected, uint32_t found)
{
	return report_values(diag, ERROR_INVAL, field, offset, what, expected, found);
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

/* The TLVs tbf_parse() reads; they index tlv_rules[] and struct parse's at[]. */
enum tlv_kind {
	KIND_MAIN,
	KIND_PROGRAM,
	KIND_WRITEABLE_FLASH_REGIONS,
	KIND_PACKAGE_NAME,
	KIND_FIXED_ADDRESSES,
	KIND_PERMISSIONS,
	KIND_STORAGE_PERMISSIONS,
	KIND_KERNEL_VERSION,
	KIND_SHORT_ID,
	KIND_RELOCATIONS,
	KIND_COUNT,
};

/*
 * Every TLV type this code has a name for. The first KIND_COUNT are read by tbf_parse(), each at
 * most once except writeable flash regions (upstream writes one TLV per region); the others are
 * skipped like unknown types. bytes is the exact value length of a fixed-size TLV, 0 for a
 * variable-size one, whose length must fit its contents (expected_length()).
 */
static const struct tlv_rule {
	uint16_t type;
	uint8_t bytes;
	const char *name;
} tlv_rules[] = {
    [KIND_MAIN] = {TBF_TLV_MAIN, TBF_MAIN_BYTES, "main"},
    [KIND_PROGRAM] = {TBF_TLV_PROGRAM, TBF_PROGRAM_BYTES, "program"},
    [KIND_WRITEABLE_FLASH_REGIONS] = {TBF_TLV_WRITEABLE_FLASH_REGIONS, 0,
				      "writeable_flash_regions"},
    [KIND_PACKAGE_NAME] = {TBF_TLV_PACKAGE_NAME, 0, "package_name"},
    [KIND_FIXED_ADDRESSES] = {TBF_TLV_FIXED_ADDRESSES, TBF_FIXED_ADDRESSES_BYTES,
			      "fixed_addresses"},
    [KIND_PERMISSIONS] = {TBF_TLV_PERMISSIONS, 0, "permissions"},
    [KIND_STORAGE_PERMISSIONS] = {TBF_TLV_STORAGE_PERMISSIONS, 0, "storage_permissions"},
    [KIND_KERNEL_VERSION] = {TBF_TLV_KERNEL_VERSION, TBF_KERNEL_VERSION_BYTES, "kernel_version"},
    [KIND_SHORT_ID] = {TBF_TLV_SHORT_ID, TBF_SHORT_ID_BYTES, "short_id"},
    [KIND_RELOCATIONS] = {TBF_TLV_RELOCATIONS, 0, "relocations"},
    /* Defined upstream but never used. */
    {TBF_TLV_PIC_OPTION1, 0, "pic_option1"},
    /* A footer; one found in the header is skipped, as upstream does. */
    {TBF_TLV_CREDENTIALS, 0, "credentials"},
};

/* Returns: the index of type's rule in tlv_rules[], or ARRAY_SIZE(tlv_rules) if it has none. */
static uint32_t rule_of(uint16_t type)
{
	uint32_t i = 0;

	while (i < ARRAY_SIZE(tlv_rules) && tlv_rules[i].type != type)
		i++;
	return i;
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
	/* Table 3-7 by lead byte: how many bytes follow, and the range of the first of them. */
	static const struct {
		uint8_t lead_lo, lead_hi, more, lo, hi;
	} seqs[] = {
	    {0xC2, 0xC2, 1, 0xA0, 0xBF}, /* not U+0080..U+009F, the C1 controls */
	    {0xC3, 0xDF, 1, 0x80, 0xBF}, {0xE0, 0xE0, 2, 0xA0, 0xBF}, {0xE1, 0xEC, 2, 0x80, 0xBF},
	    {0xED, 0xED, 2, 0x80, 0x9F}, {0xEE, 0xEF, 2, 0x80, 0xBF}, {0xF0, 0xF0, 3, 0x90, 0xBF},
	    {0xF1, 0xF3, 3, 0x80, 0xBF}, {0xF4, 0xF4, 3, 0x80, 0x8F},
	};
	uint32_t i = 0, k, n;

	while (i < len) {
		uint8_t b = s[i];

		if (b < 0x80) {
			if (b < 0x20 || b == 0x7F)
				return i;
			i++;
			continue;
		}
		for (n = 0; n < ARRAY_SIZE(seqs) && (b < seqs[n].lead_lo || b > seqs[n].lead_hi);)
			n++;
		if (n == ARRAY_SIZE(seqs) || len - i - 1 < seqs[n].more)
			return i; /* not a lead byte, or the name ends inside the sequence */
		if (s[i + 1] < seqs[n].lo || s[i + 1] > seqs[n].hi)
			return i + 1;
		for (k = 2; k <= seqs[n].more; k++) {
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
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
	case KIND_RELOCATIONS: /* link_flash, link_ram, count (u32 each), then the entries */
		return len < TBF_RELOC_FIXED_BYTES
			   ? TBF_RELOC_FIXED_BYTES
			   : TBF_RELOC_FIXED_BYTES + align4(len - TBF_RELOC_FIXED_BYTES);
	default:
		return tlv_rules[kind].bytes;
	}
}

/* Checks a TLV of the header and records what it says. */
static OUT_OF_LINE enum error_code parse_tlv(struct parse *p, const struct tbf_tlv *tlv)
{
	struct tbf_header *hdr = p->hdr;
	uint32_t kind = rule_of(tlv->type), pos = tlv->offset, len = tlv->length;
	uint32_t vpos = pos + TBF_TLV_HEADER_BYTES, n;
	const uint8_t *v = tlv->value;
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
	/* Indexed by the word of the value: Main's three, then Program's own. */
	static const char *const main_fields[] = {
	    "main.init_fn_offset",
	    "main.protected_trailer_size",
	    "main.minimum_ram_size",
	};
	static const char *const program_fields[] = {
	    "program.init_fn_offset",
	    "program.protected_trailer_size",
	    NULL, /* minimum_ram_size: any value goes */
	    "program.binary_end_offset",
	};
	struct tbf_header *hdr = p->hdr;
	bool program = hdr->has_program;
	const char *const *field = program ? program_fields : main_fields;
	uint32_t at = p->at[program ? KIND_PROGRAM : KIND_MAIN];
	const uint8_t *v = p->buf + at;
	/* Without Program, the binary ends at total_size. */
	uint32_t hs = hdr->header_size, end = hdr->total_size, init, pts;

	if (!program && !hdr->has_main) {
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
	if (program) {
		const uint8_t *main = p->buf + p->at[KIND_MAIN];

		/* Upstream tools write the same values into both; differing ones would make old
		 * and new kernels run different code, so refuse them. */
		for (int i = 0; hdr->has_main && i < 3; i++) {
			if (tbf_get32(main + 4 * i) != tbf_get32(v + 4 * i))
				return reject(p->diag, main_fields[i], p->at[KIND_MAIN] + 4 * i,
					      "disagrees with Program", tbf_get32(v + 4 * i),
					      tbf_get32(main + 4 * i));
		}
		end = tbf_get32(v + 12);
		if (end > hdr->total_size)
			return reject(p->diag, field[3], at + 12, "past total_size",
				      hdr->total_size, end);
		if (end < hs)
			return reject(p->diag, field[3], at + 12, "below header_size", hs, end);
		hdr->app_version = tbf_get32(v + 16);
	}
	init = tbf_get32(v);
	pts = tbf_get32(v + 4);
	if (pts > end - hs)
		return reject(p->diag, field[1], at + 4, "past the end of the binary", end - hs,
			      pts);
	if (init < pts)
		return reject(p->diag, field[0], at, "below protected_trailer_size", pts, init);
	if (init >= end - hs)
		return reject(p->diag, field[0], at, "past the end of the binary", end - hs - 1,
			      init);

	hdr->init_fn_offset = init;
	hdr->protected_trailer_size = pts;
	hdr->minimum_ram_size = tbf_get32(v + 8);
	hdr->binary_end_offset = end;
	hdr->binary_offset = hs + pts;
	hdr->binary_size = end - hdr->binary_offset;
	hdr->entry_offset = hs + init;
	return ERROR_NONE;
}

/*
 * Checks e, the value of relocation entry i, against the binary and against the entry before
 * it: *prev is that entry's offset + TBF_RELOC_WORD_BYTES (0 before the first entry) and is
 * advanced. The caller reads e once and uses the value it checked. Shared by tbf_parse() and
 * the re-check in tbf_apply_relocations().
 * Returns: ERROR_NONE, or ERROR_INVAL with diag (may be NULL) saying why.
 */
static enum error_code check_reloc_entry(const struct tbf_header *hdr, uint32_t i, uint32_t e,
					 uint32_t *prev, struct tbf_diag *diag)
{
	static const char field[] = "relocations.entry";
	uint32_t pos = hdr->reloc_offset + TBF_TLV_HEADER_BYTES + TBF_RELOC_FIXED_BYTES +
		       i * TBF_RELOC_ENTRY_BYTES;
	uint32_t off = e & TBF_RELOC_OFFSET_MASK;
	uint32_t last =
	    hdr->binary_size < TBF_RELOC_WORD_BYTES ? 0 : hdr->binary_size - TBF_RELOC_WORD_BYTES;

	if (e & TBF_RELOC_RESERVED)
		return reject(diag, field, pos, "reserved bit set", e & ~TBF_RELOC_RESERVED, e);
	if (hdr->binary_size < TBF_RELOC_WORD_BYTES || off > last)
		return reject(diag, field, pos, "past the end of the binary", last, off);
	/* Invariant: off + 4 <= binary_size < 2^32, so nothing here wraps. */
	if (off < *prev)
		return reject(diag, field, pos,
			      off + TBF_RELOC_WORD_BYTES <= *prev ? "not ascending"
								  : "overlaps the previous word",
			      *prev, off);
	*prev = off + TBF_RELOC_WORD_BYTES;
	return ERROR_NONE;
}

/* Checks the TLVs whose values must fit the binary or the address space. */
static enum error_code check_bounds(struct parse *p)
{
	static const char *const fixed_fields[] = {"fixed_addresses.ram", "fixed_addresses.flash"};
	struct tbf_header *hdr = p->hdr;
	uint32_t end = hdr->binary_end_offset, prev = 0;
	uint32_t fixed[] = {hdr->fixed_ram_vaddr, hdr->fixed_flash_vaddr};
	uint32_t fixed_bytes[] = {hdr->minimum_ram_size, hdr->binary_size};
	enum error_code rc;

	for (uint32_t i = 0; i < hdr->writeable_region_count; i++) {
		const struct tbf_region *r = &hdr->writeable_regions[i];

		if (r->offset < hdr->binary_offset || r->offset > end)
			return reject(p->diag, "writeable_flash_regions.offset", p->wfr_at[i],
				      "outside the binary", hdr->binary_offset, r->offset);
		if (r->size > end - r->offset)
			return reject(p->diag, "writeable_flash_regions.size", p->wfr_at[i] + 4,
				      "past the end of the binary", end - r->offset, r->size);
	}

	/* A process's RAM or binary may end at 4 GiB but not wrap around it. */
	for (int i = 0; i < 2; i++) {
		if (fixed[i] != TBF_ADDR_NONE && (uint64_t)fixed[i] + fixed_bytes[i] > 1ull << 32)
			return reject(p->diag, fixed_fields[i], p->at[KIND_FIXED_ADDRESSES] + 4 * i,
				      "wraps past 4 GiB", 0u - fixed_bytes[i], fixed[i]);
	}

	for (uint32_t i = 0; i < hdr->reloc_count; i++) {
		rc = check_reloc_entry(hdr, i, tbf_relocation_get(hdr, i), &prev, p->diag);
		if (rc != ERROR_NONE)
			return rc;
	}
	return ERROR_NONE;
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
	uint32_t pos = hdr->binary_end_offset, end = hdr->total_size;
	struct tbf_credential cred;
	enum error_code rc;
	uint16_t type, len;

	hdr->footer_offset = pos;
	hdr->footer_size = end - pos;
	while (tbf_footer_next(p->buf, hdr, &pos, &cred)) {
		if (cred.format < ARRAY_SIZE(cred_data_bytes) && cred_data_bytes[cred.format]) {
			/* The TLV's length counts the format word too. */
			rc = check_length(p->diag, "footer.length", cred.offset + 2,
					  4 + cred_data_bytes[cred.format], 4 + cred.data_len);
			if (rc != ERROR_NONE)
				return rc;
		}
		hdr->credential_count++;
	}
	/* Fewer than 4 bytes left can only be alignment padding after an unaligned binary. */
	if (end - pos < TBF_TLV_HEADER_BYTES)
		return ERROR_NONE;
	/* Why tbf_footer_next() stopped short of the end. */
	type = tbf_get16(p->buf + pos);
	len = tbf_get16(p->buf + pos + 2);
	if (type != TBF_TLV_CREDENTIALS)
		return reject(p->diag, "footer.type", pos, "not a credential", TBF_TLV_CREDENTIALS,
			      type);
	if (len < 4) /* the format word */
		return reject(p->diag, "footer.length", pos + 2, "too short", 4, len);
	return reject(p->diag, "footer.length", pos + 2, "past total_size",
		      end - pos - TBF_TLV_HEADER_BYTES, len);
}

enum error_code tbf_parse(const uint8_t *buf, size_t avail, struct tbf_header *out,
			  struct tbf_diag *diag)
{
	struct parse p = {.buf = buf, .hdr = out, .diag = diag};
	struct tbf_tlv_iter it;
	struct tbf_tlv tlv;
	uint32_t hs, total, sum;
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

	tbf_tlv_iter_init(&it, buf, TBF_BASE_HEADER_BYTES, hs);
	while (tbf_tlv_next(&it, &tlv)) {
		rc = parse_tlv(&p, &tlv);
		if (rc != ERROR_NONE)
			return rc;
	}
	/* The iterator stopped at a TLV running past hs (it.pos and hs are multiples of 4). */
	if (it.pos < hs)
		return reject(diag, "tlv.length", it.pos + 2, "past header_size",
			      hs - it.pos - TBF_TLV_HEADER_BYTES, tbf_get16(buf + it.pos + 2));

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
	struct tbf_tlv_iter it;
	struct tbf_tlv tlv;

	if (*pos < hdr->footer_offset)
		return false;
	tbf_tlv_iter_init(&it, buf, *pos, hdr->total_size);
	if (!tbf_tlv_next(&it, &tlv) || tlv.type != TBF_TLV_CREDENTIALS || tlv.length < 4)
		return false;
	cred->offset = tlv.offset;
	cred->format = tbf_get32(tlv.value);
	cred->data = tlv.value + 4;
	cred->data_len = tlv.length - 4u;
	*pos = it.pos;
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
	bool hashed = false, quiet;
	struct tbf_credential cred;
	enum tbf_cred_status verdict = TBF_CRED_STATUS_NONE, dummy;
	uint32_t pos = hdr->footer_offset;
	enum error_code rc;

	if (!status)
		status = &dummy;
	while (tbf_footer_next(buf, hdr, &pos, &cred)) {
		if (cred.format == TBF_CRED_SHA256 && !hashed) {
			sha256(buf, hdr->binary_end_offset, digest);
			hashed = true;
		}
		/* diag tells of a SHA-256 mismatch, else of the first unsupported credential. */
		quiet = cred.format != TBF_CRED_SHA256 && verdict != TBF_CRED_STATUS_NONE;
		rc = tbf_check_credential(buf, hdr, &cred, hashed ? digest : NULL,
					  quiet ? NULL : diag);
		if (rc == ERROR_FAIL) {
			*status = TBF_CRED_STATUS_SHA256_MISMATCH;
			return ERROR_FAIL;
		}
		if (rc == ERROR_NOSUPPORT && verdict == TBF_CRED_STATUS_NONE)
			verdict = TBF_CRED_STATUS_UNSUPPORTED;
		if (rc == ERROR_NONE && cred.format == TBF_CRED_SHA256)
			verdict = TBF_CRED_STATUS_SHA256_OK;
	}
	if (pos > hdr->total_size || hdr->total_size - pos >= TBF_TLV_HEADER_BYTES) {
		*status = TBF_CRED_STATUS_MALFORMED;
		return report(diag, ERROR_INVAL, "footer", pos, "not a credential");
	}
	*status = verdict;
	if (verdict == TBF_CRED_STATUS_SHA256_OK)
		return ERROR_NONE;
	if (verdict == TBF_CRED_STATUS_UNSUPPORTED)
		return ERROR_NOSUPPORT;
	return report(diag, ERROR_NODEVICE, "footer", hdr->footer_offset, "no credentials");
}

enum error_code tbf_apply_relocations(const struct tbf_header *hdr, uint8_t *binary_copy,
				      size_t binary_len, uint32_t flash_vaddr, uint32_t ram_vaddr,
				      struct tbf_diag *diag)
{
	uint32_t flash_delta = flash_vaddr - hdr->reloc_link_flash_vaddr;
	uint32_t ram_delta = ram_vaddr - hdr->reloc_link_ram_vaddr;
	uint32_t prev = 0;

	if (!hdr->has_relocations)
		return ERROR_NONE;
	if (binary_len < hdr->binary_size)
		return report_values(diag, ERROR_SIZE, "relocations", hdr->reloc_offset,
				     "binary copy too short", hdr->binary_size,
				     clamp32(binary_len));

	for (uint32_t i = 0; i < hdr->reloc_count; i++) {
		uint32_t e = tbf_relocation_get(hdr, i);
		enum error_code rc = check_reloc_entry(hdr, i, e, &prev, diag);
		uint8_t *word;

		if (rc != ERROR_NONE)
			return rc;
		/* Invariant: the word lies inside binary_copy[0, binary_size <= binary_len). */
		word = binary_copy + (e & TBF_RELOC_OFFSET_MASK);
		/* Byte loads and stores: the word may be unaligned. */
		tbf_put32(word, tbf_get32(word) + ((e & TBF_RELOC_RAM) ? ram_delta : flash_delta));
	}
	return ERROR_NONE;
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

const char *tbf_tlv_name(uint16_t type)
{
	uint32_t rule = rule_of(type);

	return rule < ARRAY_SIZE(tlv_rules) ? tlv_rules[rule].name : "unknown";
}

const char *tbf_cred_format_name(uint32_t format)
{
	switch (format) {
	case TBF_CRED_RESERVED:
		return "reserved";
	case TBF_CRED_RSA3072:
		return "rsa3072";
	case TBF_CRED_RSA4096:
		return "rsa4096";
	case TBF_CRED_SHA256:
		return "sha256";
	case TBF_CRED_SHA384:
		return "sha384";
	case TBF_CRED_SHA512:
		return "sha512";
	case TBF_CRED_ECDSA_P256:
		return "ecdsa-p256";
	default:
		return "unknown";
	}
}

const char *tbf_cred_status_name(enum tbf_cred_status status)
{
	switch (status) {
	case TBF_CRED_STATUS_NONE:
		return "no credentials";
	case TBF_CRED_STATUS_SHA256_OK:
		return "sha256 ok";
	case TBF_CRED_STATUS_SHA256_MISMATCH:
		return "sha256 mismatch";
	case TBF_CRED_STATUS_UNSUPPORTED:
		return "unsupported credentials";
	case TBF_CRED_STATUS_MALFORMED:
		return "malformed footer";
	}
	return "?";
}
