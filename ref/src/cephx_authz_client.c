/* SPDX-License-Identifier: MIT */
/*
 * The cephx authorizer as a client auth method: the three steps of
 * m2_cephx_authz_* behind struct m2_client_auth.  SPEC-NOTES §7.3 · ceph
 * ProtocolV2 (AUTH_REQUEST with AuthClient::get_auth_request's authorizer
 * for a non-mon peer), CephXAuthorizer::add_challenge, verify_reply.
 */
#include "internal.h"

static m2_err
az_request(void *arg, uint64_t global_id, struct m2_buf *out)
{
	struct m2_cephx_authz_client *st = arg;

	(void)global_id;	/* the ticket's global_id, not the session's */
	return m2_cephx_authz_build(&st->authz, &st->ticket, st->global_id,
	    st->fixed_nonce, out);
}

static m2_err
az_more(void *arg, struct m2_span in, struct m2_buf *out, struct m2_diag *d)
{
	struct m2_cephx_authz_client *st = arg;

	return m2_cephx_authz_challenge(&st->authz, &st->ticket, in.p, in.len,
	    out, d);
}

static m2_err
az_done(void *arg, struct m2_span in, struct m2_auth_result *res,
    struct m2_diag *d)
{
	struct m2_cephx_authz_client *st = arg;
	m2_err e;

	if ((e = m2_cephx_authz_reply(&st->authz, in.p, in.len, d)) != M2_OK)
		return e;
	/*
	 * ProtocolV2 takes the secret only in secure mode; a secure
	 * session without one could not key AES-GCM.
	 */
	if (res->con_mode == M2_CON_MODE_SECURE &&
	    st->authz.con_secret_len != M2_CON_SECRET_LEN)
		return m2_diag_at(d, M2_E_DENIED, 0,
		    "cephx.authorize_reply.connection_secret");
	if (st->authz.con_secret_len > sizeof(res->con_secret))
		return m2_diag_at(d, M2_E_LIMIT, 0,
		    "cephx.authorize_reply.connection_secret");
	st->con_mode = res->con_mode;
	memcpy(res->session_key, st->authz.session_key, M2_CEPHX_KEY_LEN);
	res->session_key_len = M2_CEPHX_KEY_LEN;
	res->con_secret_len = 0;
	if (res->con_mode == M2_CON_MODE_SECURE) {
		memcpy(res->con_secret, st->authz.con_secret,
		    st->authz.con_secret_len);
		res->con_secret_len = st->authz.con_secret_len;
	}
	return M2_OK;
}

/* see m2/conn.h */
void
m2_cephx_authz_client(struct m2_client_auth *a,
    struct m2_cephx_authz_client *st)
{
	memset(a, 0, sizeof(*a));
	a->method = M2_AUTH_CEPHX;
	a->arg = st;
	a->request = az_request;
	a->more = az_more;
	a->done = az_done;
}
