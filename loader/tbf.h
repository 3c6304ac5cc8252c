/* SPDX-License-Identifier: MIT */
/* Tock Binary Format (TBF v2) parser, validator, credential checker and relocator. */
#pragma once

/*
 * Freestanding: shared by the kernel's process loader (i586) and the host tools (64-bit), so
 * every multi-byte field is read with explicit little-endian byte loads and no structure is
 * ever overlaid on the buffer. The byte layout is in docs/tbf.md; the facts come from
 * /work/shared/ABI.md and the TBF chapter of the Tock book.
 *
 *   TBF start ->  +---------------------------+  -.            -.
 *                 | base header (16 bytes)    |   | header_size |
 *                 | TLVs, each padded to 4    |   |             | integrity region
 *                 +---------------------------+  -'             | (SHA-256 credential)
 *                 | protected trailer         |  protected_trailer_size
 *   binary ->     +---------------------------+                 |
 *                 | app binary (init fn in it)|                 |
 *   binary_end -> +---------------------------+                -'
 *                 | credentials footers (TLV) |
 *   total_size -> +---------------------------+
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/compiler.h"
#include "lib/error.h"

#define TBF_VERSION	      2
#define TBF_BASE_HEADER_BYTES 16
#define TBF_TLV_HEADER_BYTES  4
#define TBF_ALIGN_BYTES	      4

/* Base header field offsets (ABI.md "Tock Binary Format"). */
#define TBF_OFF_VERSION	    0
#define TBF_OFF_HEADER_SIZE 2
#define TBF_OFF_TOTAL_SIZE  4
#define TBF_OFF_FLAGS	    8
#define TBF_OFF_CHECKSUM    12

#define TBF_FLAG_ENABLED (1u << 0)
#define TBF_FLAG_STICKY	 (1u << 1)

/* A fixed-address field holding this value asks for no particular address. */
#define TBF_ADDR_NONE 0xFFFFFFFFu

/* TLV types. Bit 15 marks an out-of-tree type; 0x8001 is this project's own. */
enum tbf_tlv_type {
	TBF_TLV_MAIN = 1,
	TBF_TLV_WRITEABLE_FLASH_REGIONS = 2,
	TBF_TLV_PACKAGE_NAME = 3,
	TBF_TLV_PIC_OPTION1 = 4, /* defined upstream, never used: skipped like an unknown */
	TBF_TLV_FIXED_ADDRESSES = 5,
	TBF_TLV_PERMISSIONS = 6,
	TBF_TLV_STORAGE_PERMISSIONS = 7,
	TBF_TLV_KERNEL_VERSION = 8,
	TBF_TLV_PROGRAM = 9,
	TBF_TLV_SHORT_ID = 10,
	TBF_TLV_CREDENTIALS = 128,
	TBF_TLV_RELOCATIONS = 0x8001,
};
#define TBF_TLV_OUT_OF_TREE 0x8000u

/* Exact value lengths of the fixed-size TLVs. */
#define TBF_MAIN_BYTES		  12
#define TBF_PROGRAM_BYTES	  20
#define TBF_FIXED_ADDRESSES_BYTES 8
#define TBF_KERNEL_VERSION_BYTES  4
#define TBF_SHORT_ID_BYTES	  4
#define TBF_WFR_ENTRY_BYTES	  8
#define TBF_PERMISSION_BYTES	  16 /* driver u32, offset u32, allowed_commands u64 */
#define TBF_RELOC_FIXED_BYTES	  12 /* link_flash u32, link_ram u32, count u32 */
#define TBF_RELOC_ENTRY_BYTES	  4

/* Limits of this implementation (docs/tbf.md). */
#define TBF_MAX_WRITEABLE_REGIONS 4
#define TBF_MAX_NAME_BYTES	  128

/*
 * A relocation entry (TLV 0x8001): bits 0-29 are the byte offset, from the start of the app's
 * binary, of a little-endian 32-bit word holding an absolute address; bit 31 set means the
 * word points into the app's RAM, clear into its binary; bit 30 is reserved (0). The offset may
 * be any byte offset (-fno-pic code embeds addresses in instructions, at unaligned offsets),
 * but the word must lie inside the binary and entries must ascend without overlapping: each
 * offset at least the previous one + TBF_RELOC_WORD_BYTES, so no byte is patched twice.
 */
