/* SPDX-License-Identifier: MIT */
/*
 * The whole client path against a real monitor (`make bench`, through
 * bench/live/run.sh, which starts Debian's ceph-mon 16.2.15 on loopback):
 * connect, cephx, secure mode, one `mon dump`, disconnect; the reference
 * client (tools/lib) against librados's C API (rados_connect +
 * rados_mon_command) on the same monitor in the same run.  Each side runs
 * the same number of times, alternating, and the medians are compared.
 *
 *   bench_live CONF KEYRING MON_HOST [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rados/librados.h>

#include "tool_common.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
one_ref(const char *keyring, const char *mon_host, size_t *outlen)
{
	static const char *const words[] = { "mon", "dump" };
	struct tool_opts o;
	struct tool_client tc;
	int rc;

	tool_opts_init(&o, "client.admin");
	o.keyring_path = keyring;
	o.mon_host = mon_host;
	o.auth = "cephx";
	o.mode = "secure";
	o.quiet = 1;
	if (tool_opts_finish(&o, "client") != 0)
		return -1;
	if ((rc = tool_client_connect(&tc, &o)) == 0)
		rc = tool_client_command(&tc, words, 2);
	*outlen = tc.last_outlen;
	tool_client_free(&tc);
	tool_conf_free(&o);
	return rc;
}

static int
one_rados(const char *conf, const char *keyring, size_t *outlen)
{
	const char *cmd[] = { "{\"prefix\": \"mon dump\"}" };
	char *outbuf = NULL, *outs = NULL;
	size_t outbuf_len = 0, outs_len = 0;
	rados_t r;
	int rc;

	if ((rc = rados_create2(&r, "ceph", "client.admin", 0)) < 0)
		return rc;
	if ((rc = rados_conf_read_file(r, conf)) < 0 ||
	    (rc = rados_conf_set(r, "keyring", keyring)) < 0 ||
	    (rc = rados_conf_set(r, "ms_mon_client_mode", "secure")) < 0 ||
	    (rc = rados_connect(r)) < 0) {
		rados_shutdown(r);
		return rc;
	}
	rc = rados_mon_command(r, cmd, 1, "", 0, &outbuf, &outbuf_len,
	    &outs, &outs_len);
	*outlen = outbuf_len;
	rados_buffer_free(outbuf);
	rados_buffer_free(outs);
	rados_shutdown(r);
	return rc;
}

int
main(int argc, char **argv)
{
	int n = argc > 4 ? atoi(argv[4]) : 30;
	double *tr, *tl, t;
	size_t lr = 0, ll = 0;

	if (argc < 4 || n < 1 || n > 1000) {
		fprintf(stderr, "usage: bench_live CONF KEYRING MON_HOST [N]\n");
		return 2;
	}
	tr = calloc((size_t)n, sizeof(*tr));
	tl = calloc((size_t)n, sizeof(*tl));
	if (tr == NULL || tl == NULL)
		return 2;
	/* one warm-up of each */
	if (one_ref(argv[2], argv[3], &lr) != 0 ||
	    one_rados(argv[1], argv[2], &ll) != 0) {
		fprintf(stderr, "bench_live: warm-up failed\n");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		t = now();
		if (one_ref(argv[2], argv[3], &lr) != 0)
			return 1;
		tr[i] = now() - t;
		t = now();
		if (one_rados(argv[1], argv[2], &ll) != 0)
			return 1;
		tl[i] = now() - t;
	}
	qsort(tr, (size_t)n, sizeof(*tr), cmp);
	qsort(tl, (size_t)n, sizeof(*tl), cmp);
	printf("\nconnect + cephx secure + mon dump, %d runs each, "
	    "ceph-mon 16.2.15 on loopback\n", n);
	printf("%-22s %10s %10s %10s %8s\n", "client", "median ms", "min ms",
	    "max ms", "out B");
	printf("%-22s %10.2f %10.2f %10.2f %8zu\n", "m2 reference",
	    tr[n / 2] * 1e3, tr[0] * 1e3, tr[n - 1] * 1e3, lr);
	printf("%-22s %10.2f %10.2f %10.2f %8zu\n", "librados (C API)",
	    tl[n / 2] * 1e3, tl[0] * 1e3, tl[n - 1] * 1e3, ll);
	printf("ratio m2 / librados (median): %.3f (target <= 0.333): %s\n",
	    tr[n / 2] / tl[n / 2],
	    tr[n / 2] / tl[n / 2] <= 1.0 / 3 ? "met" : "NOT met");
	free(tr);
	free(tl);
	return 0;
}
