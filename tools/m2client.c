/* SPDX-License-Identifier: MIT */
/*
 * m2client: the reference client.  It connects to a monitor over msgr2,
 * authenticates (cephx or none), and runs monitor commands, printing what
 * the `ceph` CLI prints.
 *
 *   m2client [-c ceph.conf] [-m MON_HOST] [-n NAME] [-k KEYRING]
 *            [--auth "cephx, none"] [--mode "secure crc"] [--rev0]
 *            [--timeout MS] [--negotiated] [--dump-frames]
 *            [--transcript FILE] [--keepalive] [--lossless]
 *            [--reconnect] [--authorizer] [--replay-authorizer]
 *            [COMMAND...]
 *
 * With -n mon.X (or --authorizer) and cephx, m2client presents a cephx
 * authorizer as a peer monitor would, with the keyring's "mon." key.
 * --replay-authorizer then dials again and sends the same authorizer
 * payloads (a replay); it exits 0 if the peer refuses them.
 *
 * COMMAND is what follows `ceph`: "mon dump", "status",
 * "config generate-minimal-conf" (a JSON command with --json).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m2/m2.h"
#include "tool_common.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: m2client [-c CONF] [-m MON_HOST] [-n NAME] [-k KEYRING]\n"
	    "                [--auth LIST] [--mode LIST] [--rev0] "
	    "[--timeout MS]\n"
	    "                [--negotiated] [--dump-frames] "
	    "[--transcript FILE]\n"
	    "                [--keepalive] [--lossless] [--reconnect]\n"
	    "                [--authorizer] [--replay-authorizer]\n"
	    "                [COMMAND WORDS...]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct tool_opts o;
	struct tool_client tc;
	int i, nwords = 0, rc;
	const char *words[64];

	tool_opts_init(&o, "client.admin");
	for (i = 1; i < argc; i++) {
		int used = tool_opts_arg(&o, argc, argv, i);

		if (used < 0)
			usage();
		if (used > 0) {
			i += used - 1;
			continue;
		}
		if (nwords == 64)
			usage();
		words[nwords++] = argv[i];
	}
	if (tool_opts_finish(&o, "client") != 0)
		return 2;
	if ((rc = tool_client_connect(&tc, &o)) != 0) {
		tool_client_free(&tc);
		tool_conf_free(&o);
		return rc;
	}
	if (o.keepalive) {
		if ((rc = tool_client_keepalive(&tc)) != 0) {
			tool_client_free(&tc);
			tool_conf_free(&o);
			return rc;
		}
	}
	if (nwords > 0)
		rc = tool_client_command(&tc, words, (size_t)nwords);
	if (rc == 0 && o.reconnect) {
		rc = tool_client_reconnect(&tc);
		if (rc == 0 && o.keepalive)
			rc = tool_client_keepalive(&tc);
	}
	if (rc == 0 && o.replay_authz)
		rc = tool_client_replay_authz(&tc);
	tool_client_free(&tc);
	tool_conf_free(&o);
	return rc;
}