#define TBF_RELOC_WORD_BYTES  4
#define TBF_RELOC_RAM	      (1u << 31)
#define TBF_RELOC_RESERVED    (1u << 30)
#define TBF_RELOC_OFFSET_MASK 0x3FFFFFFFu

/* Credential formats (ABI.md; format 0 is upstream's reserved/padding credential). */
enum tbf_cred_format {
	TBF_CRED_RESERVED = 0,
	TBF_CRED_RSA3072 = 1,
	TBF_CRED_RSA4096 = 2,
	TBF_CRED_SHA256 = 3,
	TBF_CRED_SHA384 = 4,
	TBF_CRED_SHA512 = 5,
	TBF_CRED_ECDSA_P256 = 6,
};

/* The outcome of checking a TBF's credentials footers (tbf_verify_footer()). */
enum tbf_cred_status {
	TBF_CRED_STATUS_NONE,		 /* no credential, or only reserved (padding) ones */
	TBF_CRED_STATUS_SHA256_OK,	 /* a SHA-256 credential matched, none mismatched */
	TBF_CRED_STATUS_SHA256_MISMATCH, /* a SHA-256 credential did not match */
	TBF_CRED_STATUS_UNSUPPORTED,	 /* credentials present, none this code can check */
	TBF_CRED_STATUS_MALFORMED,	 /* the footer region is not a list of credentials */
};

/*
 * On-storage layouts, for reference and for the compile-time checks below. Never overlay them
 * on a buffer: TBFs in storage need not be aligned, and the host is not i586.
 */
struct tbf_layout_base {
	uint16_t version;     /* TBF_VERSION */
	uint16_t header_size; /* base header + every TLV, a multiple of 4 */
	uint32_t total_size;  /* the whole TBF incl. footers and padding; a multiple of 4 */
	uint32_t flags;	      /* TBF_FLAG_* */
	uint32_t checksum;    /* XOR of every header word except this one */
};
struct tbf_layout_tlv {
	uint16_t type;	 /* enum tbf_tlv_type */
	uint16_t length; /* value bytes, excluding this header and the padding to 4 */
};
struct tbf_layout_program {
	uint32_t init_fn_offset;	 /* entry = TBF start + header_size + this */
	uint32_t protected_trailer_size; /* bytes between the header and the binary */
	uint32_t minimum_ram_size;	 /* bytes of RAM the process needs */
	uint32_t binary_end_offset;	 /* from TBF start; footers follow (Program only) */
	uint32_t version;		 /* the app's own version (Program only) */
};
struct tbf_layout_relocations {
	uint32_t link_flash_vaddr; /* address the binary's first byte was linked at */
	uint32_t link_ram_vaddr;   /* address the app's RAM was linked at */
	uint32_t count;		   /* entries that follow, TBF_RELOC_ENTRY_BYTES each */
};
STATIC_ASSERT(sizeof(struct tbf_layout_base) == TBF_BASE_HEADER_BYTES);
STATIC_ASSERT(offsetof(struct tbf_layout_base, header_size) == TBF_OFF_HEADER_SIZE);
STATIC_ASSERT(offsetof(struct tbf_layout_base, total_size) == TBF_OFF_TOTAL_SIZE);
STATIC_ASSERT(offsetof(struct tbf_layout_base, flags) == TBF_OFF_FLAGS);
STATIC_ASSERT(offsetof(struct tbf_layout_base, checksum) == TBF_OFF_CHECKSUM);
STATIC_ASSERT(sizeof(struct tbf_layout_tlv) == TBF_TLV_HEADER_BYTES);
STATIC_ASSERT(offsetof(struct tbf_layout_program, binary_end_offset) == TBF_MAIN_BYTES);
STATIC_ASSERT(sizeof(struct tbf_layout_program) == TBF_PROGRAM_BYTES);
STATIC_ASSERT(sizeof(struct tbf_layout_relocations) == TBF_RELOC_FIXED_BYTES);

/*
 * What is wrong with a TBF, precisely enough to print
 *   "tbf: <field> at offset <offset>: <what>: expected <expected>, found <found>"
 * (each value only when its flag is set). Offsets are bytes from the TBF's first byte. The
 * strings are static.
 */
