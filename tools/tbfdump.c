/* SPDX-License-Identifier: MIT */
/* tbfdump: prints every field of a TBF, or of a list of TBFs, and says what is wrong with one. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "lib/error.h"
#include "loader/image.h"
#include "loader/tbf.h"

#define RELOC_ENTRIES_SHOWN 8

/*
 * A kind of file tbfdump understands, recognised by its first bytes. TBF lists are the only
 * kind so far; firmware images get an entry here when their format lands.
 */
struct file_kind {
	const char *name;
	bool (*matches)(const uint8_t *buf, size_t len);
	/* Returns: true if everything in the file was well-formed and verified. */
	bool (*dump)(const char *path, const uint8_t *buf, size_t len);
};

static void print_diag(const char *path, size_t file_off, enum error_code rc,
		       const struct tbf_diag *d)
{
	fflush(stdout);
	fprintf(stderr, "tbfdump: %s: TBF at file offset 0x%zx: %s at offset %" PRIu32 ": %s", path,
		file_off, d->field ? d->field : "?", d->offset, d->what ? d->what : "?");
	if (d->has_expected)
		fprintf(stderr, ": expected 0x%" PRIx32 ",", d->expected);
	if (d->has_values)
		fprintf(stderr, "%s found 0x%" PRIx32, d->has_expected ? "" : ":", d->found);
	fprintf(stderr, " [%s]\n", error_name(rc));
}

