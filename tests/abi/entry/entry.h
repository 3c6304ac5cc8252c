/* SPDX-License-Identifier: MIT */
/* What abi_entry's _start (entry.S) checks at the first instruction, one bit per finding. */
#pragma once

#define EFLAGS_IF 0x200
/* TF, DF, IOPL, NT, AC: a process starts with none of them (upstream sets IF alone). */
#define EFLAGS_MUST_BE_CLEAR 0x47500

#define ABI_ENTRY_MIN_RAM 36 /* the break is at least 9 dwords above RAM start */

/* Set when the check failed. */
#define ENTRY_BAD_EAX	  0x00001
#define ENTRY_BAD_EBX	  0x00002
#define ENTRY_BAD_ECX	  0x00004
#define ENTRY_BAD_EDX	  0x00008
#define ENTRY_BAD_ESI	  0x00010
#define ENTRY_BAD_EDI	  0x00020
#define ENTRY_BAD_EBP	  0x00040
#define ENTRY_BAD_IF	  0x00080 /* IF clear */
#define ENTRY_BAD_FLAGS	  0x00100 /* TF, DF, IOPL, NT or AC set */
#define ENTRY_BAD_RETURN  0x00200 /* [esp] is not 0 */
#define ENTRY_BAD_ESP	  0x00400 /* esp != initial break - 20 */
#define ENTRY_BAD_BINARY  0x00800 /* argument 0 is not the first byte of the binary */
#define ENTRY_BAD_MIN_RAM 0x01000 /* initial break - RAM start < 36 */
#define ENTRY_BAD_CS	  0x02000 /* CS not ring 3 */
#define ENTRY_BAD_SS	  0x04000 /* SS not ring 3 */
#define ENTRY_BAD_DS	  0x08000 /* DS != SS */
#define ENTRY_BAD_ES	  0x10000 /* ES != SS */
#define ENTRY_BAD_FS	  0x20000 /* FS neither SS nor null */
#define ENTRY_BAD_GS	  0x40000 /* GS neither SS nor null */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Stored by entry.S before main runs. */
extern uint32_t abi_entry_bad, abi_entry_eflags, abi_entry_esp;
#endif
