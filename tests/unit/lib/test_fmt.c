/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/fmt: every conversion, flag and length, truncation, sinks, host printf. */
#include "lib/fmt.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#define OUT_BYTES 256
#define CANARY	  0xa5

/*
 * Formats with fmt_vsnprintf and the host's vsnprintf into buffers of every size from 0 to
 * the text's length + 2 and demands identical text, return value and untouched bytes past size.
 */
static void like_host_at(const char *file, int line, const char *fmt, va_list ap)
{
	char want[OUT_BYTES], got[OUT_BYTES];
	va_list ap_host, ap_fmt;
	int want_len;

	va_copy(ap_host, ap);
	want_len = vsnprintf(want, sizeof(want), fmt, ap_host);
	va_end(ap_host);
	if (want_len < 0 || want_len >= OUT_BYTES - 2) {
		print_error("%s:%d: bad test format \"%s\"\n", file, line, fmt);
		_fail(file, line);
	}

	for (size_t size = 0; size <= (size_t)want_len + 2; size++) {
		char host[OUT_BYTES];
		size_t n;

		memset(got, CANARY, sizeof(got));
		memset(host, CANARY, sizeof(host));
		va_copy(ap_host, ap);
		vsnprintf(host, size, fmt, ap_host);
		va_end(ap_host);
		va_copy(ap_fmt, ap);
		n = fmt_vsnprintf(got, size, fmt, ap_fmt);
		va_end(ap_fmt);

		if (n != (size_t)want_len || memcmp(got, host, sizeof(got)) != 0) {
			print_error("%s:%d: format \"%s\" size %zu: got \"%.*s\" (returned %zu), "
				    "host \"%.*s\" (returned %d)\n",
				    file, line, fmt, size, (int)(size ? size - 1 : 0), got, n,
				    (int)(size ? size - 1 : 0), host, want_len);
			_fail(file, line);
		}
	}
}

static void like_host(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void like_host(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	like_host_at(file, line, fmt, ap);
	va_end(ap);
}

#define assert_like_host(...) like_host(__FILE__, __LINE__, __VA_ARGS__)

/* Formats into a roomy buffer and checks the exact text and the returned length. */
static void formats_as(const char *file, int line, const char *want, size_t want_len,
		       const char *fmt, ...) PRINTF_LIKE(5, 6);
static void formats_as(const char *file, int line, const char *want, size_t want_len,
		       const char *fmt, ...)
{
	char got[OUT_BYTES];
	va_list ap;
	size_t n;

	memset(got, CANARY, sizeof(got));
	va_start(ap, fmt);
	n = fmt_vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (n != want_len || memcmp(got, want, want_len + 1) != 0) {
		print_error(
		    "%s:%d: format \"%s\": got \"%.*s\" (returned %zu), want \"%s\" (%zu)\n", file,
		    line, fmt, (int)(n < OUT_BYTES ? n : OUT_BYTES - 1), got, n, want, want_len);
		_fail(file, line);
	}
}

#define assert_formats_as(want, ...)                                                               \
	formats_as(__FILE__, __LINE__, want, sizeof(want) - 1, __VA_ARGS__)

static void test_fmt_plain_text_and_empty_format_are_copied(void **state)
{
	(void)state;
	assert_formats_as("", "%s", "");
	assert_formats_as("hello, world", "hello, world");
	assert_like_host("plain text with no conversions");
}

static void test_fmt_signed_decimal_d_and_i_match_host(void **state)
{
	static const int values[] = {0, 1, -1, 7, -42, 1000000, INT_MAX, INT_MIN, INT_MIN + 1};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		assert_like_host("%d", values[i]);
		assert_like_host("%i", values[i]);
		assert_like_host("[%d|%i]", values[i], -values[i] / 2);
	}
}

static void test_fmt_int_min_and_llong_min_print_their_exact_magnitude(void **state)
{
	(void)state;
	assert_formats_as("-2147483648", "%d", INT_MIN);
	assert_formats_as("-9223372036854775808", "%lld", LLONG_MIN);
	assert_formats_as("-9223372036854775808", "%lli", LLONG_MIN);
	assert_formats_as("9223372036854775807", "%lld", LLONG_MAX);
	assert_like_host("%ld", LONG_MIN);
	assert_like_host("%+25lld|%-25lld|%025lld", LLONG_MIN, LLONG_MIN, LLONG_MIN);
	assert_like_host("%+12d|%-12d|%012d", INT_MIN, INT_MIN, INT_MIN);
}