static void print_name(const uint8_t *s, uint32_t len)
{
	putchar('"');
	for (uint32_t i = 0; i < len; i++) {
		if (s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\')
			putchar(s[i]);
		else if (s[i] >= 0x80)
			putchar(s[i]); /* UTF-8, checked by tbf_parse() when it got this far */
		else
			printf("\\x%02x", s[i]);
	}
	putchar('"');
}

static void print_field(const char *name, uint32_t v)
{
	printf("    %-24s 0x%08" PRIx32 " (%" PRIu32 ")\n", name, v, v);
}

static void print_addr(const char *name, uint32_t v)
{
	if (v == TBF_ADDR_NONE)
		printf("    %-24s none\n", name);
	else
		printf("    %-24s 0x%08" PRIx32 "\n", name, v);
}

/* Decodes one header TLV from its own bytes (so Main and Program both show as written). */
static void dump_tlv(const struct tbf_header *hdr, const struct tbf_tlv *t)
{
	const uint8_t *v = t->value;
	bool ok = true;

	printf("  tlv %-23s @0x%04" PRIx32 " type 0x%04x length %u\n", tbf_tlv_name(t->type),
	       t->offset, t->type, t->length);
	switch (t->type) {
	case TBF_TLV_MAIN:
	case TBF_TLV_PROGRAM:
		if (t->length < (t->type == TBF_TLV_MAIN ? TBF_MAIN_BYTES : TBF_PROGRAM_BYTES)) {
			ok = false;
			break;
		}
		print_field("init_fn_offset", tbf_get32(v));
		print_field("protected_trailer_size", tbf_get32(v + 4));
		print_field("minimum_ram_size", tbf_get32(v + 8));
		if (t->type == TBF_TLV_PROGRAM) {
			print_field("binary_end_offset", tbf_get32(v + 12));
			print_field("version", tbf_get32(v + 16));
		}
		break;
	case TBF_TLV_WRITEABLE_FLASH_REGIONS:
		for (uint32_t i = 0; i + TBF_WFR_ENTRY_BYTES <= t->length; i += TBF_WFR_ENTRY_BYTES)
			printf("    region                   offset 0x%" PRIx32 " size 0x%" PRIx32
			       "\n",
			       tbf_get32(v + i), tbf_get32(v + i + 4));
		break;
	case TBF_TLV_PACKAGE_NAME:
		printf("    %-24s ", "name");
		print_name(v, t->length);
		putchar('\n');
		break;
	case TBF_TLV_FIXED_ADDRESSES:
		if (t->length < TBF_FIXED_ADDRESSES_BYTES) {
			ok = false;
			break;
		}
		print_addr("ram", tbf_get32(v));
		print_addr("flash", tbf_get32(v + 4));
		break;
	case TBF_TLV_PERMISSIONS:
		if (!hdr || !hdr->has_permissions) {
			ok = false;
			break;
		}
		printf("    %-24s %" PRIu32 "\n", "count", hdr->permission_count);
		for (uint32_t i = 0; i < hdr->permission_count; i++) {
			struct tbf_permission p = tbf_permission_get(hdr, i);

			printf("    driver 0x%08" PRIx32 " offset %" PRIu32
			       " allowed_commands 0x%016" PRIx64 "\n",
			       p.driver, p.offset, p.allowed_commands);
		}
		break;
	case TBF_TLV_STORAGE_PERMISSIONS:
		if (!hdr || !hdr->has_storage_permissions) {
			ok = false;
			break;
		}
		print_field("write_id", hdr->storage_write_id);
		printf("    %-24s", "read_ids");
		for (uint32_t i = 0; i < hdr->storage_read_count; i++)
			printf(" 0x%" PRIx32, tbf_storage_read_id(hdr, i));
		printf("\n    %-24s", "modify_ids");
		for (uint32_t i = 0; i < hdr->storage_modify_count; i++)
			printf(" 0x%" PRIx32, tbf_storage_modify_id(hdr, i));
		putchar('\n');
		break;
	case TBF_TLV_KERNEL_VERSION:
		if (t->length < TBF_KERNEL_VERSION_BYTES) {
			ok = false;
			break;
		}
		printf("    %-24s ^%u.%u\n", "kernel_version", tbf_get16(v), tbf_get16(v + 2));
		break;
	case TBF_TLV_SHORT_ID:
		if (t->length < TBF_SHORT_ID_BYTES) {
			ok = false;
			break;
		}
		print_field("short_id", tbf_get32(v));
		break;
	case TBF_TLV_RELOCATIONS:
		if (!hdr || !hdr->has_relocations) {
			ok = false;
			break;
		}
		printf("    %-24s 0x%08" PRIx32 "\n", "link_flash", hdr->reloc_link_flash_vaddr);
		printf("    %-24s 0x%08" PRIx32 "\n", "link_ram", hdr->reloc_link_ram_vaddr);
		printf("    %-24s %" PRIu32 "\n", "count", hdr->reloc_count);
		for (uint32_t i = 0; i < hdr->reloc_count && i < RELOC_ENTRIES_SHOWN; i++) {
			uint32_t e = tbf_relocation_get(hdr, i);

			printf("    [%" PRIu32 "] binary offset 0x%" PRIx32 " %s\n", i,
			       e & TBF_RELOC_OFFSET_MASK, (e & TBF_RELOC_RAM) ? "ram" : "flash");
		}
		if (hdr->reloc_count > RELOC_ENTRIES_SHOWN)
			printf("    ... %" PRIu32 " more\n",
			       hdr->reloc_count - RELOC_ENTRIES_SHOWN);
		break;
	default:
		printf("    (%s, skipped)\n",
		       (t->type & TBF_TLV_OUT_OF_TREE) ? "out-of-tree" : "unknown to this kernel");
		break;
	}
	if (!ok)
		printf("    (not decoded)\n");
}

static void dump_base(const uint8_t *buf, const char *checksum_note)
{
	uint32_t flags = tbf_get32(buf + TBF_OFF_FLAGS);

	print_field("version", tbf_get16(buf + TBF_OFF_VERSION));
	print_field("header_size", tbf_get16(buf + TBF_OFF_HEADER_SIZE));
	print_field("total_size", tbf_get32(buf + TBF_OFF_TOTAL_SIZE));
	printf("    %-24s 0x%08" PRIx32 " (%s%s%s)\n", "flags", flags,
	       (flags & TBF_FLAG_ENABLED) ? "enabled" : "disabled",
	       (flags & TBF_FLAG_STICKY) ? ", sticky" : "",
	       (flags & ~(TBF_FLAG_ENABLED | TBF_FLAG_STICKY)) ? ", reserved bits set" : "");
	printf("    %-24s 0x%08" PRIx32 " (%s)\n", "checksum", tbf_get32(buf + TBF_OFF_CHECKSUM),
	       checksum_note);
}

/* Prints one well-formed TBF. Returns: false if a SHA-256 credential does not match. */
static bool dump_good(const char *path, size_t file_off, const uint8_t *buf,
		      const struct tbf_header *hdr)
{
	struct tbf_tlv_iter it;
	struct tbf_tlv t;
	struct tbf_credential cred;
	struct tbf_diag d = {0};
	enum tbf_cred_status status;
	enum error_code rc;
	uint32_t pos;

	dump_base(buf, "ok");
	tbf_tlv_iter_init(&it, buf, TBF_BASE_HEADER_BYTES, hdr->header_size);
	while (tbf_tlv_next(&it, &t))
		dump_tlv(hdr, &t);
	if (hdr->is_padding) {
		printf("  padding                    0x%" PRIx32 " bytes, nothing to run\n",
		       hdr->total_size);
		return true;
	}
	printf("  %-26s %s\n", "uses", hdr->has_program ? "program" : "main");
	printf("  %-26s 0x%" PRIx32 "..0x%" PRIx32 " (%" PRIu32 " bytes)\n", "binary",
	       hdr->binary_offset, hdr->binary_end_offset, hdr->binary_size);
	printf("  %-26s 0x%" PRIx32 " (binary + 0x%" PRIx32 ")\n", "entry", hdr->entry_offset,
	       hdr->entry_offset - hdr->binary_offset);
	printf(
	    "  %-26s 0x%" PRIx32 "..0x%" PRIx32 " (%" PRIu32 " bytes, %" PRIu32 " credentials)\n",
	    "footer", hdr->footer_offset, hdr->total_size, hdr->footer_size, hdr->credential_count);
	pos = hdr->footer_offset;
	while (tbf_footer_next(buf, hdr, &pos, &cred)) {
		rc = tbf_check_credential(buf, hdr, &cred, NULL, &d);
		printf("  credential @0x%04" PRIx32 "        %s (format %" PRIu32 ", %" PRIu32
		       " bytes): %s\n",
		       cred.offset, tbf_cred_format_name(cred.format), cred.format, cred.data_len,
		       cred.format == TBF_CRED_RESERVED ? "padding"
		       : rc == ERROR_NONE		? "ok"
		       : rc == ERROR_FAIL		? "MISMATCH"
							: "not checked (unsupported)");
		if (cred.format == TBF_CRED_SHA256 && cred.data_len == 32) {
			printf("    %-24s ", "digest");
			for (uint32_t i = 0; i < cred.data_len; i++)
				printf("%02x", cred.data[i]);
			putchar('\n');
		}
	}
	rc = tbf_verify_footer(buf, hdr, &status, &d);
	printf("  %-26s %s\n", "verification", tbf_cred_status_name(status));
	if (rc == ERROR_FAIL || rc == ERROR_INVAL) {
		print_diag(path, file_off, rc, &d);
		return false;
	}
	return true;
}

/* Prints what can be read of a malformed TBF, then what is wrong with it. */
static void dump_bad(const char *path, size_t file_off, const uint8_t *buf, size_t avail,
		     enum error_code rc, const struct tbf_diag *d)
{
	struct tbf_tlv_iter it;
	struct tbf_tlv t;
	uint32_t hs;

	if (avail >= TBF_BASE_HEADER_BYTES) {
		hs = tbf_get16(buf + TBF_OFF_HEADER_SIZE);
		if (hs < TBF_BASE_HEADER_BYTES || hs % 4 || hs > avail)
			dump_base(buf, "not checked");
		else if (tbf_checksum(buf, hs) == tbf_get32(buf + TBF_OFF_CHECKSUM))
			dump_base(buf, "ok");
		else
			dump_base(buf, "MISMATCH");
		if (hs > avail)
			hs = (uint32_t)avail;
		tbf_tlv_iter_init(&it, buf, TBF_BASE_HEADER_BYTES, hs);
		while (tbf_tlv_next(&it, &t))
			printf("  tlv %-23s @0x%04" PRIx32 " type 0x%04x length %u\n",
			       tbf_tlv_name(t.type), t.offset, t.type, t.length);
	}
	printf("  MALFORMED: %s at offset %" PRIu32 ": %s", d->field, d->offset, d->what);
	if (d->has_expected)
		printf(": expected 0x%" PRIx32 ",", d->expected);
	if (d->has_values)
		printf("%s found 0x%" PRIx32, d->has_expected ? "" : ":", d->found);
	putchar('\n');
	print_diag(path, file_off, rc, d);
}

static bool all_fill(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] != p[0] || (p[0] != 0x00 && p[0] != 0xFF))
			return false;
	}
	return true;
}

