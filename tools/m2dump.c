/* SPDX-License-Identifier: MIT */
/*
 * m2dump: the frame dissector.  Reads a whole msgr2 session (a transcript
 * or a capture, vectors/SCHEMA.md "Transcripts", or two raw byte streams)
 * and prints one line per banner and frame: direction, offset in its
 * stream, format, tag, segment lengths and the decoded payload (MESSAGE:
 * the message type and ceph_msg_header2); then what was negotiated and
 * whether both AUTH_SIGNATUREs check out.
 *
 *	m2dump [--strict] [--session-key HEX] [--secret HEX] FILE.json
 *	m2dump [--strict] [--session-key HEX] [--secret HEX]
 *	       --c2s FILE --s2c FILE
 *
 * --session-key and --secret override the transcript's "secrets" (an
 * empty --session-key "" means the empty key of auth none).  Exit status:
 * 0 if every session dissected without error, 1 if one did not, 2 on
 * bad usage or unreadable input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m2/m2.h"
#include "tool_transcript.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: m2dump [--strict] [--session-key HEX] [--secret HEX] "
	    "FILE.json\n"
	    "       m2dump [--strict] [--session-key HEX] [--secret HEX] "
	    "--c2s FILE --s2c FILE\n");
	return 2;
}

static uint8_t *
read_raw(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)len + 1)) != NULL) {
		if (fread(p, 1, (size_t)len, f) != (size_t)len) {
			free(p);
			p = NULL;
		} else {
			*n = (size_t)len;
		}
	}
	fclose(f);
	return p;
}

int
main(int argc, char **argv)
{
	const char *c2s_path = NULL, *s2c_path = NULL, *key_hex = NULL;
	const char *secret_hex = NULL, *file = NULL;
	struct tool_session *ss = NULL;
	size_t n = 0;
	int strict = 0, status = 0;
	char err[256];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--strict") == 0)
			strict = 1;
		else if (strcmp(a, "--c2s") == 0 && i + 1 < argc)
			c2s_path = argv[++i];
		else if (strcmp(a, "--s2c") == 0 && i + 1 < argc)
			s2c_path = argv[++i];
		else if (strcmp(a, "--session-key") == 0 && i + 1 < argc)
			key_hex = argv[++i];
		else if (strcmp(a, "--secret") == 0 && i + 1 < argc)
			secret_hex = argv[++i];
		else if (a[0] == '-' || file != NULL)
			return usage();
		else
			file = a;
	}
	if ((file == NULL) == (c2s_path == NULL && s2c_path == NULL))
		return usage();
	if (file != NULL) {
		if (tool_sessions_load(file, &ss, &n, err, sizeof(err)) != 0) {
			fprintf(stderr, "m2dump: %s: %s\n", file, err);
			return 2;
		}
	} else {
		if ((ss = calloc(1, sizeof(*ss))) == NULL)
			return 2;
		n = 1;
		if (c2s_path != NULL &&
		    (ss->c2s = read_raw(c2s_path, &ss->c2s_len)) == NULL) {
			fprintf(stderr, "m2dump: cannot read %s\n", c2s_path);
			tool_sessions_free(ss, n);
			return 2;
		}
		if (s2c_path != NULL &&
		    (ss->s2c = read_raw(s2c_path, &ss->s2c_len)) == NULL) {
			fprintf(stderr, "m2dump: cannot read %s\n", s2c_path);
			tool_sessions_free(ss, n);
			return 2;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct tool_session *s = &ss[i];
		struct tool_replay r;

		if (key_hex != NULL) {
			free(s->session_key);
			if ((s->session_key = tool_unhex(key_hex,
			    &s->session_key_len)) == NULL) {
				fprintf(stderr, "m2dump: bad --session-key\n");
				tool_sessions_free(ss, n);
				return 2;
			}
			s->have_session_key = 1;
		}
		if (secret_hex != NULL) {
			free(s->con_secret);
			if ((s->con_secret = tool_unhex(secret_hex,
			    &s->con_secret_len)) == NULL) {
				fprintf(stderr, "m2dump: bad --secret\n");
				tool_sessions_free(ss, n);
				return 2;
			}
		}
		if (n > 1)
			printf("== %s\n", s->label);
		if (tool_replay_session(s, stdout, strict, &r) != 0) {
			fprintf(stderr, "m2dump: out of memory\n");
			tool_sessions_free(ss, n);
			return 2;
		}
		if (r.err != M2_OK)
			status = 1;
		tool_replay_free(&r);
	}
	tool_sessions_free(ss, n);
	return status;
}