struct tbf_diag {
	const char *field; /* e.g. "checksum", "program.init_fn_offset", or a TLV's name */
	const char *what;  /* e.g. "mismatch", "not a multiple of 4", "too short" */
	uint32_t offset;   /* of the offending field in the TBF */
	uint32_t expected; /* the value (or the bound) that would have been accepted */
	uint32_t found;	   /* the value found */
	bool has_expected; /* expected is meaningful */
	bool has_values;   /* found is meaningful */
};

/* One permission entry (TLV 6): commands offset*64 .. offset*64+63 of driver. */
struct tbf_permission {
	uint32_t driver;
	uint32_t offset;
	uint64_t allowed_commands;
};

/* A writeable flash region (TLV 2): offset from the TBF's first byte, as upstream places it. */
struct tbf_region {
	uint32_t offset;
	uint32_t size;
};

/* A credentials footer (TLV 128) found by tbf_footer_next(). */
struct tbf_credential {
	uint32_t offset;     /* of the TLV header in the TBF */
	uint32_t format;     /* enum tbf_cred_format, or an unknown number */
	const uint8_t *data; /* after the format word */
	uint32_t data_len;
};

/*
 * Everything tbf_parse() found. Pointers point into the buffer that was parsed, which must
 * outlive this struct. Absent optional TLVs leave their has_ flag false and zeros, except
 * fixed addresses (TBF_ADDR_NONE).
 */
struct tbf_header {
	/* Base header. */
	uint16_t version;
	uint16_t header_size;
	uint32_t total_size;
	uint32_t flags; /* raw, reserved bits included */
	uint32_t checksum;
	bool enabled;
	bool sticky;
	/* Neither Main nor Program, and not enabled: a filler in the app list, nothing to run. */
	bool is_padding;

	/* Main (1) and Program (9); Program wins when both are present (they must agree). */
	bool has_main;
	bool has_program;
	uint32_t init_fn_offset;
	uint32_t protected_trailer_size;
	uint32_t minimum_ram_size;
	uint32_t binary_end_offset; /* total_size when there is no Program TLV */
	uint32_t app_version;	    /* 0 when there is no Program TLV */

	/* Derived: the binary is [binary_offset, binary_end_offset) of the TBF. */
	uint32_t binary_offset; /* header_size + protected_trailer_size */
	uint32_t binary_size;
	uint32_t entry_offset; /* header_size + init_fn_offset, inside the binary */

	/* Package name (3): UTF-8, not NUL-terminated. */
	const char *name;
	uint32_t name_len;

	/* Kernel version (8): the app needs ^major.minor. */
	bool has_kernel_version;
	uint16_t kernel_major;
	uint16_t kernel_minor;

	/* Fixed addresses (5); TBF_ADDR_NONE when absent or not required. */
	bool has_fixed_addresses;
	uint32_t fixed_ram_vaddr;
	uint32_t fixed_flash_vaddr; /* of the binary, not of the header */

	/* Permissions (6): read them with tbf_permission_get(). */
	bool has_permissions;
	uint32_t permission_count;
	const uint8_t *permissions;

	/* Storage permissions (7): ids read with tbf_storage_read_id()/_modify_id(). */
	bool has_storage_permissions;
	uint32_t storage_write_id;
	uint32_t storage_read_count;
	const uint8_t *storage_read_ids;
	uint32_t storage_modify_count;
	const uint8_t *storage_modify_ids;

	/* Short id (10), nonzero when present. */
	bool has_short_id;
	uint32_t short_id;

	/* Writeable flash regions (2); upstream writes one TLV per region, so they accumulate. */
	uint32_t writeable_region_count;
	struct tbf_region writeable_regions[TBF_MAX_WRITEABLE_REGIONS];

	/* Relocations (0x8001): entries read with tbf_relocation_get(). */
	bool has_relocations;
	uint32_t reloc_offset; /* of the TLV header in the TBF */
	uint32_t reloc_link_flash_vaddr;
	uint32_t reloc_link_ram_vaddr;
	uint32_t reloc_count;
	const uint8_t *reloc_entries;

