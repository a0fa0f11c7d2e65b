/* SPDX-License-Identifier: MIT */
/* cephx on the server side (see tool_server.h). */
#include <stdlib.h>
#include <string.h>

#include "m2/cephx.h"
#include "tool_common.h"
#include "tool_server.h"

/* ---- server ---- */

struct cx_conn {
	struct tool_server	*srv;
	struct m2_cephx_server	 s;
};

/* see tool_server.h */
int
tool_cephx_server_init(struct tool_server *srv)
{
	struct m2_cephx_keystore *ks;

	if ((ks = calloc(1, sizeof(*ks))) == NULL)
		return -1;
	if (m2_cephx_keystore_init(ks) != M2_OK) {
		free(ks);
		return -1;
	}
	srv->keys = ks;
	return tool_keyring_fill(srv->o, ks);
}

/* see tool_server.h */
void *
tool_cephx_server_conn(struct tool_server *srv)
{
	struct cx_conn *x = calloc(1, sizeof(*x));

	if (x != NULL)
		x->srv = srv;
	return x;
}

/* see tool_server.h */
int
tool_cephx_server_handle(void *state, uint32_t method, uint32_t con_mode,
    int first, struct m2_span in, struct m2_buf *out,
    struct m2_auth_result *res, char *why, size_t why_len)
{
	struct cx_conn *x = state;
	struct m2_diag d;
	m2_err e;

	(void)method;
	memset(&d, 0, sizeof(d));
	if (first) {
		uint64_t gid = atomic_fetch_add(&x->srv->next_global_id, 1);

		m2_cephx_server_wipe(&x->s);
		memset(&x->s, 0, sizeof(x->s));
		e = m2_cephx_server_start(&x->s, x->srv->keys, in.p, in.len,
		    gid, out, &d);
		if (e != M2_OK) {
			snprintf(why, why_len, "cephx: bad request: %s at %s",
			    m2_err_name(e), d.field ? d.field : "?");
			return -13;
		}
		return 0;
	}
	e = m2_cephx_server_finish(&x->s, in.p, in.len, con_mode, out, &d);
	if (e != M2_OK) {
		snprintf(why, why_len, "cephx: %s.%s refused: %s%s%s",
		    m2_entity_type_label(x->s.entity_type), x->s.entity_id,
		    m2_err_name(e), d.field ? " at " : "",
		    d.field ? d.field : "");
		return -13;
	}
	res->global_id = x->s.global_id;
	memcpy(res->session_key, x->s.session_key, M2_CEPHX_KEY_LEN);
	res->session_key_len = M2_CEPHX_KEY_LEN;
	memcpy(res->con_secret, x->s.con_secret, x->s.con_secret_len);
	res->con_secret_len = x->s.con_secret_len;
	snprintf(why, why_len, "cephx: %s.%s authenticated",
	    m2_entity_type_label(x->s.entity_type), x->s.entity_id);
	return 1;
}

/* see tool_server.h */
void
tool_cephx_server_conn_free(void *state)
{
	struct cx_conn *x = state;

	m2_cephx_server_wipe(&x->s);
	free(x);
}

static int
fill_cb(void *arg, const char *name, const uint8_t key[16],
    const char *const caps[])
{
	if (m2_cephx_keystore_add(arg, name, key, caps) != M2_OK) {
		fprintf(stderr, "keyring: cannot add %s\n", name);
		return -1;
	}
	return 0;
}

/* see tool_common.h */
int
tool_keyring_fill(struct tool_opts *o, struct m2_cephx_keystore *ks)
{
	if (o->keyring_path == NULL) {
		fprintf(stderr, "cephx needs a keyring (-k)\n");
		return -1;
	}
	if (tool_keyring_walk(o, fill_cb, ks) != 0)
		return -1;
	return 0;
}

/* see tool_server.h */
void
tool_cephx_server_free(struct tool_server *srv)
{
	if (srv->keys != NULL) {
		m2_cephx_keystore_wipe(srv->keys);
		free(srv->keys);
		srv->keys = NULL;
	}
}
