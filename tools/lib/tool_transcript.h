/* SPDX-License-Identifier: MIT */
/*
 * Transcripts and captures for the tools (vectors/SCHEMA.md,
 * "Transcripts"): loading the sessions a file holds, replaying one
 * through the dissector (m2/dissect.h), and the one-line-per-frame text
 * m2dump prints.  Not part of the library.
 */
#ifndef M2_TOOL_TRANSCRIPT_H
#define M2_TOOL_TRANSCRIPT_H

#include <stdio.h>

#include "m2/m2.h"

/* One connection: both streams, the secrets, what the file expects. */
struct tool_session {
	char		 label[48];	/* "" or "connections[1]" */
	uint8_t		*c2s, *s2c;
	size_t		 c2s_len, s2c_len;
	uint8_t		*session_key;
	size_t		 session_key_len;
	int		 have_session_key;
	uint8_t		*con_secret;
	size_t		 con_secret_len;
	/* "negotiated", if present: checked against what was dissected */
	int		 has_negotiated;
	int		 revision;
	char		 con_mode[16];	/* "crc", "secure" */
	char		 auth_method[16];	/* "none", "cephx" */
	long long	 global_id;
	/* "expect", if present (SCHEMA.md) */
	char		 expect_error[32];	/* "" or an M2_E_ token */
	char		 expect_signatures[16];	/* "" or "ok", ... */
};

/*
 * tool_sessions_load reads a transcript (schema m2-transcript/1, one
 * session or "connections") or a capture (client_to_server and
 * server_to_client) into a malloc'd array.  Returns 0, or -1 with a
 * message in |err|.
 */
int		 tool_sessions_load(const char *path,
		    struct tool_session **out, size_t *n, char *err,
		    size_t errlen);
void		 tool_sessions_free(struct tool_session *s, size_t n);

/* Decode |s| (even length, no separators) into a malloc'd buffer. */
uint8_t		*tool_unhex(const char *s, size_t *n);

/* What one replay found. */
struct tool_replay {
	m2_err		 err;		/* the first error, M2_OK */
	int		 err_dir;
	struct m2_diag	 diag;
	enum m2_sig	 sig[2];
	size_t		 opaque;	/* secure bytes left undecoded */
	int		 rev1;
	uint32_t	 con_mode, auth_method;
	int		 auth_done;
	uint64_t	 global_id;
	char		*summary;	/* malloc'd: the "dump" of SCHEMA.md */
};

/*
 * tool_replay_session dissects |s|, writing one line per event to |out|
 * (NULL: quiet) and filling |*r|.  |strict| makes trailing payload bytes
 * errors.  Returns 0, or -1 if memory ran out.
 */
int		 tool_replay_session(const struct tool_session *s, FILE *out,
		    int strict, struct tool_replay *r);
void		 tool_replay_free(struct tool_replay *r);

/*
 * tool_replay_verdict compares a replay with what |s| expects (its
 * "negotiated" and "expect"): 1 if it agrees, else 0 with the reason in
 * |why|.  Without an "expect", the session must dissect without error,
 * with nothing left undecoded, and every AUTH_SIGNATURE that could be
 * checked must be ok.
 */
int		 tool_replay_verdict(const struct tool_session *s,
		    const struct tool_replay *r, char *why, size_t n);

/* The name of a Ceph message type (Message.h, ceph_fs.h), or NULL. */
const char	*tool_msg_type_name(unsigned type);

#endif
