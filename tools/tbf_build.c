/* SPDX-License-Identifier: MIT */
/* Host-only TBF writer for the tools (see tbf_build.h). */
#include "tools/tbf_build.h"

#include <stdlib.h>
#include <string.h>

#include "lib/sha256.h"
#include "loader/tbf.h"

static bool reserve(struct tbf_build *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;
	uint8_t *p;

	if (b->err != ERROR_NONE)
		return false;
	if (more > 0xFFFFFFFFu - b->len) {
		b->err = ERROR_SIZE;
		return false;
	}
	while (cap < b->len + more)
		cap *= 2;
	if (cap != b->cap) {
		p = realloc(b->buf, cap);
		if (!p) {
			b->err = ERROR_NOMEM;
			return false;
		}
		memset(p + b->cap, 0, cap - b->cap);
		b->buf = p;
		b->cap = cap;
	}
	return true;
}

void tbf_build_init(struct tbf_build *b, uint32_t flags)
{
	*b = (struct tbf_build){0};
	if (!reserve(b, TBF_BASE_HEADER_BYTES))
		return;
	tbf_put16(b->buf + TBF_OFF_VERSION, TBF_VERSION);
	tbf_put32(b->buf + TBF_OFF_FLAGS, flags);
	b->len = TBF_BASE_HEADER_BYTES;
}

void tbf_build_tlv(struct tbf_build *b, uint16_t type, const void *value, size_t len)
{
	size_t padded = (len + 3) & ~(size_t)3;

	if (b->err == ERROR_NONE && (b->header_end || len > 0xFFFF))
		b->err = b->header_end ? ERROR_INVAL : ERROR_SIZE;
	if (!reserve(b, TBF_TLV_HEADER_BYTES + padded))
		return;
	tbf_put16(b->buf + b->len, type);
	tbf_put16(b->buf + b->len + 2, (uint16_t)len);
	if (len)
		memcpy(b->buf + b->len + TBF_TLV_HEADER_BYTES, value, len);
	b->len += TBF_TLV_HEADER_BYTES + padded;
}

void tbf_build_main(struct tbf_build *b, uint32_t init_fn_offset, uint32_t protected_trailer_size,
		    uint32_t minimum_ram_size)
{
	uint8_t v[TBF_MAIN_BYTES];

	tbf_put32(v, init_fn_offset);
	tbf_put32(v + 4, protected_trailer_size);
	tbf_put32(v + 8, minimum_ram_size);
	tbf_build_tlv(b, TBF_TLV_MAIN, v, sizeof(v));
	if (b->err == ERROR_NONE)
		b->main_value_pos = b->len - sizeof(v);
}

void tbf_build_program(struct tbf_build *b, uint32_t init_fn_offset,
		       uint32_t protected_trailer_size, uint32_t minimum_ram_size,
		       uint32_t app_version)
{
	uint8_t v[TBF_PROGRAM_BYTES] = {0};

	tbf_put32(v, init_fn_offset);
	tbf_put32(v + 4, protected_trailer_size);
	tbf_put32(v + 8, minimum_ram_size);
	tbf_put32(v + 16, app_version);
	tbf_build_tlv(b, TBF_TLV_PROGRAM, v, sizeof(v));
	if (b->err == ERROR_NONE)
		b->program_value_pos = b->len - sizeof(v);
}

void tbf_build_end_header(struct tbf_build *b)
{
	if (b->err != ERROR_NONE)
		return;
	if (b->header_end) {
		b->err = ERROR_INVAL;
		return;
	}
	if (b->len > 0xFFFF) {
		b->err = ERROR_SIZE;
		return;
	}
	tbf_put16(b->buf + TBF_OFF_HEADER_SIZE, (uint16_t)b->len);
	b->header_end = b->len;
}

void tbf_build_append(struct tbf_build *b, const void *data, size_t len)
{
	if (b->err == ERROR_NONE && !b->header_end)
		b->err = ERROR_INVAL;
	if (!reserve(b, len))
		return;
	if (data && len)
		memcpy(b->buf + b->len, data, len);
	b->len += len;
}

enum error_code tbf_build_finish(struct tbf_build *b, bool sha256_footer)
{
	size_t footer = sha256_footer ? TBF_TLV_HEADER_BYTES + 4 + SHA256_DIGEST_BYTES : 0;
	size_t binary_end = b->len, total;
	uint8_t *f;

	if (b->err == ERROR_NONE && !b->header_end)
		b->err = ERROR_INVAL;
	total = (binary_end + footer + 3) & ~(size_t)3;
	if (!reserve(b, total - binary_end))
		return b->err;
	if (b->program_value_pos)
		tbf_put32(b->buf + b->program_value_pos + 12, (uint32_t)binary_end);
	tbf_put32(b->buf + TBF_OFF_TOTAL_SIZE, (uint32_t)total);
	tbf_put32(b->buf + TBF_OFF_CHECKSUM, tbf_checksum(b->buf, (uint32_t)b->header_end));
	if (sha256_footer) {
		f = b->buf + binary_end;
		tbf_put16(f, TBF_TLV_CREDENTIALS);
		tbf_put16(f + 2, 4 + SHA256_DIGEST_BYTES);
		tbf_put32(f + 4, TBF_CRED_SHA256);
		sha256(b->buf, binary_end, f + 8);
	}
	memset(b->buf + binary_end + footer, 0, total - binary_end - footer);
	b->len = total;
	return ERROR_NONE;
}

void tbf_build_free(struct tbf_build *b)
{
	free(b->buf);
	*b = (struct tbf_build){0};
}