static void test_fmt_unsigned_u_x_X_o_match_host(void **state)
{
	static const unsigned int values[] = {0, 1, 7, 8, 9, 10, 15, 16, 255, 0xdeadbeef, UINT_MAX};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		assert_like_host("%u %x %X %o", values[i], values[i], values[i], values[i]);
	assert_formats_as("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	assert_formats_as("37777777777", "%o", UINT_MAX);
	assert_formats_as("4294967295", "%u", UINT_MAX);
}

static void test_fmt_zero_prints_one_zero_digit_in_every_base(void **state)
{
	(void)state;
	assert_formats_as("0 0 0 0 0 0", "%d %i %u %x %X %o", 0, 0, 0u, 0u, 0u, 0u);
	assert_formats_as("0 0 0 0", "%lld %llu %llx %llo", 0ll, 0ull, 0ull, 0ull);
	assert_like_host("%5d|%-5x|%05o|%+d|% d", 0, 0u, 0u, 0, 0);
}

static void test_fmt_length_modifiers_match_host(void **state)
{
	(void)state;
	assert_like_host("%hhd %hhi %hhu %hhx %hho", -5, 127, 255u, 0xabu, 0377u);
	assert_like_host("%hd %hi %hu %hx %ho", -30000, 32767, 65535u, 0xbeefu, 0177777u);
	assert_like_host("%ld %li %lu %lx %lX %lo", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX,
			 0xcafef00dul, ULONG_MAX);
	assert_like_host("%lld %lli %llu %llx %llX %llo", LLONG_MIN, LLONG_MAX, ULLONG_MAX,
			 0x0123456789abcdefull, 0xfedcba9876543210ull, ULLONG_MAX);
	assert_like_host("%zu %zx %zX %zo", SIZE_MAX, SIZE_MAX, (size_t)0xabcdef, (size_t)8);
	assert_like_host("%zd %zi %zd", (ssize_t)-5, (ssize_t)123456789, (ssize_t)0);
	/* Beyond 32 bits, so a size_t read as an int would show. */
	assert_like_host("%zd %zi %zu", (ssize_t)-5000000000ll, (ssize_t)SSIZE_MAX,
			 (size_t)0x123456789abull);
}

static void test_fmt_64_bit_values_across_32_bit_boundaries_match_host(void **state)
{
	static const unsigned long long values[] = {
	    0xffffffffull,
	    0x100000000ull,
	    0x100000001ull,
	    9999999999ull,
	    10000000000ull,
	    0xfedcba9876543210ull,
	    0x7fffffffffffffffull,
	    0x8000000000000000ull,
	    1000000000000000000ull,
	    ULLONG_MAX - 15,
	    ULLONG_MAX,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		unsigned long long v = values[i];

		assert_like_host("%llu %llx %llX %llo %lld", v, v, v, v, (long long)v);
		assert_like_host("%zu %zx %zd", (size_t)v, (size_t)v, (ssize_t)v);
	}
}

static void test_fmt_hh_and_h_truncate_the_promoted_argument(void **state)
{
	(void)state;
	/* The argument arrives as an int; hh and h convert it to char and short first. */
	assert_formats_as("-56 200", "%hhd %hhu", 200, 200);
	assert_formats_as("5 5 5", "%hhu %hhx %hho", 0x105, 0x105, 0x105);
	assert_formats_as("-25536 40000", "%hd %hu", 40000, 40000);
	assert_formats_as("4464 1170", "%hu %hx", 70000, 70000);
	assert_like_host("%hhd|%hhu|%hd|%hu", 0x1ff, 0x1ff, 0x1ffff, 0x1ffff);
}

static void test_fmt_widths_pad_on_the_left_by_default(void **state)
{
	(void)state;
	assert_formats_as("   42", "%5d", 42);
	assert_formats_as("42", "%1d", 42);
	assert_like_host("%1d|%2d|%3d|%10u|%8x|%12o", 123, 123, 123, 99u, 0xabcu, 0777u);
	/* Longer than one 8-byte padding run. */
	assert_like_host("%40d|%-40d|%040d", -12345, -12345, -12345);
	assert_like_host("%17s|%-17s|%9c", "pad", "pad", 'c');
}

/*
 * Formats GCC's checker flags on purpose: redundant flag combinations (' ' with '+', '0' with
 * '-'), flags C leaves undefined ('+' with %u, '0' with %s, %c or %p), NULL for %s and invalid
 * conversions are exactly what the tests between these pragmas are about.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static void test_fmt_flags_minus_zero_plus_space_match_host(void **state)
{
	static const int values[] = {0, 5, -5, 12345, -12345, INT_MAX, INT_MIN};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		int v = values[i];

		assert_like_host("[%-8d][%08d][%+d][% d]", v, v, v, v);
		assert_like_host("[%+8d][% 8d][%+08d][% 08d]", v, v, v, v);
		assert_like_host("[%-+8d][%- 8d][%+ d][% +d]", v, v, v, v);
		assert_like_host("[%-08d][%0-8d][%+-08d]", v, v, v);
	}
}

static void test_fmt_zero_padding_goes_between_sign_and_digits(void **state)
{
	(void)state;
	assert_formats_as("-0042", "%05d", -42);
	assert_formats_as("+0042", "%+05d", 42);
	assert_formats_as(" 0042", "% 05d", 42);
	assert_formats_as("000ff", "%05x", 0xffu);
}

static void test_fmt_minus_flag_wins_over_zero_flag(void **state)
{
	(void)state;
	assert_formats_as("-42  |", "%-05d|", -42);
	assert_formats_as("-42  |", "%0-5d|", -42);
	assert_formats_as("ff   |", "%-05x|", 0xffu);
}

static void test_fmt_plus_wins_over_space(void **state)
{
	(void)state;
	assert_formats_as("+7 +7", "%+ d % +d", 7, 7);
	assert_formats_as("-7 -7", "%+ d % +d", -7, -7);
}

static void test_fmt_plus_and_space_are_ignored_for_unsigned_conversions(void **state)
{
	(void)state;
	assert_formats_as("7 7 7 7", "%+u % u %+x % o", 7u, 7u, 7u, 7u);
	assert_like_host("%+u|% u|%+x|% X|%+o", 7u, 7u, 7u, 7u, 7u);
}

#pragma GCC diagnostic pop

static void test_fmt_star_width_is_taken_from_the_arguments(void **state)
{
	(void)state;
	assert_formats_as("   42|", "%*d|", 5, 42);
	assert_formats_as("00042|", "%0*d|", 5, 42);
	assert_formats_as("  ab|", "%*s|", 4, "ab");
	assert_like_host("%*d|%*x|%*s|%*c", 7, -3, 3, 0xabcu, 6, "str", 2, 'z');
	assert_like_host("%*d|%0*d", 0, 42, 1, 42);
}

static void test_fmt_huge_widths_are_clamped_not_overflowed(void **state)
{
	char buf[8];
	size_t n;

	(void)state;
	/* INT_MIN cannot be negated: it left-justifies to the clamp instead of overflowing. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-overflow"
	n = fmt_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1);
#pragma GCC diagnostic pop
	assert_int_equal(n, 4096);
	assert_string_equal(buf, "1      ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
	n = fmt_snprintf(buf, sizeof(buf), "%99999999999d|%.99999999999s", 7, "ab");
#pragma GCC diagnostic pop
	assert_int_equal(n, 4096 + 1 + 2);
	assert_string_equal(buf, "       ");
}

static void test_fmt_negative_star_width_left_justifies(void **state)
{
	(void)state;
	assert_formats_as("42   |", "%*d|", -5, 42);
	assert_formats_as("ab  |", "%*s|", -4, "ab");
	/* '-' from a negative width beats '0' just as the flag does. */
	assert_formats_as("-42  |", "%0*d|", -5, -42);
	assert_like_host("%*d|%*s|%*c|%0*d", -6, 42, -5, "ab", -3, 'q', -6, -7);
}

