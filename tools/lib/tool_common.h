/* SPDX-License-Identifier: MIT */
/*
 * What the reference's tools share: options as Ceph users write them
 * (command line, ceph.conf, keyring), the frame dumper, transcripts, and
 * the client's connect/command steps.  Not part of the library.
 */
#ifndef M2_TOOL_COMMON_H
#define M2_TOOL_COMMON_H

#include <stdio.h>

#include "m2/m2.h"

struct tool_opts {
	const char	*conf_path;
	const char	*mon_host;
	const char	*name;
	const char	*keyring_path;
	const char	*key_b64;		/* --key */
	const char	*auth;			/* "cephx, none" */
	const char	*mode;			/* "secure crc" */
	const char	*transcript;
	const char	*bind;			/* server: address vector */
	const char	*fsid;
	const char	*log_path;
	const char	*note;			/* transcript description */
	int		 rev0;
	int		 compression;		/* advertise the bit */
	int		 timeout_ms;
	int		 negotiated;
	int		 dump_frames;
	int		 keepalive;
	int		 json;
	int		 lossless;
	int		 max_conns;		/* server: stop after N */
	int		 msgr1;			/* server: bind the v1 port */
	int		 reconnect;		/* client: break and resume */
	int		 authorizer;		/* client: cephx authorizer */
	int		 replay_authz;		/* client: replay it after */
	int		 quiet;			/* no output (bench) */
	/* Ceph options given as --name value (ms_bind_msgr1, ...) */
	const char	*ovr_name[32];
	const char	*ovr_val[32];
	size_t		 n_ovr;
	void		*conf;			/* struct m2_conf, if -c */
	int		 bind_msgr1, bind_msgr2;	/* resolved ms_bind_* */
	int		 bind_ipv4, bind_ipv6;

	/* resolved by tool_opts_finish */
	struct m2_mon_host mh;
	struct m2_entity_name en;
	uint32_t	 methods[M2_MAX_AUTH_METHODS];
	size_t		 n_methods;
	uint32_t	 modes[M2_MAX_CON_MODES];
	size_t		 n_modes;
	uint8_t		 key[16];
	int		 have_key;
	char		 conf_buf[M2_CONF_TEXT_MAX];	/* config file text */
};

void		 tool_opts_init(struct tool_opts *o, const char *name);
/*
 * tool_opts_arg looks at argv[i]: returns how many arguments it used
 * (1 or 2), 0 if it is not an option, -1 on a bad option.
 */
int		 tool_opts_arg(struct tool_opts *o, int argc, char **argv,
		    int i);
/* Resolve config, keyring and lists; prints the error and returns 2. */
int		 tool_opts_finish(struct tool_opts *o, const char *role);

/*
 * tool_conf_get resolves a Ceph option as Ceph does: a command-line
 * --name value first, then the config file's sections for |o->name|
 * ([client.admin], [client], [global]), NULL if unset.  Names compare
 * with spaces, underscores and dashes alike.
 */
const char	*tool_conf_get(const struct tool_opts *o, const char *name);
/* Read o->conf_path into o->conf (tool_conf.c). */
int		 tool_conf_load(struct tool_opts *o);
const char	*tool_conf_lookup(const struct tool_opts *o, const char *name);
/* Read at most |cap| bytes of |path|; more is an error. */
int		 tool_read_file(const char *path, char *buf, size_t cap,
		    size_t *len);
void		 tool_conf_free(struct tool_opts *o);

/* Parse "secure crc" / "crc, secure" and "cephx, none". */
int		 tool_parse_modes(const char *s, uint32_t *out, size_t *n);
int		 tool_parse_methods(const char *s, uint32_t *out, size_t *n);

/* The hooks: frame dump (stderr), log lines, transcript bytes. */
struct tool_trace {
	int		 dump_frames;
	int		 verbose;
	const char	*prefix;		/* "" or "[conn 3] " */
	/* the transcript: every byte each way */
	uint8_t		*bytes[2];
	size_t		 len[2];
	size_t		 cap[2];
	int		 record;
	FILE		*log;
	/* earlier connections of the session (after a reconnect) */
	struct {
		uint8_t		*bytes[2];
		size_t		 len[2];
		char		*negotiated;	/* JSON object text */
	}		 prev[4];
	size_t		 nprev;
};
/* Keep the streams so far as one connection and start a new one. */
void		 tool_trace_next_conn(struct tool_trace *t,
		    const struct m2_conn *c);
