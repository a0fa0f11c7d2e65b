/* SPDX-License-Identifier: MIT */
/*
 * The cephx client: the mon exchange (AUTH_REQUEST, AUTH_REQUEST_MORE,
 * AUTH_DONE) and authorizers for other peers.  Straight-line code over
 * the codecs of cephx_msgs.c.  SPEC-NOTES §7.2-7.3.
 */
#include "internal.h"
#include "cephx_internal.h"

enum { C_INIT, C_SENT, C_PROVED, C_DONE };

/* see cephx_internal.h */
int
m2_cephx_slot(uint32_t service_id)
{
	for (int i = 0; i < M2_CEPHX_NSERVICES; i++)
		if (service_id == (1u << i))
			return i;
	return -1;
}

/* see cephx_internal.h */
m2_err
m2_cephx_parse_entity(const char *entity, uint32_t *type, char *id)
{
	size_t len, dot;

	if (entity == NULL)
		return M2_E_USAGE;
	len = strlen(entity);
	if (!m2_entity_split((const uint8_t *)entity, len, type, &dot) ||
	    len - dot - 1 > M2_CEPHX_MAX_ENTITY_ID)
		return M2_E_USAGE;
	memcpy(id, entity + dot + 1, len - dot);
	return M2_OK;
}

/* see m2/cephx.h */
m2_err
m2_cephx_client_init(struct m2_cephx_client *c, const char *entity,
    const uint8_t secret[M2_CEPHX_KEY_LEN], uint32_t want_keys)
{
	memset(c, 0, sizeof(*c));
	if (m2_cephx_parse_entity(entity, &c->entity_type, c->entity_id) !=
	    M2_OK)
		return M2_E_USAGE;
	memcpy(c->secret, secret, M2_CEPHX_KEY_LEN);
	/* AuthClientHandler::set_want_keys: want = keys | AUTH */
	c->want_keys = want_keys | M2_ENTITY_TYPE_AUTH;
	c->state = C_INIT;
	return M2_OK;
}

/* see m2/cephx.h */
void
m2_cephx_client_wipe(struct m2_cephx_client *c)
{
	m2_cephx_wipe(c, sizeof(*c));
}

/* see m2/cephx.h */
void
m2_cephx_client_set_challenge(struct m2_cephx_client *c,
    uint64_t client_challenge)
{
	c->client_challenge = client_challenge;
	c->fixed_challenge = 1;
}

/*
 * AUTH_REQUEST payload.  SPEC §7.2 · ceph MonConnection::get_auth_request
 * (cephx's build_initial_request adds nothing)
 *   u8 AUTH_MODE_MON | EntityName | le64 global_id
 */
/* see m2/cephx.h */
m2_err
m2_cephx_client_request(struct m2_cephx_client *c, uint64_t global_id,
    struct m2_buf *out)
{
	struct m2_auth_mon_request	r;

	r.mode = M2_AUTH_MODE_MON;
	r.entity_type = c->entity_type;
	r.entity_id.p = (const uint8_t *)c->entity_id;
	r.entity_id.len = strlen(c->entity_id);
	r.global_id = global_id;
	m2_auth_mon_request_build(out, &r);
	c->state = C_SENT;
	return out->overflow ? M2_E_NOSPC : M2_OK;
}

/*
 * AUTH_REQUEST_MORE payload.  SPEC §7.2 · ceph CephxClientHandler::
 * handle_response (starting: the server challenge), build_request
 * (CEPHX_GET_AUTH_SESSION_KEY; other_keys = need, the wanted keys it has
 * not got: all of them on a first exchange)
 *   le16 0x0100 | u8 3 | le64 client_challenge | le64 proof |
 *   CephXTicketBlob old AUTH ticket | le32 other_keys
 */
/* see m2/cephx.h */
m2_err
m2_cephx_client_reply_more(struct m2_cephx_client *c, const uint8_t *in,
    size_t n, struct m2_buf *out, struct m2_diag *d)
{
	struct m2_cephx_challenge	 ch;
	struct m2_cephx_request		 req;
	const struct m2_cephx_ticket	*auth;
	struct m2_cur			 cur;
	m2_err				 e;

	if (c->state != C_SENT)
		return M2_E_STATE;
	m2_cur_init(&cur, in, n);
	if ((e = m2_cephx_server_challenge_parse(&cur, &ch, d)) != M2_OK)
		return e;
	c->server_challenge = ch.challenge;
	if (!c->fixed_challenge &&
	    (e = m2_cephx_random(&c->client_challenge,
	    sizeof(c->client_challenge))) != M2_OK)
		return e;
	c->fixed_challenge = 0;
	memset(&req, 0, sizeof(req));
	req.type = M2_CEPHX_GET_AUTH_SESSION_KEY;
	req.v = 3;
	req.client_challenge = c->client_challenge;
	if ((e = m2_cephx_challenge_key(c->secret, c->server_challenge,
	    c->client_challenge, &req.key)) != M2_OK)
		return e;
	req.old_ticket.v = 1;
	auth = m2_cephx_client_ticket(c, M2_ENTITY_TYPE_AUTH);
	if (auth != NULL) {
		req.old_ticket.v = auth->ticket_v;
		req.old_ticket.secret_id = auth->secret_id;
		req.old_ticket.blob.p = auth->blob;
		req.old_ticket.blob.len = auth->blob_len;
	}
	req.other_keys = c->want_keys;
	m2_cephx_request_build(out, &req);
	c->state = C_PROVED;
	return out->overflow ? M2_E_NOSPC : M2_OK;
}