static void test_fmt_string_precision_limits_the_length_like_host(void **state)
{
	(void)state;
	assert_formats_as("abc", "%.3s", "abcdef");
	assert_formats_as("", "%.0s", "abcdef");
	assert_formats_as("ab", "%.10s", "ab");
	assert_formats_as("   ab", "%5.2s", "abcdef");
	assert_formats_as("ab   |", "%-5.2s|", "abcdef");
	assert_like_host("%.3s|%.0s|%.10s|%8.4s|%-8.4s|", "abcdef", "xyz", "ab", "precision",
			 "precision");
}

static void test_fmt_star_precision_is_taken_from_the_arguments(void **state)
{
	(void)state;
	assert_formats_as("abc|", "%.*s|", 3, "abcdef");
	assert_formats_as("  abc|", "%*.*s|", 5, 3, "abcdef");
	assert_formats_as("abc  |", "%*.*s|", -5, 3, "abcdef");
	/* A negative precision counts as none. */
	assert_formats_as("abcdef|", "%.*s|", -1, "abcdef");
	assert_like_host("%.*s|%*.*s|%-*.*s|%.*s", 2, "hello", 7, 3, "hello", 7, 3, "hello", -2,
			 "hello");
}

static void test_fmt_string_precision_reads_no_byte_past_it(void **state)
{
	/* Not NUL-terminated: ASan traps any read past the precision. */
	static const char unterminated[3] = {'x', 'y', 'z'};

	(void)state;
	assert_formats_as("xyz", "%.3s", unterminated);
	assert_formats_as("xy", "%.*s", 2, unterminated);
}

