/* SPDX-License-Identifier: MIT */
/* Tock Binary Format (TBF v2): parsing, validation, credentials and relocation. */
#include "loader/tbf.h"

#include "lib/sha256.h"

/* Bit positions in struct parse's duplicate tracker, one per known singular TLV. */
enum seen_bit {
	SEEN_MAIN,
	SEEN_PACKAGE_NAME,
	SEEN_FIXED_ADDRESSES,
	SEEN_PERMISSIONS,
	SEEN_STORAGE_PERMISSIONS,
	SEEN_KERNEL_VERSION,
	SEEN_PROGRAM,
	SEEN_SHORT_ID,
	SEEN_RELOCATIONS,
};

/* Parser state: where each TLV was, so later cross-field checks can name an offset. */
struct parse {
	const uint8_t *buf;
	struct tbf_header *hdr;
	struct tbf_diag *diag;
	uint32_t seen;
	uint32_t main_pos;    /* of the Main TLV's value */
	uint32_t main[3];     /* init_fn_offset, protected_trailer_size, minimum_ram_size */
	uint32_t program_pos; /* of the Program TLV's value */
	uint32_t fixed_pos;   /* of the Fixed Addresses TLV's value */
	uint32_t wfr_pos[TBF_MAX_WRITEABLE_REGIONS];
};

static enum error_code fail(struct tbf_diag *diag, enum error_code code, const char *field,
			    uint32_t offset, const char *what)
{
	if (diag) {
		diag->field = field;
		diag->what = what;
		diag->offset = offset;
		diag->expected = 0;
		diag->found = 0;
		diag->has_expected = false;
		diag->has_values = false;
	}
	return code;
}

/* A failure that names the offending value, with nothing in particular expected instead. */
static enum error_code fail_found(struct tbf_diag *diag, enum error_code code, const char *field,
				  uint32_t offset, const char *what, uint32_t found)
{
	fail(diag, code, field, offset, what);
	if (diag) {
		diag->found = found;
		diag->has_values = true;
	}
	return code;
}

static enum error_code fail_val(struct tbf_diag *diag, enum error_code code, const char *field,
				uint32_t offset, const char *what, uint32_t expected,
				uint32_t found)
{
	fail(diag, code, field, offset, what);
	if (diag) {
		diag->expected = expected;
		diag->found = found;
		diag->has_expected = true;
		diag->has_values = true;
	}
	return code;
}

static uint32_t clamp32(size_t n)
{
	return n > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)n;
}

static uint32_t align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

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
 * Package names are printed on the kernel console, so besides being valid UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF) they may hold no control character,
 * C0 or C1: an app must not be able to send escape sequences to the operator's terminal.
 * Returns: the index of the first bad byte, or len if the name is acceptable; *why says why.
 */
