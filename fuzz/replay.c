/* SPDX-License-Identifier: MIT */
/*
 * main() for builds without libFuzzer: feeds every file named (or every
 * file directly inside a directory named) to LLVMFuzzerTestOneInput once,
 * so `make check` replays every corpus under gcc and under ASan+UBSan.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long	replayed;

static int
replay_file(const char *path)
{
	FILE		*f = fopen(path, "rb");
	uint8_t		*p;
	long		 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		if (f != NULL)
			fclose(f);
		return 1;
	}
	/* An exact-size copy, so ASan sees any read past the input. */
	p = malloc(n > 0 ? (size_t)n : 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(p);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(p, (size_t)n);
	free(p);
	replayed++;
	return 0;
}

static int
replay_path(const char *path)
{
	struct stat	 st;
	DIR		*d;
	struct dirent	*de;
	char		 buf[4096];
	int		 bad = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: no such path %s\n", path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	if ((d = opendir(path)) == NULL)
		return 1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(buf, sizeof(buf), "%s/%s", path, de->d_name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
			bad |= replay_file(buf);
	}
	closedir(d);
	return bad;
}

int
main(int argc, char **argv)
{
	int	bad = 0;

	for (int i = 1; i < argc; i++)
		bad |= replay_path(argv[i]);
	printf("%s: replayed %lu inputs\n", argv[0], replayed);
	return bad;
}