static void test_fmt_char_conversion_matches_host(void **state)
{
	(void)state;
	assert_formats_as("a", "%c", 'a');
	assert_formats_as("    a|a    |", "%5c|%-5c|", 'a', 'a');
	assert_like_host("%c%c%c|%3c|%-3c|", 'x', 'y', 'z', '!', '?');
	/* The int argument is converted to char. */
	assert_like_host("%c", 0x141);
}

static void test_fmt_char_conversion_of_nul_emits_one_byte(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, sizeof(buf), "a%cb", '\0'), 3);
	assert_memory_equal(buf, "a\0b\0", 4);
}

static void test_fmt_percent_percent_prints_one_percent(void **state)
{
	(void)state;
	assert_formats_as("%", "%%");
	assert_formats_as("100% 5%", "100%% %d%%", 5);
	assert_like_host("%%%d%%%%", 3);
}

/* More deliberately odd formats (see above). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static void test_fmt_null_string_prints_null_marker(void **state)
{
	const char *null = NULL;

	(void)state;
	assert_formats_as("(null)", "%s", null);
	assert_formats_as("  (null)|", "%8s|", null);
	assert_formats_as("(null)  |", "%-8s|", null);
	assert_formats_as("(nu", "%.3s", null);
}

static void test_fmt_zero_flag_pads_strings_and_chars_with_spaces(void **state)
{
	(void)state;
	assert_formats_as("   ab", "%05s", "ab");
	assert_formats_as("    x", "%05c", 'x');
}

static void test_fmt_pointer_prints_0x_and_every_hex_digit(void **state)
{
	void *p = (void *)(uintptr_t)0x1234abcd;

	(void)state;
	/* One hex digit per nibble of a pointer on this host. */
	STATIC_ASSERT(sizeof(void *) == 8);
	assert_formats_as("0x000000001234abcd", "%p", p);
	assert_formats_as("0x0000000000000000", "%p", NULL);
	assert_formats_as("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	assert_formats_as("0x0000000000000010", "%+p", (void *)(uintptr_t)16);
}

static void test_fmt_pointer_left_justified_pads_to_every_digit_with_spaces(void **state)
{
	void *p = (void *)(uintptr_t)0x1234abcd;

	(void)state;
	/* The full width still applies, but '-' wins over the zero padding. */
	assert_formats_as("0x1234abcd        |", "%-p|", p);
	assert_formats_as("0x0               |", "%-p|", (void *)(uintptr_t)0);
}

static void test_fmt_pointer_with_width_pads_instead_of_full_width(void **state)
{
	void *p = (void *)(uintptr_t)0x1234abcd;

	(void)state;
	assert_formats_as("      0x1234abcd", "%16p", p);
	assert_formats_as("0x1234abcd      |", "%-16p|", p);
	assert_formats_as("0x0000001234abcd", "%016p", p);
	assert_formats_as("0x1234abcd", "%1p", p);
}

static void test_fmt_unknown_conversion_is_printed_verbatim(void **state)
{
	(void)state;
	assert_formats_as("%q", "%q");
	assert_formats_as("a%-05qb", "a%-05qb");
	assert_formats_as("%lq %hhw", "%lq %hhw");
	assert_formats_as("%.3y", "%.3y");
	/* It consumes no argument: the next conversion still gets its own. */
	assert_formats_as("%q 5 %k 6", "%q %d %k %d", 5, 6);
}

static void test_fmt_unknown_conversion_with_star_still_consumes_its_width(void **state)
{
	(void)state;
	assert_formats_as("%*q9", "%*q%d", 7, 9);
}