	/* Footer region [footer_offset, footer_offset + footer_size) = [binary_end, total_size). */
	uint32_t footer_offset;
	uint32_t footer_size;
	uint32_t credential_count; /* credentials TLVs in it, reserved ones included */
};

/* A position in a run of TLVs; see tbf_tlv_next(). */
struct tbf_tlv_iter {
	const uint8_t *buf;
	uint32_t pos;
	uint32_t end;
};

struct tbf_tlv {
	uint32_t offset; /* of the TLV header in the buffer */
	uint16_t type;
	uint16_t length;
	const uint8_t *value;
};

/*
 * Parses and checks the TBF at buf, of which avail bytes are readable: the base header, the
 * checksum, every TLV, every cross-field constraint, and the structure of the footer region
 * (credentials are checked separately by tbf_verify_footer()). Nothing is read outside
 * [buf, buf + min(avail, total_size)). On any failure, out->total_size is nonzero only if the
 * base header's lengths were sane (version 2, 16 <= header_size <= total_size <= avail, both
 * multiples of 4), so an app-list walker may skip the bad TBF; 0 means stop walking.
 * diag may be NULL.
 * Returns:
 *  ERROR_NONE      it is a well-formed TBF, described in *out (maybe a padding one);
 *  ERROR_SIZE      avail is shorter than the base header or than total_size;
 *  ERROR_NOSUPPORT version is not 2;
 *  ERROR_FAIL      the header checksum does not match;
 *  ERROR_INVAL     any other field or TLV is malformed or inconsistent (see diag).
 */
enum error_code tbf_parse(const uint8_t *buf, size_t avail, struct tbf_header *out,
			  struct tbf_diag *diag);

/*
 * XOR of the 32-bit little-endian words of buf[0, header_size), skipping the checksum word.
 * header_size must be a multiple of 4 and at least 16 (the builder's and the parser's rule).
 * Returns: the checksum.
 */
uint32_t tbf_checksum(const uint8_t *buf, uint32_t header_size);

/*
 * Whether an app that asked for kernel ^major.minor runs on kernel kmajor.kminor: the majors
 * are equal and the app's minor is at most the kernel's. An app without a Kernel Version TLV
 * runs anywhere (upstream).
 * Returns:
 *  ERROR_NONE      compatible;
 *  ERROR_NOSUPPORT not compatible.
 */
enum error_code tbf_check_kernel_version(const struct tbf_header *hdr, uint16_t kmajor,
					 uint16_t kminor);

/*
 * Starts an iteration over the TLVs in buf[start, end): the header's
 * (TBF_BASE_HEADER_BYTES, header_size) or the footer region's.
 */
void tbf_tlv_iter_init(struct tbf_tlv_iter *it, const uint8_t *buf, uint32_t start, uint32_t end);

/*
 * The next TLV, padding skipped. Bounds-checked, so safe on any input: it stops at the end or
 * at a TLV whose value or padding would run past end (tbf_parse() rejects such TBFs), and then
 * it->pos stays at that TLV.
 * Returns: true and *tlv filled, or false when there is no further well-bounded TLV.
 */
bool tbf_tlv_next(struct tbf_tlv_iter *it, struct tbf_tlv *tlv);

/*
 * The next credential of a TBF that tbf_parse() accepted; start with *pos =
 * hdr->footer_offset. Reserved (padding) credentials are returned too.
 * Returns: true and *cred filled, or false at the end of the footer region.
 */
bool tbf_footer_next(const uint8_t *buf, const struct tbf_header *hdr, uint32_t *pos,
		     struct tbf_credential *cred);

/*
 * Checks one credential against the integrity region buf[0, binary_end_offset). digest, if not
 * NULL, is the SHA-256 of that region computed earlier (saves re-hashing per credential).
 * Returns:
 *  ERROR_NONE      a SHA-256 credential that matches, or a reserved (padding) one;
 *  ERROR_FAIL      a SHA-256 credential that does not match (diag says where);
 *  ERROR_NOSUPPORT a format this code recognises but cannot check (SHA-384/512, ECDSA, RSA)
 *                  or does not know.
 */
enum error_code tbf_check_credential(const uint8_t *buf, const struct tbf_header *hdr,
				     const struct tbf_credential *cred, const uint8_t *digest,
				     struct tbf_diag *diag);

