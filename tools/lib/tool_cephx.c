/* SPDX-License-Identifier: MIT */
/*
 * cephx glue for the tools: the client method (m2_client_auth over
 * m2_cephx_client) and the server side (a key store filled from a
 * keyring, one m2_cephx_server per connection).  see tool_common.h,
 * tool_server.h.
 */
#include <stdlib.h>
#include <string.h>

#include "m2/cephx.h"
#include "tool_common.h"
#include "tool_server.h"

/* ---- client ---- */

static m2_err
cx_request(void *arg, uint64_t gid, struct m2_buf *out)
{
	return m2_cephx_client_request(arg, gid, out);
}

static m2_err
cx_more(void *arg, struct m2_span in, struct m2_buf *out, struct m2_diag *d)
{
	return m2_cephx_client_reply_more(arg, in.p, in.len, out, d);
}

static m2_err
cx_done(void *arg, struct m2_span in, struct m2_auth_result *res,
    struct m2_diag *d)
{
	struct m2_cephx_client *cx = arg;
	m2_err e;

	e = m2_cephx_client_done(cx, res->global_id, in.p, in.len, d);
	if (e != M2_OK)
		return e;
	memcpy(res->session_key, cx->session_key, M2_CEPHX_KEY_LEN);
	res->session_key_len = M2_CEPHX_KEY_LEN;
	if (cx->con_secret_len > sizeof(res->con_secret))
		return M2_E_LIMIT;
	memcpy(res->con_secret, cx->con_secret, cx->con_secret_len);
	res->con_secret_len = cx->con_secret_len;
	return M2_OK;
}

/*
 * The authorizer a monitor presents to a peer monitor: a fresh session
 * key, the ticket sealed with the "mon." key (o->key).  The wrapper keeps
 * the payloads sent, so that tool_client_replay_authz can send them
 * again on a new connection, as an eavesdropper would.
 */
struct tool_authz {
	struct m2_cephx_authz_client	 st;
	struct m2_client_auth		 inner;
	uint8_t				 sent[2][512];	/* REQUEST, MORE */
	size_t				 sent_len[2];
	int				 replay;
};

static m2_err
keep_or_replay(struct tool_authz *ta, int which, struct m2_buf *out,
    size_t from)
{
	size_t n;

	if (ta->replay) {
		m2_buf_bytes(out, ta->sent[which], ta->sent_len[which]);
		return out->overflow ? M2_E_NOSPC : M2_OK;
	}
	if (out->overflow || (n = out->len - from) > sizeof(ta->sent[0]))
		return M2_E_NOSPC;
	memcpy(ta->sent[which], out->p + from, n);
	ta->sent_len[which] = n;
	return M2_OK;
}

static m2_err
ta_request(void *arg, uint64_t gid, struct m2_buf *out)
{
	struct tool_authz *ta = arg;
	size_t from = out->len;
	m2_err e;

	if (!ta->replay &&
	    (e = ta->inner.request(ta->inner.arg, gid, out)) != M2_OK)
		return e;
	return keep_or_replay(ta, 0, out, from);
}

static m2_err
ta_more(void *arg, struct m2_span in, struct m2_buf *out, struct m2_diag *d)
{
	struct tool_authz *ta = arg;
	size_t from = out->len;
	m2_err e;

	if (!ta->replay &&
	    (e = ta->inner.more(ta->inner.arg, in, out, d)) != M2_OK)
		return e;
	return keep_or_replay(ta, 1, out, from);
}

static m2_err
ta_done(void *arg, struct m2_span in, struct m2_auth_result *res,
    struct m2_diag *d)
{
	struct tool_authz *ta = arg;

	return ta->inner.done(ta->inner.arg, in, res, d);
}

static int
authz_client(struct tool_client *tc)
{
	struct tool_authz *ta;
	struct m2_client_auth *a;
	uint8_t skey[M2_CEPHX_KEY_LEN];

	if ((ta = calloc(1, sizeof(*ta))) == NULL)
		return -1;
	if (m2_cephx_random(skey, sizeof(skey)) != M2_OK ||
	    m2_cephx_mon_peer_ticket(tc->o->key, skey, 0, &ta->st.ticket) !=
	    M2_OK) {
		m2_cephx_wipe(skey, sizeof(skey));
		free(ta);
		fprintf(stderr, "cephx: cannot build the mon ticket\n");
		return -1;
	}
	m2_cephx_wipe(skey, sizeof(skey));
	ta->st.global_id = 0;
	m2_cephx_authz_client(&ta->inner, &ta->st);
	tc->authz = ta;
	a = &tc->auths[tc->cfg.n_auths++];
	*a = ta->inner;
	a->arg = ta;
	a->request = ta_request;
	a->more = ta_more;
	a->done = ta_done;
	return 0;
}

/* see tool_common.h */
int
tool_client_replay_authz(struct tool_client *tc)
{
	struct tool_authz *ta = tc->authz;
	m2_err e;

	if (ta == NULL || ta->sent_len[0] == 0 || ta->sent_len[1] == 0) {
		fprintf(stderr, "m2client: no authorizer exchange to "
		    "replay\n");
		return 2;
	}
	m2_conn_free(&tc->c);
	m2_conn_init(&tc->c);
	ta->replay = 1;
	e = m2_client_connect(&tc->c, &tc->cfg, &tc->target);
	if (e == M2_OK) {
		fprintf(stderr, "m2client: the replayed authorizer was "
		    "ACCEPTED\n");
		return 1;
	}
	fprintf(stderr, "replayed authorizer refused: %s [%s]\n",
	    tc->c.why, m2_err_name(e));
	return e == M2_E_PEER ? 0 : 1;
}

/* see tool_common.h */
int
tool_cephx_client(struct tool_client *tc)
{
	struct tool_opts *o = tc->o;
	struct m2_cephx_client *cx;
	struct m2_client_auth *a;

	if (!o->have_key) {
		fprintf(stderr, "cephx: no key for %s (give -k KEYRING, "
		    "--key BASE64, or keyring in the config)\n", o->name);
		return o->n_methods > 1 ? 0 : -1;
	}
	if (o->authorizer || o->en.type == M2_ENTITY_TYPE_MON)
		return authz_client(tc);
	if ((cx = calloc(1, sizeof(*cx))) == NULL)
		return -1;
	if (m2_cephx_client_init(cx, o->name, o->key,
	    M2_ENTITY_TYPE_MON | M2_ENTITY_TYPE_OSD | M2_ENTITY_TYPE_MGR) !=
	    M2_OK) {
		fprintf(stderr, "cephx: bad entity name %s\n", o->name);
		free(cx);
		return -1;
	}
	tc->cephx = cx;
	a = &tc->auths[tc->cfg.n_auths++];
	memset(a, 0, sizeof(*a));
	a->method = M2_AUTH_CEPHX;
	a->arg = cx;
	a->request = cx_request;
	a->more = cx_more;
	a->done = cx_done;
	return 0;
}

/* see tool_common.h */
void
tool_cephx_client_free(struct tool_client *tc)
{
	if (tc->cephx != NULL) {
		m2_cephx_client_wipe(tc->cephx);
		free(tc->cephx);
		tc->cephx = NULL;
	}
	if (tc->authz != NULL) {
		m2_cephx_wipe(tc->authz, sizeof(struct tool_authz));
		free(tc->authz);
		tc->authz = NULL;
	}
}

