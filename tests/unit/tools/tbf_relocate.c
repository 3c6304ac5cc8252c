/* SPDX-License-Identifier: MIT */
/* Test helper: relocates a TBF's binary the way the kernel does and shows every patched word. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/error.h"
#include "loader/tbf.h"

/*
 * usage: tbf_relocate TBF FLASH_BASE RAM_BASE OUT.bin
 * Parses the first TBF in the file, copies its binary into an exactly sized buffer, applies the
 * relocations for a binary at FLASH_BASE and RAM at RAM_BASE with tbf_apply_relocations(),
 * writes the patched binary to OUT.bin and prints one line per entry:
 *   <binary offset> <flash|ram> <word before> <word after>     (hex, 0x-prefixed)
 * Exits 1, saying why, if the TBF or its relocations are refused.
 */

static uint32_t number(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end || v > 0xFFFFFFFFu) {
		fprintf(stderr, "tbf_relocate: '%s' is not a 32-bit number\n", s);
		exit(1);
	}
	return (uint32_t)v;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc(n ? (size_t)n : 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "tbf_relocate: %s: cannot read\n", path);
		exit(1);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	struct tbf_header hdr;
	struct tbf_diag d = {0};
	enum error_code rc;
	uint8_t *tbf, *copy;
	size_t len;
	FILE *out;

	if (argc != 5) {
		fputs("usage: tbf_relocate TBF FLASH_BASE RAM_BASE OUT.bin\n", stderr);
		return 1;
	}
	tbf = slurp(argv[1], &len);
	rc = tbf_parse(tbf, len, &hdr, &d);
	if (rc == ERROR_NONE && !hdr.has_relocations) {
		fprintf(stderr, "tbf_relocate: %s has no relocation TLV\n", argv[1]);
		return 1;
	}
	copy = malloc(hdr.binary_size ? hdr.binary_size : 1);
	if (rc == ERROR_NONE && copy) {
		memcpy(copy, tbf + hdr.binary_offset, hdr.binary_size);
		rc = tbf_apply_relocations(&hdr, copy, hdr.binary_size, number(argv[2]),
					   number(argv[3]), &d);
	}
	if (rc != ERROR_NONE || !copy) {
		fprintf(stderr, "tbf_relocate: %s: %s at offset %" PRIu32 ": %s (%s)\n", argv[1],
			d.field ? d.field : "?", d.offset, d.what ? d.what : "out of memory",
			error_name(rc));
		return 1;
	}
	for (uint32_t i = 0; i < hdr.reloc_count; i++) {
		uint32_t e = tbf_relocation_get(&hdr, i);
		uint32_t off = e & TBF_RELOC_OFFSET_MASK;

		printf("0x%" PRIx32 " %s 0x%08" PRIx32 " 0x%08" PRIx32 "\n", off,
		       (e & TBF_RELOC_RAM) ? "ram" : "flash",
		       tbf_get32(tbf + hdr.binary_offset + off), tbf_get32(copy + off));
	}
	out = fopen(argv[4], "wb");
	if (!out || fwrite(copy, 1, hdr.binary_size, out) != hdr.binary_size || fclose(out)) {
		fprintf(stderr, "tbf_relocate: %s: cannot write\n", argv[4]);
		return 1;
	}
	free(copy);
	free(tbf);
	return 0;
}