static bool tbf_matches(const uint8_t *buf, size_t len)
{
	return len >= 2 && tbf_get16(buf) == TBF_VERSION;
}

/* Walks a list of TBFs by total_size, as the kernel walks the app region. */
static bool tbf_dump_list(const char *path, const uint8_t *buf, size_t len)
{
	size_t off = 0;
	unsigned index = 0;
	bool ok = true;

	while (off < len) {
		const uint8_t *p = buf + off;
		size_t avail = len - off;
		struct tbf_header hdr;
		struct tbf_diag d = {0};
		enum error_code rc;

		if (index > 0 && (avail < 2 || tbf_get16(p) != TBF_VERSION) && all_fill(p, avail)) {
			printf("end of app list at file offset 0x%zx (%zu bytes of 0x%02x fill)\n",
			       off, avail, p[0]);
			break;
		}
		printf("tbf[%u] at file offset 0x%zx\n", index, off);
		rc = tbf_parse(p, avail, &hdr, &d);
		if (rc != ERROR_NONE) {
			dump_bad(path, off, p, avail, rc, &d);
			ok = false;
			if (!hdr.total_size)
				break; /* the lengths are not trustworthy: cannot find the next */
		} else if (!dump_good(path, off, p, &hdr)) {
			ok = false;
		}
		off += hdr.total_size;
		index++;
	}
	return ok;
}