static uint32_t check_name(const uint8_t *s, uint32_t len, const char **why)
{
	uint32_t i = 0;

	while (i < len) {
		uint8_t b = s[i];
		uint32_t more;
		uint8_t lo = 0x80, hi = 0xBF;

		if (b < 0x80) {
			if (b == 0) {
				*why = "contains a NUL byte";
				return i;
			}
			if (b < 0x20 || b == 0x7F) {
				*why = "contains a control character";
				return i;
			}
			i++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF) {
			more = 1;
			if (b == 0xC2)
				lo = 0xA0; /* U+0080..U+009F are the C1 controls */
		} else if (b >= 0xE0 && b <= 0xEF) {
			more = 2;
			if (b == 0xE0)
				lo = 0xA0; /* overlong */
			else if (b == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (b >= 0xF0 && b <= 0xF4) {
			more = 3;
			if (b == 0xF0)
				lo = 0x90; /* overlong */
			else if (b == 0xF4)
				hi = 0x8F; /* above U+10FFFF */
		} else {
			*why = "is not valid UTF-8";
			return i;
		}
		if (len - i - 1 < more) {
			*why = "ends inside a UTF-8 sequence";
			return i;
		}
		if (s[i + 1] < lo || s[i + 1] > hi) {
			*why = b == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] < 0xA0
				   ? "contains a control character"
				   : "is not valid UTF-8";
			return i + 1;
		}
		for (uint32_t k = 2; k <= more; k++) {
			if (s[i + k] < 0x80 || s[i + k] > 0xBF) {
				*why = "is not valid UTF-8";
				return i + k;
			}
		}
		i += more + 1;
	}
	return len;
}

/* The duplicate-tracking bit of a singular known TLV type, or -1 for the others. */
static int seen_bit(uint16_t type)
{
	switch (type) {
	case TBF_TLV_MAIN:
		return SEEN_MAIN;
	case TBF_TLV_PACKAGE_NAME:
		return SEEN_PACKAGE_NAME;
	case TBF_TLV_FIXED_ADDRESSES:
		return SEEN_FIXED_ADDRESSES;
	case TBF_TLV_PERMISSIONS:
		return SEEN_PERMISSIONS;
	case TBF_TLV_STORAGE_PERMISSIONS:
		return SEEN_STORAGE_PERMISSIONS;
	case TBF_TLV_KERNEL_VERSION:
		return SEEN_KERNEL_VERSION;
	case TBF_TLV_PROGRAM:
		return SEEN_PROGRAM;
	case TBF_TLV_SHORT_ID:
		return SEEN_SHORT_ID;
	case TBF_TLV_RELOCATIONS:
		return SEEN_RELOCATIONS;
	default:
		return -1;
	}
}

static enum error_code parse_tlv(struct parse *p, uint32_t pos, uint16_t type, uint32_t len)
{
	struct tbf_header *hdr = p->hdr;
	const uint8_t *v = p->buf + pos + TBF_TLV_HEADER_BYTES;
	uint32_t vpos = pos + TBF_TLV_HEADER_BYTES;
	uint32_t lpos = pos + 2;

	switch (type) {
	case TBF_TLV_MAIN:
		if (len != TBF_MAIN_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "main.length", lpos, "wrong length",
					TBF_MAIN_BYTES, len);
		hdr->has_main = true;
		p->main_pos = vpos;
		for (int i = 0; i < 3; i++)
			p->main[i] = tbf_get32(v + 4 * i);
		return ERROR_NONE;

	case TBF_TLV_PROGRAM:
		if (len != TBF_PROGRAM_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "program.length", lpos,
					"wrong length", TBF_PROGRAM_BYTES, len);
		hdr->has_program = true;
		p->program_pos = vpos;
		hdr->init_fn_offset = tbf_get32(v);
		hdr->protected_trailer_size = tbf_get32(v + 4);
		hdr->minimum_ram_size = tbf_get32(v + 8);
		hdr->binary_end_offset = tbf_get32(v + 12);
		hdr->app_version = tbf_get32(v + 16);
		return ERROR_NONE;

	case TBF_TLV_WRITEABLE_FLASH_REGIONS: {
		uint32_t n = len / TBF_WFR_ENTRY_BYTES;

		if (len % TBF_WFR_ENTRY_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "writeable_flash_regions.length",
					lpos, "not a multiple of 8", (n + 1) * TBF_WFR_ENTRY_BYTES,
					len);
		if (n > TBF_MAX_WRITEABLE_REGIONS - hdr->writeable_region_count)
			return fail_val(p->diag, ERROR_INVAL, "writeable_flash_regions", pos,
					"more regions than supported", TBF_MAX_WRITEABLE_REGIONS,
					hdr->writeable_region_count + n);
		for (uint32_t i = 0; i < n; i++) {
			struct tbf_region *r = &hdr->writeable_regions[hdr->writeable_region_count];

			p->wfr_pos[hdr->writeable_region_count] = vpos + i * TBF_WFR_ENTRY_BYTES;
			r->offset = tbf_get32(v + i * TBF_WFR_ENTRY_BYTES);
			r->size = tbf_get32(v + i * TBF_WFR_ENTRY_BYTES + 4);
			hdr->writeable_region_count++;
		}
		return ERROR_NONE;
	}

	case TBF_TLV_PACKAGE_NAME: {
		const char *why = "";
		uint32_t bad;

		if (len > TBF_MAX_NAME_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "package_name.length", lpos,
					"name too long", TBF_MAX_NAME_BYTES, len);
		bad = check_name(v, len, &why);
		if (bad < len)
			return fail_found(p->diag, ERROR_INVAL, "package_name", vpos + bad, why,
					  v[bad]);
		hdr->name = (const char *)v;
		hdr->name_len = len;
		return ERROR_NONE;
	}

	case TBF_TLV_FIXED_ADDRESSES:
		if (len != TBF_FIXED_ADDRESSES_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "fixed_addresses.length", lpos,
					"wrong length", TBF_FIXED_ADDRESSES_BYTES, len);
		hdr->has_fixed_addresses = true;
		p->fixed_pos = vpos;
		hdr->fixed_ram_vaddr = tbf_get32(v);
		hdr->fixed_flash_vaddr = tbf_get32(v + 4);
		return ERROR_NONE;

	case TBF_TLV_PERMISSIONS: {
		uint32_t count;

		if (len < 2)
			return fail_val(p->diag, ERROR_INVAL, "permissions.length", lpos,
					"too short for the count", 2, len);
		count = tbf_get16(v);
		if (len != 2 + count * TBF_PERMISSION_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "permissions.length", lpos,
					"does not match the permission count",
					2 + count * TBF_PERMISSION_BYTES, len);
		hdr->has_permissions = true;
		hdr->permission_count = count;
		hdr->permissions = v + 2;
		return ERROR_NONE;
	}

	case TBF_TLV_STORAGE_PERMISSIONS: {
		uint32_t nread, nmodify;

		if (len < 6)
			return fail_val(p->diag, ERROR_INVAL, "storage_permissions.length", lpos,
					"too short for write_id and the read count", 8, len);
		nread = tbf_get16(v + 4);
		if (len < 8 + 4 * nread)
			return fail_val(p->diag, ERROR_INVAL, "storage_permissions.length", lpos,
					"too short for the read ids and the modify count",
					8 + 4 * nread, len);
		nmodify = tbf_get16(v + 6 + 4 * nread);
		if (len != 8 + 4 * nread + 4 * nmodify)
			return fail_val(p->diag, ERROR_INVAL, "storage_permissions.length", lpos,
					"does not match the id counts", 8 + 4 * nread + 4 * nmodify,
					len);
		hdr->has_storage_permissions = true;
		hdr->storage_write_id = tbf_get32(v);
		hdr->storage_read_count = nread;
		hdr->storage_read_ids = v + 6;
		hdr->storage_modify_count = nmodify;
		hdr->storage_modify_ids = v + 8 + 4 * nread;
		return ERROR_NONE;
	}

	case TBF_TLV_KERNEL_VERSION:
		if (len != TBF_KERNEL_VERSION_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "kernel_version.length", lpos,
					"wrong length", TBF_KERNEL_VERSION_BYTES, len);
		hdr->has_kernel_version = true;
		hdr->kernel_major = tbf_get16(v);
		hdr->kernel_minor = tbf_get16(v + 2);
		return ERROR_NONE;

	case TBF_TLV_SHORT_ID:
		if (len != TBF_SHORT_ID_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "short_id.length", lpos,
					"wrong length", TBF_SHORT_ID_BYTES, len);
		if (tbf_get32(v) == 0)
			return fail(p->diag, ERROR_INVAL, "short_id", vpos, "must be nonzero");
		hdr->has_short_id = true;
		hdr->short_id = tbf_get32(v);
		return ERROR_NONE;

	case TBF_TLV_RELOCATIONS: {
		uint32_t count;

		if (len < TBF_RELOC_FIXED_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "relocations.length", lpos,
					"too short for the fixed fields", TBF_RELOC_FIXED_BYTES,
					len);
		if ((len - TBF_RELOC_FIXED_BYTES) % TBF_RELOC_ENTRY_BYTES)
			return fail_val(
			    p->diag, ERROR_INVAL, "relocations.length", lpos, "not 12 + 4 * count",
			    TBF_RELOC_FIXED_BYTES + align4(len - TBF_RELOC_FIXED_BYTES), len);
		count = tbf_get32(v + 8);
		if (count != (len - TBF_RELOC_FIXED_BYTES) / TBF_RELOC_ENTRY_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "relocations.count", vpos + 8,
					"does not match the TLV length",
					(len - TBF_RELOC_FIXED_BYTES) / TBF_RELOC_ENTRY_BYTES,
					count);
		hdr->has_relocations = true;
		hdr->reloc_offset = pos;
		hdr->reloc_link_flash_vaddr = tbf_get32(v);
		hdr->reloc_link_ram_vaddr = tbf_get32(v + 4);
		hdr->reloc_count = count;
		hdr->reloc_entries = v + TBF_RELOC_FIXED_BYTES;
		return ERROR_NONE;
	}

	default:
		/* Unknown (in-tree or out-of-tree), PIC option 1, or a credential misplaced in
		 * the header: skipped, as upstream does. */
		return ERROR_NONE;
	}
}

/* Chooses between Main and Program and checks where the binary and the entry point are. */
static enum error_code check_program(struct parse *p)
{
	struct tbf_header *hdr = p->hdr;
	uint32_t hs = hdr->header_size;
	uint32_t pos;
	const char *f_init, *f_pts, *f_end = "program.binary_end_offset";
	static const char *const main_fields[3] = {
	    "main.init_fn_offset",
	    "main.protected_trailer_size",
	    "main.minimum_ram_size",
	};

	if (hdr->has_program) {
		uint32_t prog[3] = {hdr->init_fn_offset, hdr->protected_trailer_size,
				    hdr->minimum_ram_size};

		/* Upstream tools write the same values into both; differing ones would make
		 * old and new kernels run different code, so refuse them. */
		for (int i = 0; hdr->has_main && i < 3; i++) {
			if (p->main[i] != prog[i])
				return fail_val(
				    p->diag, ERROR_INVAL, main_fields[i], p->main_pos + 4 * i,
				    "disagrees with the Program TLV", prog[i], p->main[i]);
		}
		pos = p->program_pos;
		f_init = "program.init_fn_offset";
		f_pts = "program.protected_trailer_size";
		if (hdr->binary_end_offset > hdr->total_size)
			return fail_val(p->diag, ERROR_INVAL, f_end, pos + 12, "past total_size",
					hdr->total_size, hdr->binary_end_offset);
		if (hdr->binary_end_offset < hs)
			return fail_val(p->diag, ERROR_INVAL, f_end, pos + 12, "inside the header",
					hs, hdr->binary_end_offset);
	} else if (hdr->has_main) {
		hdr->init_fn_offset = p->main[0];
		hdr->protected_trailer_size = p->main[1];
		hdr->minimum_ram_size = p->main[2];
		hdr->binary_end_offset = hdr->total_size;
		hdr->app_version = 0;
		pos = p->main_pos;
		f_init = main_fields[0];
		f_pts = main_fields[1];
	} else {
		if (hdr->enabled)
			return fail_val(p->diag, ERROR_INVAL, "flags", TBF_OFF_FLAGS,
					"enabled, but neither a Main nor a Program TLV",
					hdr->flags & ~TBF_FLAG_ENABLED, hdr->flags);
		hdr->is_padding = true;
		hdr->binary_end_offset = hdr->total_size;
		hdr->binary_offset = hdr->total_size;
		hdr->binary_size = 0;
		hdr->entry_offset = 0;
		return ERROR_NONE;
	}

	if (hdr->protected_trailer_size > hdr->binary_end_offset - hs)
		return fail_val(p->diag, ERROR_INVAL, f_pts, pos + 4,
				"runs past the end of the binary", hdr->binary_end_offset - hs,
				hdr->protected_trailer_size);
	if (hdr->init_fn_offset < hdr->protected_trailer_size)
		return fail_val(p->diag, ERROR_INVAL, f_init, pos,
				"points into the protected trailer", hdr->protected_trailer_size,
				hdr->init_fn_offset);
	if (hdr->init_fn_offset >= hdr->binary_end_offset - hs)
		return fail_val(p->diag, ERROR_INVAL, f_init, pos,
				"points past the end of the binary",
				hdr->binary_end_offset - hs - 1, hdr->init_fn_offset);

	hdr->binary_offset = hs + hdr->protected_trailer_size;
	hdr->binary_size = hdr->binary_end_offset - hdr->binary_offset;
	hdr->entry_offset = hs + hdr->init_fn_offset;
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
	uint32_t pos = hdr->reloc_offset + TBF_TLV_HEADER_BYTES + TBF_RELOC_FIXED_BYTES +
		       i * TBF_RELOC_ENTRY_BYTES;
	uint32_t off = e & TBF_RELOC_OFFSET_MASK;
	uint32_t last =
	    hdr->binary_size < TBF_RELOC_WORD_BYTES ? 0 : hdr->binary_size - TBF_RELOC_WORD_BYTES;

	if (e & TBF_RELOC_RESERVED)
		return fail_val(diag, ERROR_INVAL, "relocations.entry", pos, "reserved bit 30 set",
				e & ~TBF_RELOC_RESERVED, e);
	if (hdr->binary_size < TBF_RELOC_WORD_BYTES || off > last)
		return fail_val(diag, ERROR_INVAL, "relocations.entry", pos,
				"word runs past the end of the binary", last, off);
	/* Invariant: off + 4 <= binary_size < 2^32, so nothing below wraps. */
	if (off + TBF_RELOC_WORD_BYTES <= *prev)
		return fail_val(diag, ERROR_INVAL, "relocations.entry", pos,
				"offsets not strictly ascending", *prev, off);
	if (off < *prev)
		return fail_val(diag, ERROR_INVAL, "relocations.entry", pos,
				"word overlaps the previous entry's word", *prev, off);
	*prev = off + TBF_RELOC_WORD_BYTES;
	return ERROR_NONE;
}

/* Checks the TLVs whose values must fit the binary or the address space. */
static enum error_code check_bounds(struct parse *p)
{
	struct tbf_header *hdr = p->hdr;

	for (uint32_t i = 0; i < hdr->writeable_region_count; i++) {
		const struct tbf_region *r = &hdr->writeable_regions[i];

		if (r->offset < hdr->binary_offset || r->offset > hdr->binary_end_offset)
			return fail_val(p->diag, ERROR_INVAL, "writeable_flash_regions.offset",
					p->wfr_pos[i], "outside the binary", hdr->binary_offset,
					r->offset);
		if (r->size > hdr->binary_end_offset - r->offset)
			return fail_val(p->diag, ERROR_INVAL, "writeable_flash_regions.size",
					p->wfr_pos[i] + 4, "runs past the end of the binary",
					hdr->binary_end_offset - r->offset, r->size);
	}

	/* A process's RAM or binary may end at 4 GiB but not wrap around it. */
	if (hdr->fixed_ram_vaddr != TBF_ADDR_NONE &&
	    (uint64_t)hdr->fixed_ram_vaddr + hdr->minimum_ram_size > 0x100000000ull)
		return fail_val(p->diag, ERROR_INVAL, "fixed_addresses.ram", p->fixed_pos,
				"RAM would wrap past 4 GiB",
				(uint32_t)(0x100000000ull - hdr->minimum_ram_size),
				hdr->fixed_ram_vaddr);
	if (hdr->fixed_flash_vaddr != TBF_ADDR_NONE &&
	    (uint64_t)hdr->fixed_flash_vaddr + hdr->binary_size > 0x100000000ull)
		return fail_val(p->diag, ERROR_INVAL, "fixed_addresses.flash", p->fixed_pos + 4,
				"binary would wrap past 4 GiB",
				(uint32_t)(0x100000000ull - hdr->binary_size),
				hdr->fixed_flash_vaddr);

	if (hdr->has_relocations) {
		uint32_t prev = 0;
		enum error_code rc;

		for (uint32_t i = 0; i < hdr->reloc_count; i++) {
			rc = check_reloc_entry(hdr, i, tbf_relocation_get(hdr, i), &prev, p->diag);
			if (rc != ERROR_NONE)
				return rc;
		}
	}
	return ERROR_NONE;
}

/* Expected data length of a credential format, or 0 if any length goes. */
static uint32_t cred_data_len(uint32_t format)
{
	switch (format) {
	case TBF_CRED_RSA3072:
		return 384 + 384; /* public key n and signature (Tock book) */
	case TBF_CRED_RSA4096:
		return 512 + 512;
	case TBF_CRED_SHA256:
		return SHA256_DIGEST_BYTES;
	case TBF_CRED_SHA384:
		return 48;
	case TBF_CRED_SHA512:
		return 64;
	case TBF_CRED_ECDSA_P256:
		return 64; /* r || s */
	default:
		return 0;
	}
}

/* The footer region must be a list of credentials TLVs (upstream: InvalidFooter otherwise). */
static enum error_code check_footer(struct parse *p)
{
	struct tbf_header *hdr = p->hdr;
	uint32_t pos = hdr->binary_end_offset, end = hdr->total_size;

	hdr->footer_offset = pos;
	hdr->footer_size = end - pos;
	/* Fewer than 4 bytes left can only be alignment padding after an unaligned binary. */
	while (end - pos >= TBF_TLV_HEADER_BYTES) {
		uint16_t type = tbf_get16(p->buf + pos);
		uint16_t len = tbf_get16(p->buf + pos + 2);
		uint32_t format, want;

		if (type != TBF_TLV_CREDENTIALS)
			return fail_val(p->diag, ERROR_INVAL, "footer.type", pos,
					"not a credentials footer", TBF_TLV_CREDENTIALS, type);
		if (len < 4)
			return fail_val(p->diag, ERROR_INVAL, "footer.length", pos + 2,
					"too short for the format word", 4, len);
		if (align4(len) > end - pos - TBF_TLV_HEADER_BYTES)
			return fail_val(p->diag, ERROR_INVAL, "footer.length", pos + 2,
					"runs past total_size", end - pos - TBF_TLV_HEADER_BYTES,
					len);
		format = tbf_get32(p->buf + pos + 4);
		want = cred_data_len(format);
		if (want && len - 4u != want)
			return fail_val(p->diag, ERROR_INVAL, "footer.length", pos + 2,
					"wrong length for the credential format", want + 4, len);
		hdr->credential_count++;
		pos += TBF_TLV_HEADER_BYTES + align4(len);
	}
	return ERROR_NONE;
}

enum error_code tbf_parse(const uint8_t *buf, size_t avail, struct tbf_header *out,
			  struct tbf_diag *diag)
{
	struct parse p = {.buf = buf, .hdr = out, .diag = diag};
	uint32_t hs, total, sum;
	enum error_code rc;

	*out = (struct tbf_header){0};
	out->fixed_ram_vaddr = TBF_ADDR_NONE;
	out->fixed_flash_vaddr = TBF_ADDR_NONE;

	if (avail < TBF_BASE_HEADER_BYTES)
		return fail_val(diag, ERROR_SIZE, "header", 0, "shorter than the base header",
				TBF_BASE_HEADER_BYTES, clamp32(avail));
	out->version = tbf_get16(buf + TBF_OFF_VERSION);
	if (out->version != TBF_VERSION)
		return fail_val(diag, ERROR_NOSUPPORT, "version", TBF_OFF_VERSION,
				"unsupported version", TBF_VERSION, out->version);

	hs = out->header_size = tbf_get16(buf + TBF_OFF_HEADER_SIZE);
	total = tbf_get32(buf + TBF_OFF_TOTAL_SIZE);
	out->flags = tbf_get32(buf + TBF_OFF_FLAGS);
	out->checksum = tbf_get32(buf + TBF_OFF_CHECKSUM);
	out->enabled = out->flags & TBF_FLAG_ENABLED;
	out->sticky = out->flags & TBF_FLAG_STICKY;

	if (hs < TBF_BASE_HEADER_BYTES)
		return fail_val(diag, ERROR_INVAL, "header_size", TBF_OFF_HEADER_SIZE,
				"smaller than the base header", TBF_BASE_HEADER_BYTES, hs);
	if (hs % TBF_ALIGN_BYTES)
		return fail_val(diag, ERROR_INVAL, "header_size", TBF_OFF_HEADER_SIZE,
				"not a multiple of 4", align4(hs), hs);
	if (total % TBF_ALIGN_BYTES)
		return fail_val(diag, ERROR_INVAL, "total_size", TBF_OFF_TOTAL_SIZE,
				"not a multiple of 4", align4(total), total);
	if (total < hs)
		return fail_val(diag, ERROR_INVAL, "total_size", TBF_OFF_TOTAL_SIZE,
				"smaller than header_size", hs, total);
	if (total > avail)
		return fail_val(diag, ERROR_SIZE, "total_size", TBF_OFF_TOTAL_SIZE,
				"runs past the end of the storage", clamp32(avail), total);
	/* Invariant: [0, total) is readable, so walkers may skip this TBF from here on. */
	out->total_size = total;

	sum = tbf_checksum(buf, hs);
	if (sum != out->checksum)
		return fail_val(diag, ERROR_FAIL, "checksum", TBF_OFF_CHECKSUM, "mismatch", sum,
				out->checksum);

	for (uint32_t pos = TBF_BASE_HEADER_BYTES; pos < hs;) {
		/* Invariant: pos and hs are multiples of 4, so a TLV header fits. */
		uint16_t type = tbf_get16(buf + pos);
		uint16_t len = tbf_get16(buf + pos + 2);
		int bit = seen_bit(type);

		if (len > hs - pos - TBF_TLV_HEADER_BYTES)
			return fail_val(diag, ERROR_INVAL, "tlv.length", pos + 2,
					"runs past header_size", hs - pos - TBF_TLV_HEADER_BYTES,
					len);
		if (bit >= 0) {
			if (p.seen & (1u << bit))
				return fail_found(diag, ERROR_INVAL, tbf_tlv_name(type), pos,
						  "duplicate TLV", type);
			p.seen |= 1u << bit;
		}
		rc = parse_tlv(&p, pos, type, len);
		if (rc != ERROR_NONE)
			return rc;
		pos += TBF_TLV_HEADER_BYTES + align4(len);
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
	uint16_t len;

	if (it->pos > it->end || it->end - it->pos < TBF_TLV_HEADER_BYTES)
		return false;
	len = tbf_get16(it->buf + it->pos + 2);
	if (align4(len) > it->end - it->pos - TBF_TLV_HEADER_BYTES) {
		it->pos = it->end;
		return false;
	}
	tlv->offset = it->pos;
	tlv->type = tbf_get16(it->buf + it->pos);
	tlv->length = len;
	tlv->value = it->buf + it->pos + TBF_TLV_HEADER_BYTES;
	it->pos += TBF_TLV_HEADER_BYTES + align4(len);
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

	switch (cred->format) {
	case TBF_CRED_RESERVED:
		return ERROR_NONE;
	case TBF_CRED_SHA256:
		if (cred->data_len != SHA256_DIGEST_BYTES)
			return fail_val(diag, ERROR_FAIL, "footer.length", cred->offset + 2,
					"wrong length for the credential format",
					4 + SHA256_DIGEST_BYTES, cred->data_len + 4);
		if (!digest) {
			sha256(buf, hdr->binary_end_offset, computed);
			digest = computed;
		}
		if (!equal_ct(digest, cred->data, SHA256_DIGEST_BYTES))
			return fail_val(diag, ERROR_FAIL, "footer.sha256", cred->offset + 8,
					"sha256 mismatch", digest_head(digest),
					digest_head(cred->data));
		return ERROR_NONE;
	case TBF_CRED_SHA384:
	case TBF_CRED_SHA512:
	case TBF_CRED_ECDSA_P256:
	case TBF_CRED_RSA3072:
	case TBF_CRED_RSA4096:
		return fail_val(diag, ERROR_NOSUPPORT, "footer.format", cred->offset + 4,
				"unsupported credential format", TBF_CRED_SHA256, cred->format);
	default:
		return fail_val(diag, ERROR_NOSUPPORT, "footer.format", cred->offset + 4,
				"unknown credential format", TBF_CRED_SHA256, cred->format);
	}
}

enum error_code tbf_verify_footer(const uint8_t *buf, const struct tbf_header *hdr,
				  enum tbf_cred_status *status, struct tbf_diag *diag)
{
	uint8_t digest[SHA256_DIGEST_BYTES];
	bool hashed = false, matched = false, unsupported = false;
	struct tbf_diag first_unsupported = {0};
	struct tbf_credential cred;
	enum tbf_cred_status dummy;
	uint32_t pos = hdr->footer_offset;
	enum error_code rc;

	if (!status)
		status = &dummy;
	while (tbf_footer_next(buf, hdr, &pos, &cred)) {
		if (cred.format == TBF_CRED_SHA256 && !hashed) {
			sha256(buf, hdr->binary_end_offset, digest);
			hashed = true;
		}
		rc = tbf_check_credential(buf, hdr, &cred, hashed ? digest : NULL,
					  unsupported ? NULL : &first_unsupported);
		if (rc == ERROR_FAIL) {
			*status = TBF_CRED_STATUS_SHA256_MISMATCH;
			return tbf_check_credential(buf, hdr, &cred, digest, diag);
		}
		if (rc == ERROR_NOSUPPORT)
			unsupported = true;
		else if (cred.format == TBF_CRED_SHA256)
			matched = true;
	}
	if (pos > hdr->total_size || hdr->total_size - pos >= TBF_TLV_HEADER_BYTES) {
		*status = TBF_CRED_STATUS_MALFORMED;
		return fail(diag, ERROR_INVAL, "footer", pos, "not a list of credentials");
	}
	if (matched) {
		*status = TBF_CRED_STATUS_SHA256_OK;
		return ERROR_NONE;
	}
	if (unsupported) {
		*status = TBF_CRED_STATUS_UNSUPPORTED;
		if (diag)
			*diag = first_unsupported;
		return ERROR_NOSUPPORT;
	}
	*status = TBF_CRED_STATUS_NONE;
	return fail(diag, ERROR_NODEVICE, "footer", hdr->footer_offset, "no credentials");
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
		return fail_val(diag, ERROR_SIZE, "relocations", hdr->reloc_offset,
				"binary copy shorter than the binary", hdr->binary_size,
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
	switch (type) {
	case TBF_TLV_MAIN:
		return "main";
	case TBF_TLV_WRITEABLE_FLASH_REGIONS:
		return "writeable_flash_regions";
	case TBF_TLV_PACKAGE_NAME:
		return "package_name";
	case TBF_TLV_PIC_OPTION1:
		return "pic_option1";
	case TBF_TLV_FIXED_ADDRESSES:
		return "fixed_addresses";
	case TBF_TLV_PERMISSIONS:
		return "permissions";
	case TBF_TLV_STORAGE_PERMISSIONS:
		return "storage_permissions";
	case TBF_TLV_KERNEL_VERSION:
		return "kernel_version";
	case TBF_TLV_PROGRAM:
		return "program";
	case TBF_TLV_SHORT_ID:
		return "short_id";
	case TBF_TLV_CREDENTIALS:
		return "credentials";
	case TBF_TLV_RELOCATIONS:
		return "relocations";
	default:
		return "unknown";
	}
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