static void test_fmt_trailing_lone_percent_is_printed_verbatim(void **state)
{
	(void)state;
	assert_formats_as("%", "%");
	assert_formats_as("abc%", "abc%");
	assert_formats_as("5%", "%d%", 5);
	assert_formats_as("%-", "%-");
	assert_formats_as("%08", "%08");
	assert_formats_as("%l", "%l");
	assert_formats_as("%ll", "%ll");
	assert_formats_as("%hh", "%hh");
	assert_formats_as("%.", "%.");
}

#pragma GCC diagnostic pop

static void test_fmt_snprintf_truncation_matches_host_at_every_size(void **state)
{
	(void)state;
	assert_like_host("hello, world");
	assert_like_host("%d and %s then %10x", -1234, "a string", 0xbeefu);
	assert_like_host("%-12s|%08d|%c", "left", -7, 'c');
	assert_like_host("%30s", "padding is cut too");
}

static void test_fmt_snprintf_truncation_returns_full_length_and_terminates(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 6, "%s %d", "hello world", 12345), 17);
	assert_string_equal(buf, "hello");
	assert_int_equal((uint8_t)buf[6], CANARY);
}

static void test_fmt_snprintf_exact_fit_is_not_truncated(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 6, "%d", 12345), 5);
	assert_string_equal(buf, "12345");
	assert_int_equal((uint8_t)buf[6], CANARY);
	/* One byte short: the last digit gives way to the NUL. */
	assert_int_equal(fmt_snprintf(buf, 5, "%d", 12345), 5);
	assert_string_equal(buf, "1234");
}

static void test_fmt_snprintf_size_0_writes_nothing_and_returns_length(void **state)
{
	char buf[4];

	(void)state;
	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 0, "%s=%d", "abc", 42), 6);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal((uint8_t)buf[i], CANARY);
}

static void test_fmt_snprintf_size_0_with_null_buffer_only_measures(void **state)
{
	(void)state;
	assert_int_equal(fmt_snprintf(NULL, 0, "%08x%s", 1u, "tail"), 12);
}

static void test_fmt_snprintf_size_1_writes_only_the_nul(void **state)
{
	char buf[4];

	(void)state;
	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 1, "%s", "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal((uint8_t)buf[1], CANARY);
	assert_int_equal((uint8_t)buf[2], CANARY);
}

static void test_fmt_snprintf_long_output_stops_at_size(void **state)
{
	char buf[64];

	(void)state;
	memset(buf, CANARY, sizeof(buf));
	assert_int_equal(fmt_snprintf(buf, 10, "%100d", 1), 100);
	assert_string_equal(buf, "         ");
	for (size_t i = 10; i < sizeof(buf); i++)
		assert_int_equal((uint8_t)buf[i], CANARY);
}

/* A sink that keeps every piece it receives, to see what fmt_format hands over. */
#define MAX_PIECES 64

struct record_sink {
	struct fmt_sink sink;
	char text[OUT_BYTES];
	size_t text_len;
	size_t piece_len[MAX_PIECES];
	size_t pieces;
};

static void record_emit(struct fmt_sink *sink, const char *s, size_t len)
{
	struct record_sink *r = container_of(sink, struct record_sink, sink);

	assert_true(r->pieces < MAX_PIECES);
	assert_true(r->text_len + len < sizeof(r->text));
	memcpy(r->text + r->text_len, s, len);
	r->text_len += len;
	r->text[r->text_len] = '\0';
	r->piece_len[r->pieces++] = len;
}

static void test_fmt_format_sends_every_character_to_the_sink(void **state)
{
	struct record_sink r = {.sink = {record_emit}};
	size_t n, sum = 0;

	(void)state;
	n = fmt_format(&r.sink, "ab%dcd%-12s|%%%c", -5, "xyz", 'Q');
	assert_string_equal(r.text, "ab-5cdxyz         |%Q");
	assert_int_equal(n, strlen("ab-5cdxyz         |%Q"));
	assert_int_equal(r.text_len, n);
	for (size_t i = 0; i < r.pieces; i++) {
		assert_true(r.piece_len[i] > 0);
		sum += r.piece_len[i];
	}
	assert_int_equal(sum, n);
	/* Literal text, the number and the rest cannot all be one piece. */
	assert_true(r.pieces >= 3);
}