static bool image_matches(const uint8_t *buf, size_t len)
{
	return len >= 4 &&
	       (buf[0] | buf[1] << 8 | buf[2] << 16 | (uint32_t)buf[3] << 24) == IMAGE_MAGIC;
}

/* A firmware image (docs/image.md): its header, the kernel's hash, then its app region. */
static bool image_dump(const char *path, const uint8_t *buf, size_t len)
{
	struct image_header h;
	struct image_diag d;
	uint8_t digest[SHA256_DIGEST_BYTES];
	enum error_code rc = image_parse(buf, len, &h, &d);

	printf("firmware image, %zu bytes\n", len);
	if (rc != ERROR_NONE) {
		printf("%s: bad image: %s at offset %u: %s: expected 0x%x, found 0x%x (%s)\n", path,
		       d.field, d.offset, d.what, d.expected, d.found, error_name(rc));
		return false;
	}
	printf("  magic               0x%08x\n", h.magic);
	printf("  version             %u\n", h.version);
	printf("  header_bytes        %u\n", h.header_bytes);
	printf("  image_bytes         %u\n", h.image_bytes);
	printf("  flags               0x%08x\n", h.flags);
	printf("  kernel_offset       0x%08x\n", h.kernel_offset);
	printf("  kernel_file_bytes   %u\n", h.kernel_file_bytes);
	printf("  kernel_mem_bytes    %u\n", h.kernel_mem_bytes);
	printf("  kernel_load_paddr   0x%08x\n", h.kernel_load_paddr);
	printf("  kernel_entry_paddr  0x%08x\n", h.kernel_entry_paddr);
	printf("  apps_offset         0x%08x\n", h.apps_offset);
	printf("  apps_bytes          %u\n", h.apps_bytes);
	printf("  kernel_sha256       ");
	for (unsigned i = 0; i < SHA256_DIGEST_BYTES; i++)
		printf("%02x", h.kernel_sha256[i]);
	rc = image_check_kernel_hash(buf + h.kernel_offset, &h, digest, &d);
	printf(rc == ERROR_NONE ? " (matches the kernel)\n" : " MISMATCH: the kernel hashes to ");
	if (rc != ERROR_NONE) {
		for (unsigned i = 0; i < SHA256_DIGEST_BYTES; i++)
			printf("%02x", digest[i]);
		printf("\n%s: bad image: kernel_sha256 at offset 48 does not match the kernel\n",
		       path);
		return false;
	}
	if (!h.apps_bytes) {
		printf("app region: empty\n");
		return true;
	}
	printf("app region at image offset 0x%x, %u bytes\n", h.apps_offset, h.apps_bytes);
	return tbf_dump_list(path, buf + h.apps_offset, h.apps_bytes);
}

static const struct file_kind kinds[] = {
    {"image", image_matches, image_dump},
    {"tbf", tbf_matches, tbf_dump_list},
};

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			uint8_t *p = realloc(buf, cap ? cap * 2 : 4096);

			if (!p) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = p;
			cap = cap ? cap * 2 : 4096;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	bool ok = true;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(
		    argc < 2 ? stderr : stdout,
		    "usage: tbfdump FILE...\n"
		    "  prints every field of a firmware image (docs/image.md) or of each TBF in\n"
		    "  FILE (a list walked by total_size), checks hashes and credentials, and\n"
		    "  exits 1 if anything is malformed, saying which field is wrong and where.\n");
		return argc < 2;
	}
	for (int i = 1; i < argc; i++) {
		size_t len = 0;
		uint8_t *buf = read_file(argv[i], &len);
		const struct file_kind *kind = NULL;

		if (!buf) {
			fprintf(stderr, "tbfdump: %s: %s\n", argv[i], strerror(errno));
			ok = false;
			continue;
		}
		for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
			if (kinds[k].matches(buf, len)) {
				kind = &kinds[k];
				break;
			}
		}
		if (argc > 2)
			printf("== %s\n", argv[i]);
		if (!kind) {
			fprintf(
			    stderr,
			    "tbfdump: %s: not a file type tbfdump knows (first bytes %02x %02x, "
			    "%zu bytes)\n",
			    argv[i], len > 0 ? buf[0] : 0, len > 1 ? buf[1] : 0, len);
			ok = false;
		} else if (!kind->dump(argv[i], buf, len)) {
			ok = false;
		}
		free(buf);
	}
	return ok ? 0 : 1;
}