/* see m2/cephx.h */
const struct m2_cephx_ticket *
m2_cephx_client_ticket(const struct m2_cephx_client *c, uint32_t service_id)
{
	int	i = m2_cephx_slot(service_id);

	if (i < 0 || c->tickets[i].service_id != service_id)
		return NULL;
	return &c->tickets[i];
}

/*
 * Open one ticket entry.  ceph CephXTicketHandler::
 * verify_service_ticket_reply · kernel auth_x.c process_one_ticket
 *   enc_ticket: CephXServiceTicket under |key| (the client secret, or for
 *     extra tickets the new AUTH session key)
 *   ticket: encode(bufferlist TicketBlob), under the slot's previous
 *     session key when ticket_enc is set
 */
static m2_err
open_entry(struct m2_cephx_client *c, const struct m2_cephx_ticket_entry *t,
    const uint8_t key[M2_CEPHX_KEY_LEN], uint8_t *scratch, size_t cap,
    struct m2_diag *d)
{
	struct m2_cephx_service_ticket	 st;
	struct m2_cephx_ticket_blob	 tb;
	struct m2_cephx_ticket		*slot;
	struct m2_span			 body, blob;
	struct m2_cur			 cur, sub;
	uint8_t				 skey[M2_CEPHX_KEY_LEN];
	int				 i;
	m2_err				 e;

	if ((i = m2_cephx_slot(t->service_id)) < 0)
		return m2_diag_at(d, M2_E_BADVAL, 0, "cephx.ticket.service_id");
	slot = &c->tickets[i];
	if ((e = m2_cephx_decrypt_env(key, t->enc_ticket.p, t->enc_ticket.len,
	    scratch, cap, &body)) != M2_OK)
		return m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e, 0,
		    "cephx.ticket.enc_ticket");
	m2_cur_init(&cur, body.p, body.len);
	if ((e = m2_cephx_service_ticket_parse(&cur, &st, d)) != M2_OK)
		return e;
	if (st.session_key.type != M2_CRYPTO_AES ||
	    st.session_key.secret.len != M2_CEPHX_KEY_LEN)
		return m2_diag_at(d, M2_E_BADVAL, 0,
		    "cephx.ticket.session_key");
	memcpy(skey, st.session_key.secret.p, M2_CEPHX_KEY_LEN);

	blob = t->ticket;
	if (t->ticket_enc != 0) {
		if (slot->service_id != t->service_id) {
			m2_cephx_wipe(skey, sizeof(skey));
			return m2_diag_at(d, M2_E_BADVAL, 0,
			    "cephx.ticket.ticket_enc");
		}
		if ((e = m2_cephx_decrypt_env(slot->session_key, t->ticket.p,
		    t->ticket.len, scratch, cap, &body)) != M2_OK) {
			m2_cephx_wipe(skey, sizeof(skey));
			return m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e,
			    0, "cephx.ticket.ticket");
		}
		m2_cur_init(&cur, body.p, body.len);
		if (!m2_cur_lp32(&cur, &sub) || m2_cur_len(&cur) != 0) {
			m2_cephx_wipe(skey, sizeof(skey));
			return m2_diag_at(d, M2_E_TRUNC, 0,
			    "cephx.ticket.ticket");
		}
		blob.p = sub.p;
		blob.len = sub.len;
	}
	m2_cur_init(&cur, blob.p, blob.len);
	if ((e = m2_cephx_ticket_blob_parse(&cur, &tb, d)) != M2_OK) {
		m2_cephx_wipe(skey, sizeof(skey));
		return e;
	}
	slot->service_id = t->service_id;
	memcpy(slot->session_key, skey, M2_CEPHX_KEY_LEN);
	slot->validity_sec = st.validity_sec;
	slot->validity_nsec = st.validity_nsec;
	slot->ticket_v = tb.v;
	slot->secret_id = tb.secret_id;
	memcpy(slot->blob, tb.blob.p, tb.blob.len);	/* <= the cap */
	slot->blob_len = tb.blob.len;
	m2_cephx_wipe(skey, sizeof(skey));
	return M2_OK;
}