static void test_fmt_format_pieces_need_no_nul_terminator(void **state)
{
	struct record_sink r = {.sink = {record_emit}};

	(void)state;
	/* The literal run "abc" is followed by '%' in the format: the piece must stop at 3. */
	assert_int_equal(fmt_format(&r.sink, "abc%sdef", "XY"), 8);
	assert_string_equal(r.text, "abcXYdef");
	assert_int_equal(r.piece_len[0], 3);
}

static void test_fmt_format_empty_format_emits_nothing(void **state)
{
	struct record_sink r = {.sink = {record_emit}};

	(void)state;
	assert_int_equal(fmt_format(&r.sink, "%s", ""), 0);
	assert_int_equal(r.text_len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fmt_plain_text_and_empty_format_are_copied),
	    cmocka_unit_test(test_fmt_signed_decimal_d_and_i_match_host),
	    cmocka_unit_test(test_fmt_int_min_and_llong_min_print_their_exact_magnitude),
	    cmocka_unit_test(test_fmt_unsigned_u_x_X_o_match_host),
	    cmocka_unit_test(test_fmt_zero_prints_one_zero_digit_in_every_base),
	    cmocka_unit_test(test_fmt_length_modifiers_match_host),
	    cmocka_unit_test(test_fmt_64_bit_values_across_32_bit_boundaries_match_host),
	    cmocka_unit_test(test_fmt_hh_and_h_truncate_the_promoted_argument),
	    cmocka_unit_test(test_fmt_widths_pad_on_the_left_by_default),
	    cmocka_unit_test(test_fmt_flags_minus_zero_plus_space_match_host),
	    cmocka_unit_test(test_fmt_zero_padding_goes_between_sign_and_digits),
	    cmocka_unit_test(test_fmt_minus_flag_wins_over_zero_flag),
	    cmocka_unit_test(test_fmt_plus_wins_over_space),
	    cmocka_unit_test(test_fmt_plus_and_space_are_ignored_for_unsigned_conversions),
	    cmocka_unit_test(test_fmt_star_width_is_taken_from_the_arguments),
	    cmocka_unit_test(test_fmt_negative_star_width_left_justifies),
	    cmocka_unit_test(test_fmt_huge_widths_are_clamped_not_overflowed),
	    cmocka_unit_test(test_fmt_string_precision_limits_the_length_like_host),
	    cmocka_unit_test(test_fmt_star_precision_is_taken_from_the_arguments),
	    cmocka_unit_test(test_fmt_string_precision_reads_no_byte_past_it),
	    cmocka_unit_test(test_fmt_null_string_prints_null_marker),
	    cmocka_unit_test(test_fmt_char_conversion_matches_host),
	    cmocka_unit_test(test_fmt_char_conversion_of_nul_emits_one_byte),
	    cmocka_unit_test(test_fmt_zero_flag_pads_strings_and_chars_with_spaces),
	    cmocka_unit_test(test_fmt_percent_percent_prints_one_percent),
	    cmocka_unit_test(test_fmt_pointer_prints_0x_and_every_hex_digit),
	    cmocka_unit_test(test_fmt_pointer_left_justified_pads_to_every_digit_with_spaces),
	    cmocka_unit_test(test_fmt_pointer_with_width_pads_instead_of_full_width),
	    cmocka_unit_test(test_fmt_unknown_conversion_is_printed_verbatim),
	    cmocka_unit_test(test_fmt_unknown_conversion_with_star_still_consumes_its_width),
	    cmocka_unit_test(test_fmt_trailing_lone_percent_is_printed_verbatim),
	    cmocka_unit_test(test_fmt_snprintf_truncation_matches_host_at_every_size),
	    cmocka_unit_test(test_fmt_snprintf_truncation_returns_full_length_and_terminates),
	    cmocka_unit_test(test_fmt_snprintf_exact_fit_is_not_truncated),
	    cmocka_unit_test(test_fmt_snprintf_size_0_writes_nothing_and_returns_length),
	    cmocka_unit_test(test_fmt_snprintf_size_0_with_null_buffer_only_measures),
	    cmocka_unit_test(test_fmt_snprintf_size_1_writes_only_the_nul),
	    cmocka_unit_test(test_fmt_snprintf_long_output_stops_at_size),
	    cmocka_unit_test(test_fmt_format_sends_every_character_to_the_sink),
	    cmocka_unit_test(test_fmt_format_pieces_need_no_nul_terminator),
	    cmocka_unit_test(test_fmt_format_empty_format_emits_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