/*
 * Checks every credential in the footer of a TBF that tbf_parse() accepted, over
 * buf[0, binary_end_offset). Any SHA-256 mismatch fails; otherwise one match passes; an
 * unsigned app is NOT a pass, so a caller that accepts unsigned apps must say so by accepting
 * ERROR_NODEVICE explicitly. *status (may be NULL) says which case it was; diag (may be NULL)
 * means something only when the result is not ERROR_NONE.
 * Returns:
 *  ERROR_NONE      a SHA-256 credential matched and none mismatched;
 *  ERROR_FAIL      a SHA-256 credential mismatched (diag: where, first digest words);
 *  ERROR_NOSUPPORT credentials present, but none of a format this code checks (diag: the
 *                  first one's format);
 *  ERROR_NODEVICE  no credentials (or only reserved ones);
 *  ERROR_INVAL     the footer region is malformed (only if hdr did not come from tbf_parse()).
 */
enum error_code tbf_verify_footer(const uint8_t *buf, const struct tbf_header *hdr,
				  enum tbf_cred_status *status, struct tbf_diag *diag);

/*
 * Patches a copy of the app's binary (hdr->binary_size bytes, starting at the binary, not at
 * the TBF) for running at flash_vaddr (where binary_copy[0] will be seen by the app) with its
 * RAM at ram_vaddr: each relocated word gets (flash_vaddr - link_flash) or (ram_vaddr -
 * link_ram) added, modulo 2^32. Words may sit at any byte offset; they are read and written
 * byte by byte. Every entry is re-checked (bounds against hdr->binary_size <= binary_len,
 * order, overlap, reserved bit), so entries that changed since tbf_parse() cannot make it write
 * out of bounds or patch a byte twice; on error, words before the bad entry have been patched
 * already. A TBF without relocations is left as it is.
 * Returns:
 *  ERROR_NONE  every entry applied (or there were none);
 *  ERROR_SIZE  binary_len is smaller than hdr->binary_size;
 *  ERROR_INVAL an entry runs past the binary, does not ascend, overlaps the previous word or
 *              uses the reserved bit (diag).
 */
enum error_code tbf_apply_relocations(const struct tbf_header *hdr, uint8_t *binary_copy,
				      size_t binary_len, uint32_t flash_vaddr, uint32_t ram_vaddr,
				      struct tbf_diag *diag);

/* Returns: permission entry index (< hdr->permission_count), or all zeros if out of range. */
struct tbf_permission tbf_permission_get(const struct tbf_header *hdr, uint32_t index);
/* Returns: storage read id index (< storage_read_count), or 0 if out of range. */
uint32_t tbf_storage_read_id(const struct tbf_header *hdr, uint32_t index);
/* Returns: storage modify id index (< storage_modify_count), or 0 if out of range. */
uint32_t tbf_storage_modify_id(const struct tbf_header *hdr, uint32_t index);
/* Returns: raw relocation entry index (< reloc_count), or 0 if out of range. */
uint32_t tbf_relocation_get(const struct tbf_header *hdr, uint32_t index);

/* Returns: a TLV type's name ("program", "package_name", ...), or "unknown". */
const char *tbf_tlv_name(uint16_t type);
/* Returns: a credential format's name ("sha256", "ecdsa-p256", ...), or "unknown". */
const char *tbf_cred_format_name(uint32_t format);
/* Returns: a status's name: "no credentials", "sha256 ok", "sha256 mismatch", ... */
const char *tbf_cred_status_name(enum tbf_cred_status status);

/* Little-endian loads and stores, shared with the tools. */
static inline uint16_t tbf_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

/* Always inlined: GCC makes its byte loads one load on x86, but at -Os would call it instead. */
static inline __attribute__((always_inline)) uint32_t tbf_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline uint64_t tbf_get64(const uint8_t *p)
{
	return (uint64_t)tbf_get32(p) | ((uint64_t)tbf_get32(p + 4) << 32);
}

static inline void tbf_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void tbf_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void tbf_put64(uint8_t *p, uint64_t v)
{
	tbf_put32(p, (uint32_t)v);
	tbf_put32(p + 4, (uint32_t)(v >> 32));
}