static m2_err
open_list(struct m2_cephx_client *c, const struct m2_cephx_ticket_list *l,
    const uint8_t key[M2_CEPHX_KEY_LEN], uint8_t *scratch, size_t cap,
    struct m2_diag *d)
{
	m2_err	e;

	for (uint32_t i = 0; i < l->n; i++)
		if ((e = open_entry(c, &l->e[i], key, scratch, cap, d)) !=
		    M2_OK)
			return e;
	return M2_OK;
}

/*
 * AUTH_DONE payload.  SPEC §7.2 · ceph CephxClientHandler::
 * handle_response (CEPHX_GET_AUTH_SESSION_KEY) · kernel auth_x.c
 * handle_auth_session_key
 *   the ticket list under the client secret; then, if present, cbl =
 *   encode_encrypt(string secret) under the new AUTH session key (so two
 *   length prefixes) and the extra tickets under that key too.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_client_done(struct m2_cephx_client *c, uint64_t global_id,
    const uint8_t *in, size_t n, struct m2_diag *d)
{
	static const size_t	 cap = M2_CEPHX_MAX_TICKET_BLOB + 64;
	uint8_t			 scratch[M2_CEPHX_MAX_TICKET_BLOB + 64];
	struct m2_cephx_reply	 r;
	const struct m2_cephx_ticket *auth;
	struct m2_span		 body;
	struct m2_cur		 cur;
	uint32_t		 len;
	m2_err			 e;

	if (c->state != C_PROVED)
		return M2_E_STATE;
	m2_cur_init(&cur, in, n);
	if ((e = m2_cephx_reply_parse(&cur, &r, d)) != M2_OK)
		return e;
	if (r.type != M2_CEPHX_GET_AUTH_SESSION_KEY || r.status != 0)
		return m2_diag_at(d, M2_E_BADVAL, 0, "cephx_reply.type");
	if ((e = open_list(c, &r.tickets, c->secret, scratch, cap, d)) !=
	    M2_OK)
		goto out;
	if ((auth = m2_cephx_client_ticket(c, M2_ENTITY_TYPE_AUTH)) == NULL) {
		e = m2_diag_at(d, M2_E_BADVAL, 0, "cephx_reply.tickets");
		goto out;
	}
	memcpy(c->session_key, auth->session_key, M2_CEPHX_KEY_LEN);
	c->global_id = global_id;
	c->con_secret_len = 0;
	if (r.con_secret.len != 0) {
		if ((e = m2_cephx_decrypt_env(c->session_key, r.con_secret.p,
		    r.con_secret.len, scratch, cap, &body)) != M2_OK) {
			e = m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e, 0,
			    "cephx_reply.cbl.secret");
			goto out;
		}
		m2_cur_init(&cur, body.p, body.len);
		if ((e = m2_cur_count(&cur, M2_CEPHX_MAX_CON_SECRET, 1,
		    &len)) != M2_OK || m2_cur_len(&cur) != len) {
			e = m2_diag_at(d, e != M2_OK ? e : M2_E_TRAILING, 0,
			    "cephx_reply.cbl.secret");
			goto out;
		}
		memcpy(c->con_secret, cur.p, len);
		c->con_secret_len = len;
	}
	if (r.has_extra &&
	    (e = open_list(c, &r.extra, c->session_key, scratch, cap, d)) !=
	    M2_OK)
		goto out;
	c->state = C_DONE;
	e = M2_OK;
out:
	m2_cephx_wipe(scratch, sizeof(scratch));
	return e;
}

/* ------------------------------------------------------------------ */
/* Authorizers                                                         */
/* ------------------------------------------------------------------ */

/*
 * The authorizer.  SPEC §7.3 · ceph CephXTicketHandler::build_authorizer,
 * CephXAuthorizer::add_challenge · kernel auth_x.c
 * ceph_x_build_authorizer, ceph_x_add_authorizer_challenge
 *   u8 1 | le64 global_id | le32 service_id | CephXTicketBlob |
 *   encode_encrypt(CephXAuthorize {u8 2, nonce, have_challenge,
 *   server_challenge_plus_one}, session key)
 */
