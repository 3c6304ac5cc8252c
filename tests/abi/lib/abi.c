/* SPDX-License-Identifier: MIT */
/* The conformance apps' shared part: TAP reporting, return-value checks, fixture helpers. */
#include "tests/abi/lib/abi.h"

#include <stdarg.h>

#include "apps/runtime/console.h"
#include "lib/fmt.h"
#include "lib/string.h"

#define LINE_BYTES 300 /* a case line: name, and for a failure its reason */

static const char *app_name = "?";
static unsigned cases;

void abi_begin(const char *app)
{
	app_name = app;
	cases = 0;
	abi_note("start");
}

/* One line, one console write: lines of different apps never interleave. */
static void put_line(const char *line)
{
	console_write(line, strlen(line));
}

static bool report(bool pass, const char *name, const char *directive, const char *why, va_list ap)
{
	char line[LINE_BYTES];
	size_t n;

	cases++;
	n = fmt_snprintf(line, sizeof(line), "%sok %u - %s: %s", pass ? "" : "not ", cases,
			 app_name, name);
	if (n < sizeof(line) && directive)
		n += fmt_snprintf(line + n, sizeof(line) - n, " # %s", directive);
	else if (n < sizeof(line) && !pass && why) {
		n += fmt_snprintf(line + n, sizeof(line) - n, " # ");
		if (n < sizeof(line))
			n += fmt_vsnprintf(line + n, sizeof(line) - n, why, ap);
	}
	if (n >= sizeof(line) - 1)
		n = sizeof(line) - 2; /* truncated: keep the newline */
	line[n] = '\n';
	line[n + 1] = '\0';
	put_line(line);
	return pass;
}

bool abi_case(bool pass, const char *name, const char *why, ...)
{
	va_list ap;
	bool r;

	va_start(ap, why);
	r = report(pass, name, NULL, why, ap);
	va_end(ap);
	return r;
}

static bool report_directive(bool pass, const char *name, const char *directive, ...)
{
	va_list ap;
	bool r;

	va_start(ap, directive);
	r = report(pass, name, directive, NULL, ap);
	va_end(ap);
	return r;
}

void abi_skip(const char *name, const char *reason)
{
	char directive[120];

	fmt_snprintf(directive, sizeof(directive), "SKIP %s", reason);
	report_directive(true, name, directive);
}

void abi_note(const char *fmt, ...)
{
	char line[LINE_BYTES];
	va_list ap;
	size_t n;

	n = fmt_snprintf(line, sizeof(line), "# %s: ", app_name);
	va_start(ap, fmt);
	if (n < sizeof(line))
		n += fmt_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (n >= sizeof(line) - 1)
		n = sizeof(line) - 2;
	line[n] = '\n';
	line[n + 1] = '\0';
	put_line(line);
}

int abi_done(void)
{
	char line[LINE_BYTES];

	fmt_snprintf(line, sizeof(line), "abi: %s done, %u cases\n", app_name, cases);
	put_line(line);
	return 0;
}

/* ---- return values ------------------------------------------------------------------------- */

static const char *const error_names[] = {
    "NONE", "FAIL",   "BUSY",  "ALREADY",   "OFF",	"RESERVE",     "INVAL",
    "SIZE", "CANCEL", "NOMEM", "NOSUPPORT", "NODEVICE", "UNINSTALLED", "NOACK",
};

static const char *error_text(uint32_t e)
{
	return e < ARRAY_SIZE(error_names) ? error_names[e] : "?";
}

/* Values each variant carries after r0 (an error code counts as one). */
static unsigned values_of(uint32_t variant)
{
	switch (variant) {
	case TOCK_RETURN_FAILURE:
		return 1;
	case TOCK_RETURN_FAILURE_U32:
	case TOCK_RETURN_SUCCESS_2U32:
	case TOCK_RETURN_SUCCESS_U64:
		return 2;
	case TOCK_RETURN_FAILURE_2U32:
	case TOCK_RETURN_FAILURE_U64:
	case TOCK_RETURN_SUCCESS_3U32:
	case TOCK_RETURN_SUCCESS_U32_U64:
		return 3;
	case TOCK_RETURN_SUCCESS_U32:
		return 1;
	default:
		return 0;
	}
}

static const char *variant_text(uint32_t variant)
{
	switch (variant) {
	case TOCK_RETURN_FAILURE:
		return "Failure";
	case TOCK_RETURN_FAILURE_U32:
		return "Failure + u32";
	case TOCK_RETURN_FAILURE_2U32:
		return "Failure + 2 u32";
	case TOCK_RETURN_FAILURE_U64:
		return "Failure + u64";
	case TOCK_RETURN_SUCCESS:
		return "Success";
	case TOCK_RETURN_SUCCESS_U32:
		return "Success + u32";
	case TOCK_RETURN_SUCCESS_2U32:
		return "Success + 2 u32";
	case TOCK_RETURN_SUCCESS_U64:
		return "Success + u64";
	case TOCK_RETURN_SUCCESS_3U32:
		return "Success + 3 u32";
	case TOCK_RETURN_SUCCESS_U32_U64:
		return "Success + u32 + u64";
	default:
		return NULL;
	}
}

