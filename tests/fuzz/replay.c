/* SPDX-License-Identifier: MIT */
/* Replays a fuzzer's corpus through its LLVMFuzzerTestOneInput() without libFuzzer, for make test.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sanitizer/common_interface_defs.h>

/*
 * Usage: replay_<name> [FILE|DIR]...; with no argument, the corpus the Makefile compiled in
 * (FUZZ_CORPUS, relative to the repository root, else FUZZ_CORPUS_ABS). Prints "ok N - FILE"
 * per input; a sanitizer report or a crash ends the run with "not ok N - FILE" and a nonzero
 * exit status.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* "not ok N - FILE" for the input running now, formatted before it runs. */
static char not_ok[4200];
static size_t not_ok_len;

static void on_death(void)
{
	fflush(stdout);
	if (write(STDOUT_FILENO, not_ok, not_ok_len) < 0)
		_exit(1);
}

/* A trap (CHECK) or abort is not a sanitizer report: say which input it was, then die. */
static void on_signal(int sig)
{
	on_death();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path, unsigned *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	long size;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return 1;
	}
	/* Exactly size bytes, so ASan catches a read one past the input. */
	data = malloc(size ? (size_t)size : 1);
	if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(data);
		return 1;
	}
	fclose(f);
	++*n;
	not_ok_len = (size_t)snprintf(not_ok, sizeof(not_ok), "not ok %u - %.4096s\n", *n, path);
	if (not_ok_len >= sizeof(not_ok))
		not_ok_len = sizeof(not_ok) - 1;
	LLVMFuzzerTestOneInput(data, (size_t)size);
	free(data);
	printf("ok %u - %s\n", *n, path);
	fflush(stdout);
	return 0;
}

static int run_path(const char *path, unsigned *n)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t count = 0, cap = 0;
	int rc = 0;
	DIR *d;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path, n);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((de = readdir(d))) {
		char *full;

		if (de->d_name[0] == '.')
			continue;
		if (count == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));

			if (!p) {
				rc = 1;
				break;
			}
			names = p;
		}
		full = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!full) {
			rc = 1;
			break;
		}
		sprintf(full, "%s/%s", path, de->d_name);
		names[count++] = full;
	}
	closedir(d);
	qsort(names, count, sizeof(*names), cmp_str);
	for (size_t i = 0; i < count; i++) {
		if (!rc && !stat(names[i], &st) && S_ISREG(st.st_mode))
			rc = run_file(names[i], n);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned n = 0;
	int rc = 0;

	__sanitizer_set_death_callback(on_death);
	signal(SIGILL, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGFPE, on_signal);
	if (argc > 1) {
		for (int i = 1; i < argc && !rc; i++)
			rc = run_path(argv[i], &n);
	} else {
#ifdef FUZZ_CORPUS
		struct stat st;

		rc = run_path(stat(FUZZ_CORPUS, &st) == 0 ? FUZZ_CORPUS : FUZZ_CORPUS_ABS, &n);
#else
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
#endif
	}
	if (!rc && n == 0) {
		fprintf(stderr, "replay: no inputs found\n");
		rc = 1;
	}
	return rc;
}