static m2_err
authz_write(const struct m2_cephx_authz *a, const struct m2_cephx_ticket *t,
    int have_challenge, uint64_t scp1, struct m2_buf *out)
{
	struct m2_cephx_ticket_blob	tb;
	struct m2_cephx_authorize	au;
	uint8_t				plain[18];
	struct m2_buf			pb;
	size_t				len;
	m2_err				e;

	m2_buf_u8(out, 1);
	m2_buf_le64(out, a->global_id);
	m2_buf_le32(out, a->service_id);
	tb.v = t->ticket_v;
	tb.secret_id = t->secret_id;
	tb.blob.p = t->blob;
	tb.blob.len = t->blob_len;
	m2_cephx_ticket_blob_build(out, &tb);
	au.v = 2;
	au.nonce = a->nonce;
	au.have_challenge = (uint8_t)(have_challenge != 0);
	au.server_challenge_plus_one = scp1;
	m2_buf_init(&pb, plain, sizeof(plain));
	m2_cephx_authorize_build(&pb, &au);
	if ((e = m2_buf_finish(&pb, &len)) != M2_OK)
		return e;
	if ((e = m2_cephx_encrypt_env_lp(out, a->session_key, plain, len)) !=
	    M2_OK)
		return e;
	return out->overflow ? M2_E_NOSPC : M2_OK;
}

/* see m2/cephx.h */
m2_err
m2_cephx_authz_build(struct m2_cephx_authz *a,
    const struct m2_cephx_ticket *t, uint64_t global_id,
    const uint64_t *nonce_in, struct m2_buf *out)
{
	m2_err	e;

	memset(a, 0, sizeof(*a));
	if (t == NULL || m2_cephx_slot(t->service_id) < 0)
		return M2_E_USAGE;
	a->global_id = global_id;
	a->service_id = t->service_id;
	memcpy(a->session_key, t->session_key, M2_CEPHX_KEY_LEN);
	if (nonce_in != NULL)
		a->nonce = *nonce_in;
	else if ((e = m2_cephx_random(&a->nonce, sizeof(a->nonce))) != M2_OK)
		return e;
	return authz_write(a, t, 0, 0, out);
}

/*
 * The challenge.  SPEC §7.3 · ceph CephXAuthorizer::add_challenge: an
 * empty payload means no challenge; otherwise decode_decrypt_enc_bl (no
 * length prefix) of CephXAuthorizeChallenge.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_authz_challenge(struct m2_cephx_authz *a,
    const struct m2_cephx_ticket *t, const uint8_t *in, size_t n,
    struct m2_buf *out, struct m2_diag *d)
{
	uint8_t				scratch[64];
	struct m2_cephx_challenge	ch;
	struct m2_span			body;
	struct m2_cur			cur;
	m2_err				e;

	if (n == 0)
		return authz_write(a, t, 0, 0, out);
	if ((e = m2_cephx_decrypt_env(a->session_key, in, n, scratch,
	    sizeof(scratch), &body)) != M2_OK)
		return m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e, 0,
		    "cephx.authorize_challenge");
	m2_cur_init(&cur, body.p, body.len);
	if ((e = m2_cephx_authorize_challenge_parse(&cur, &ch, d)) != M2_OK)
		return e;
	return authz_write(a, t, 1, ch.challenge + 1, out);
}

/*
 * The reply.  SPEC §7.3 · ceph CephXAuthorizer::verify_reply
 * (decode_decrypt: le32 n | ciphertext; nonce + 1) · kernel auth_x.c
 * ceph_x_verify_authorizer_reply
 */
/* see m2/cephx.h */
m2_err
m2_cephx_authz_reply(struct m2_cephx_authz *a, const uint8_t *in, size_t n,
    struct m2_diag *d)
{
	uint8_t				 scratch[128];
	struct m2_cephx_authorize_reply	 r;
	struct m2_span			 enc, body;
	struct m2_cur			 cur;
	m2_err				 e;

	m2_cur_init(&cur, in, n);
	if (!m2_cur_lp32_span(&cur, &enc))
		return m2_diag_at(d, M2_E_TRUNC, 0, "cephx.authorize_reply");
	if (m2_cur_len(&cur) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(&cur),
		    "cephx.authorize_reply");
	if ((e = m2_cephx_decrypt_env(a->session_key, enc.p, enc.len, scratch,
	    sizeof(scratch), &body)) != M2_OK)
		return m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e, 4,
		    "cephx.authorize_reply");
	m2_cur_init(&cur, body.p, body.len);
	if ((e = m2_cephx_authorize_reply_parse(&cur, &r, d)) != M2_OK)
		goto out;
	if (r.nonce_plus_one != a->nonce + 1) {
		e = m2_diag_at(d, M2_E_DENIED, 0,
		    "cephx.authorize_reply.nonce_plus_one");
		goto out;
	}
	if (r.connection_secret.len != 0)
		memcpy(a->con_secret, r.connection_secret.p,
		    r.connection_secret.len);
	a->con_secret_len = r.connection_secret.len;
	e = M2_OK;
out:
	m2_cephx_wipe(scratch, sizeof(scratch));
	return e;
}