static void describe(uint32_t variant, unsigned nvals, const uint32_t v[3], char *buf,
		     unsigned size)
{
	const char *name = variant_text(variant);
	size_t n;
	unsigned i = 0;

	if (!name) {
		fmt_snprintf(buf, size, "unknown variant %u (0x%x, 0x%x, 0x%x)", variant, v[0],
			     v[1], v[2]);
		return;
	}
	n = fmt_snprintf(buf, size, "%s", name);
	if (nvals == 0 || n >= size)
		return;
	/* "Failure(INVAL)", "Failure + 2 u32 (INVAL, 0x0, 0x10)", "Success + u32 (0x2a)" */
	n += fmt_snprintf(buf + n, size - n, variant == TOCK_RETURN_FAILURE ? "(" : " (");
	if (variant < TOCK_RETURN_SUCCESS && n < size) {
		n += fmt_snprintf(buf + n, size - n, "%s", error_text(v[0]));
		i = 1;
	}
	for (; i < nvals && n < size; i++)
		n += fmt_snprintf(buf + n, size - n, "%s0x%x", i ? ", " : "", v[i]);
	if (n < size)
		fmt_snprintf(buf + n, size - n, ")");
}

void abi_describe(struct syscall_return r, char *buf, unsigned size)
{
	describe(r.variant, values_of(r.variant), r.data, buf, size);
}

bool abi_expect(struct syscall_return r, uint32_t variant, unsigned nvals, uint32_t v0, uint32_t v1,
		uint32_t v2, const char *name)
{
	const uint32_t want[3] = {v0, v1, v2};
	bool pass = r.variant == variant;
	char got_text[64], want_text[64];

	for (unsigned i = 0; i < nvals && i < 3; i++)
		pass = pass && r.data[i] == want[i];
	if (pass)
		return abi_case(true, name, NULL);
	abi_describe(r, got_text, sizeof(got_text));
	describe(variant, nvals, want, want_text, sizeof(want_text));
	return abi_case(false, name, "got %s, want %s", got_text, want_text);
}

/* ---- raw calls and fixtures ------------------------------------------------------------------ */

unsigned abi_drain(void)
{
	unsigned ran = 0;

	while (tock_yield_no_wait() && ran < 100)
		ran++;
	return ran;
}

uint32_t abi_now(void)
{
	struct syscall_return r = tock_command(ABI_ALARM, 2, 0, 0);

	return r.variant == TOCK_RETURN_SUCCESS_U32 ? r.data[0] : 0;
}

void abi_spin_ticks(uint32_t ticks)
{
	uint32_t start = abi_now();
	unsigned polls = 0;

	/* Bounded: without an alarm the counter never moves. */
	while (abi_now() - start < ticks && ++polls < 2000000)
		;
}

uint32_t abi_memop_u32(uint32_t op)
{
	struct syscall_return r = tock_memop(op, 0);

	return r.variant == TOCK_RETURN_SUCCESS_U32 ? r.data[0] : 0;
}

bool abi_ipc_self(const char *app, uint32_t *index)
{
	struct syscall_return r;

	tock_allow_ro(ABI_IPC, 0, app, strlen(app));
	r = tock_command(ABI_IPC, 1, 0, 0);
	tock_allow_ro(ABI_IPC, 0, NULL, 0);
	if (r.variant != TOCK_RETURN_SUCCESS_U32)
		return false;
	*index = r.data[0];
	return true;
}

bool abi_procinfo_pid(const char *app, bool other, uint32_t *pid)
{
	static uint32_t pids[16];
	static char name[40];
	struct syscall_return r;
	uint32_t n;
	size_t len = strlen(app);

	tock_allow_rw(ABI_PROCINFO, 0, pids, sizeof(pids));
	r = tock_command(ABI_PROCINFO, 2, 0, 0);
	tock_allow_rw(ABI_PROCINFO, 0, NULL, 0);
	if (r.variant != TOCK_RETURN_SUCCESS_U32)
		return false;
	n = MIN(r.data[0], (uint32_t)ARRAY_SIZE(pids));
	for (uint32_t i = 0; i < n; i++) {
		bool mine;

		memset(name, 0, sizeof(name));
		tock_allow_rw(ABI_PROCINFO, 0, name, sizeof(name));
		r = tock_command(ABI_PROCINFO, 4, pids[i], 0);
		tock_allow_rw(ABI_PROCINFO, 0, NULL, 0);
		if (r.variant != TOCK_RETURN_SUCCESS)
			continue;
		mine = strlen(name) == len && !memcmp(name, app, len);
		if (mine != other) {
			*pid = pids[i];
			return true;
		}
	}
	return false;
}

static bool procinfo_words(uint32_t cmd, uint32_t pid, uint32_t *words, uint32_t count)
{
	struct syscall_return r;

	tock_allow_rw(ABI_PROCINFO, 0, words, count * sizeof(uint32_t));
	r = tock_command(ABI_PROCINFO, cmd, pid, 0);
	tock_allow_rw(ABI_PROCINFO, 0, NULL, 0);
	return r.variant == TOCK_RETURN_SUCCESS;
}

bool abi_procinfo_memory(uint32_t pid, uint32_t words[6])
{
	return procinfo_words(6, pid, words, 6);
}

bool abi_procinfo_stats(uint32_t pid, uint32_t words[4])
{
	return procinfo_words(5, pid, words, 4);
}

int abi_expect_fault(const char *app, const char *what, uint32_t class, uint32_t r0)
{
	struct syscall_return r;
	char got[64];

	abi_begin(app);
	abi_note("%s: expecting the kernel to fault this process", what);
	r = abi_raw(class, r0, 0, 0, 0);
	abi_describe(r, got, sizeof(got));
	abi_case(false, what, "returned %s instead of faulting the process", got);
	return abi_done();
}