void		 tool_trace_hooks(struct tool_trace *t,
		    struct m2_conn_hooks *h);
void		 tool_trace_free(struct tool_trace *t);
/*
 * tool_transcript_write writes the session as JSON (vectors/SCHEMA.md,
 * "transcripts"): both byte streams, what was negotiated, and the
 * secrets that let anyone decrypt and check it.
 */
int		 tool_transcript_write(const char *path, const char *desc,
		    const struct tool_trace *t, const struct m2_conn *c,
		    const char *extra_json);

struct tool_client {
	struct tool_opts *o;
	struct m2_conn	 c;
	struct m2_client_cfg cfg;
	struct m2_client_auth auths[2];
	struct m2_auth_none none;
	void		*cephx;			/* struct m2_cephx_client */
	void		*authz;		/* struct m2_cephx_authz_client */
	struct tool_trace trace;
	struct m2_addr	 target;
	uint64_t	 tid;
	uint8_t		 fsid[16];		/* from the monmap */
	int		 have_fsid;
	size_t		 last_outlen;		/* the last command's output */
};

int		 tool_client_connect(struct tool_client *tc,
		    struct tool_opts *o);
int		 tool_client_keepalive(struct tool_client *tc);
/* Break the connection and resume the session (SESSION_RECONNECT). */
int		 tool_client_reconnect(struct tool_client *tc);
int		 tool_client_command(struct tool_client *tc,
		    const char *const *words, size_t n);
void		 tool_client_free(struct tool_client *tc);

/*
 * cephx for the client (tool_cephx.c): adds the method to tc->cfg.  When
 * o->authorizer is set, or the name is a monitor's ("mon.b"), the method
 * presents a cephx authorizer as one monitor to another
 * (Monitor::get_authorizer: a ticket for service MON sealed with the
 * "mon." key under secret_id -1, global_id 0) instead of the
 * CEPHX_GET_AUTH_SESSION_KEY exchange.
 */
int		 tool_cephx_client(struct tool_client *tc);
void		 tool_cephx_client_free(struct tool_client *tc);
/*
 * tool_client_replay_authz drops the connection and dials again, sending
 * the first connection's authorizer AUTH_REQUEST and AUTH_REQUEST_MORE
 * payloads unchanged (the new challenge is not answered).  Returns 0 if
 * the peer refused them (AUTH_BAD_METHOD), 1 if it accepted or failed
 * otherwise, 2 if there is nothing to replay.
 */
int		 tool_client_replay_authz(struct tool_client *tc);

/*
 * Keys: tool_key_from_b64 decodes a keyring's "key =" value (a base64
 * CryptoKey: le16 type 1, utime, le16 16, 16 secret bytes) into |key|;
 * tool_opts_finish fills o->key from --key, or from the keyring (-k or
 * the config's keyring) entry named o->name; for a monitor ("mon.b")
 * without its own entry, the monitors' shared "mon." entry.
 */
int		 tool_key_from_b64(const char *b64, uint8_t key[16]);
int		 tool_load_key(struct tool_opts *o);
/* Call |fn| for each [entity] of a keyring that has a key. */
int		 tool_keyring_walk(const struct tool_opts *o,
		    int (*fn)(void *arg, const char *name,
		    const uint8_t key[16], const char *const caps[]),
		    void *arg);
struct m2_cephx_keystore;
/* Fill |ks| with every entity of the keyring named in |o|. */
int		 tool_keyring_fill(struct tool_opts *o,
		    struct m2_cephx_keystore *ks);

/* Hex helpers. */
char		*tool_hex(const uint8_t *p, size_t n);	/* malloc'd */
/* Even-length hex, at most |max| bytes decoded, into a malloc'd buffer. */
uint8_t		*tool_unhex_max(const char *s, size_t max, size_t *n);

#endif
