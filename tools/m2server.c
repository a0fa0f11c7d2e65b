/* SPDX-License-Identifier: MIT */
/*
 * m2server: the reference server.  It serves msgr2 on an address vector
 * as a minimal monitor: banner, HELLO, auth (cephx from a keyring, or
 * none), AUTH_SIGNATURE, sessions (lossy for clients, as a monitor; or
 * lossless with --lossless, with reconnects), keepalives, and the
 * monitor messages a client needs: the monmap, the config map, and the
 * commands `mon dump`, `get_command_descriptions`, `status`,
 * `config generate-minimal-conf`.  On the v1 port (ms_bind_msgr1) it
 * refuses msgr1 peers cleanly and logs it.
 *
 *   m2server --bind "[v2:127.0.0.1:13300,v1:127.0.0.1:16789]"
 *            [-k KEYRING] [--auth "cephx none"] [--mode "secure crc"]
 *            [--msgr1] [--lossless] [--rev0] [--fsid UUID]
 *            [--max-conns N] [--lifetime S] [--log FILE] [--dump-frames]
 *            [--fault NAME | --fault list]
 *
 * Each connection runs in its own thread with blocking I/O; it logs its
 * revision, mode, auth method and (with --dump-frames) every frame.
 *
 * --fault NAME switches on one deliberate bug (m2/fault.h), only in the
 * faults build (make BUILD=faults); other builds refuse it.  --fault
 * list prints the names.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "m2/m2.h"
#include "tool_common.h"
#include "tool_server.h"

/* --fault NAME: only the faults build has them. */
static int
fault_arg(const char *name)
{
	if (strcmp(name, "list") == 0) {
		for (unsigned f = 1; f < M2_FAULT_COUNT; f++)
			printf("%s\n", m2_fault_name((enum m2_fault)f));
		exit(0);
	}
	if (!m2_faults_built()) {
		fprintf(stderr, "m2server: this build has no faults; --fault "
		    "needs make BUILD=faults (build/faults/tools/m2server)\n");
		return -1;
	}
	if (m2_fault_set(name) != 0) {
		fprintf(stderr, "m2server: unknown fault \"%s\" (--fault "
		    "list)\n", name);
		return -1;
	}
	return 0;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: m2server --bind ADDRVEC [-k KEYRING] [--auth LIST] "
	    "[--mode LIST]\n"
	    "                [--msgr1] [--lossless] [--rev0] [--fsid UUID] "
	    "[--max-conns N]\n"
	    "                [--lifetime S] [--log FILE] [--dump-frames] "
	    "[--transcript PREFIX]\n"
	    "                [--fault NAME|list]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct tool_opts o;
	struct tool_server srv;
	int i, lifetime = 600, rc;

	signal(SIGPIPE, SIG_IGN);
	tool_opts_init(&o, "mon.a");
	for (i = 1; i < argc; i++) {
		int used;

		if (strcmp(argv[i], "--lifetime") == 0 && i + 1 < argc) {
			lifetime = atoi(argv[++i]);
			continue;
		}
		if (strcmp(argv[i], "--fault") == 0 && i + 1 < argc) {
			if (fault_arg(argv[++i]) != 0)
				return 2;
			continue;
		}
		used = tool_opts_arg(&o, argc, argv, i);
		if (used <= 0)
			usage();
		i += used - 1;
	}
	if (tool_opts_finish(&o, "mon") != 0)
		return 2;
	if (tool_server_init(&srv, &o) != 0) {
		tool_conf_free(&o);
		return 2;
	}
	if (m2_fault_current() != M2_FAULT_NONE)
		tool_server_log(&srv, "fault injected: %s",
		    m2_fault_name(m2_fault_current()));
	rc = tool_server_run(&srv, lifetime);
	tool_server_free(&srv);
	tool_conf_free(&o);
	return rc;
}
