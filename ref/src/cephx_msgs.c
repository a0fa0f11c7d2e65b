/* SPDX-License-Identifier: MIT */
/*
 * cephx payload codecs: the AUTH_REQUEST payload to a monitor, CryptoKey,
 * the challenges, CephXTicketBlob, the authorizer, the request and reply
 * of the mon exchange, and the decrypted structs.  SPEC-NOTES §7.
 */
#include "internal.h"

/* A ciphertext: a non-zero multiple of the AES block (Crypto.cc). */
static int
is_ciphertext(struct m2_span s)
{
	return s.len >= M2_CEPHX_BLOCK && s.len % M2_CEPHX_BLOCK == 0;
}

/* le32 n, n bytes, n <= max: a bufferlist or string. */
static m2_err
lp_span(struct m2_cur *c, uint32_t max, struct m2_span *s, struct m2_diag *d,
    const char *field)
{
	uint32_t	len;
	m2_err		e;

	if ((e = m2_cur_count(c, max, 1, &len)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), field);
	if (!m2_cur_span(c, len, s))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), field);
	return M2_OK;
}

/* A ciphertext bufferlist: lp_span and is_ciphertext. */
static m2_err
lp_cipher(struct m2_cur *c, struct m2_span *s, struct m2_diag *d,
    const char *field)
{
	size_t	at = m2_cur_off(c);
	m2_err	e;

	if ((e = lp_span(c, M2_MAX_AUTH_PAYLOAD, s, d, field)) != M2_OK)
		return e;
	if (!is_ciphertext(*s))
		return m2_diag_at(d, M2_E_BADVAL, at, field);
	return M2_OK;
}

static m2_err
end(struct m2_cur *c, struct m2_diag *d, const char *field)
{
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), field);
	return M2_OK;
}

/* A short read: M2_E_TRUNC where the cursor stopped. */
static m2_err
short_read(const struct m2_cur *c, struct m2_diag *d, const char *field)
{
	return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), field);
}

/* EntityName: le32 type, le32 n, n bytes id.  entity_name.h */
static m2_err
entity_name(struct m2_cur *c, uint32_t *type, struct m2_span *id,
    struct m2_diag *d, const char *ftype, const char *fid)
{
	if (!m2_cur_le32(c, type))
		return short_read(c, d, ftype);
	return lp_span(c, M2_CEPHX_MAX_ENTITY_ID, id, d, fid);
}

/* ------------------------------------------------------------------ */
/* auth_mon_request                                                    */
/* ------------------------------------------------------------------ */

/*
 * AUTH_REQUEST payload to a monitor.  SPEC §7.2 · ceph MonClient.cc
 * MonConnection::get_auth_request, Monitor::handle_auth_request (mode
 * 10..19 else -EACCES) · AuthNoneProtocol.h AuthNoneAuthorizer (mode 1) ·
 * kernel auth.c ceph_auth_get_request
 *   u8 mode | le32 type | le32 n, n x u8 id | le64 global_id
 */
m2_err
m2_auth_mon_request_parse(struct m2_cur *c, struct m2_auth_mon_request *out,
    struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->mode))
		return short_read(c, d, "auth_mon_request.mode");
	if (out->mode != M2_AUTH_MODE_AUTHORIZER &&
	    (out->mode < M2_AUTH_MODE_MON || out->mode > M2_AUTH_MODE_MON_MAX))
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c) - 1,
		    "auth_mon_request.mode");
	if ((e = entity_name(c, &out->entity_type, &out->entity_id, d,
	    "auth_mon_request.entity_type", "auth_mon_request.entity_id")) !=
	    M2_OK)
		return e;
	if (!m2_cur_le64(c, &out->global_id))
		return short_read(c, d, "auth_mon_request.global_id");
	return end(c, d, "auth_mon_request");
}

/* see m2/cephx.h */
void
m2_auth_mon_request_build(struct m2_buf *b,
    const struct m2_auth_mon_request *in)
{
	size_t	start = b->len;

	m2_buf_u8(b, in->mode);
	m2_buf_le32(b, in->entity_type);
	m2_buf_lp32(b, in->entity_id);
	m2_buf_le64(b, in->global_id);
	assert(b->overflow || b->len - start == m2_auth_mon_request_size(in));
	(void)start;
}

/* see m2/cephx.h */
size_t
m2_auth_mon_request_size(const struct m2_auth_mon_request *in)
{
	return 1 + 4 + 4 + in->entity_id.len + 8;
}

/* see m2/cephx.h */
size_t
m2_auth_mon_request_dump(const struct m2_auth_mon_request *in, char *s,
    size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "mode=%u entity_type=%u entity_id=",
	    (unsigned)in->mode, (unsigned)in->entity_type);
	at = m2_fmt_hex(s, n, at, in->entity_id.p, in->entity_id.len);
	return m2_fmt(s, n, at, " global_id=%llu",
	    (unsigned long long)in->global_id);
}

M2_CODEC_ROW(auth_mon_request, struct m2_auth_mon_request, 0, 0);

/* ------------------------------------------------------------------ */
/* crypto_key                                                          */
/* ------------------------------------------------------------------ */

/*
 * CryptoKey.  SPEC §7.1 · ceph Crypto.cc CryptoKey::encode/decode,
 * _set_secret · kernel crypto.c ceph_crypto_key_decode
 *   le16 type | le32 created.sec | le32 created.nsec | le16 n | n x u8
 * Accepted as _set_secret accepts: n == 0 with any type (no handler), type
 * NONE (0) with any secret, type AES (1) with n >= 16 (validate_secret);
 * other types with a secret are "Invalid key" (malformed_input).
 */
static m2_err
crypto_key(struct m2_cur *c, struct m2_crypto_key *out, struct m2_diag *d)
{
	uint16_t	len;
	size_t		at = m2_cur_off(c);

	if (!m2_cur_le16(c, &out->type))
		return short_read(c, d, "crypto_key.type");
	if (!m2_cur_le32(c, &out->created_sec))
		return short_read(c, d, "crypto_key.created");
	if (!m2_cur_le32(c, &out->created_nsec))
		return short_read(c, d, "crypto_key.created");
	if (!m2_cur_le16(c, &len))
		return short_read(c, d, "crypto_key.len");
	if (!m2_cur_span(c, len, &out->secret))
		return short_read(c, d, "crypto_key.secret");
	if (len != 0 && out->type != M2_CRYPTO_NONE &&
	    (out->type != M2_CRYPTO_AES || len < M2_CEPHX_KEY_LEN))
		return m2_diag_at(d, M2_E_BADVAL, at, "crypto_key.type");
	return M2_OK;
}

static void
crypto_key_build(struct m2_buf *b, const struct m2_crypto_key *in)
{
	m2_buf_le16(b, in->type);
	m2_buf_le32(b, in->created_sec);
	m2_buf_le32(b, in->created_nsec);
	m2_buf_le16(b, (uint16_t)in->secret.len);
	m2_buf_bytes(b, in->secret.p, in->secret.len);
}

static size_t
crypto_key_dump(const struct m2_crypto_key *in, char *s, size_t n,
    size_t at)
{
	at = m2_fmt(s, n, at, "type=%u created_sec=%u created_nsec=%u secret=",
	    (unsigned)in->type, (unsigned)in->created_sec,
	    (unsigned)in->created_nsec);
	return m2_fmt_hex(s, n, at, in->secret.p, in->secret.len);
}

/* see m2/cephx.h */
m2_err
m2_crypto_key_parse(struct m2_cur *c, struct m2_crypto_key *out,
    struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if ((e = crypto_key(c, out, d)) != M2_OK)
		return e;
	return end(c, d, "crypto_key");
}

/* see m2/cephx.h */
void
m2_crypto_key_build(struct m2_buf *b, const struct m2_crypto_key *in)
{
	size_t	start = b->len;

	assert(in->secret.len <= 0xffff);
	crypto_key_build(b, in);
	assert(b->overflow || b->len - start == m2_crypto_key_size(in));
	(void)start;
}

/* see m2/cephx.h */
size_t
m2_crypto_key_size(const struct m2_crypto_key *in)
{
	return 2 + 8 + 2 + in->secret.len;
}

/* see m2/cephx.h */
size_t
m2_crypto_key_dump(const struct m2_crypto_key *in, char *s, size_t n)
{
	return crypto_key_dump(in, s, n, 0);
}

M2_CODEC_ROW(crypto_key, struct m2_crypto_key, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_server_challenge, cephx_authorize_challenge                   */
/* ------------------------------------------------------------------ */

/*
 * CephXServerChallenge (the AUTH_REPLY_MORE payload of the mon exchange)
 * and CephXAuthorizeChallenge (decrypted).  SPEC §7.2-7.3 · ceph
 * CephxProtocol.h · kernel auth_x.c handle_auth_session_key (server
 * challenge), decrypt_authorizer_challenge
 *   u8 struct_v (ignored) | le64 challenge
 */
static m2_err
challenge_parse(struct m2_cur *c, struct m2_cephx_challenge *out,
    struct m2_diag *d, const char *fv, const char *fc, const char *fend)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, fv);
	if (!m2_cur_le64(c, &out->challenge))
		return short_read(c, d, fc);
	return end(c, d, fend);
}

static void
challenge_build(struct m2_buf *b, const struct m2_cephx_challenge *in)
{
	m2_buf_u8(b, in->v);
	m2_buf_le64(b, in->challenge);
}

static size_t
challenge_dump(const struct m2_cephx_challenge *in, char *s, size_t n)
{
	return m2_fmt(s, n, 0, "v=%u challenge=0x%llx", (unsigned)in->v,
	    (unsigned long long)in->challenge);
}

/* see m2/cephx.h */
m2_err
m2_cephx_server_challenge_parse(struct m2_cur *c,
    struct m2_cephx_challenge *out, struct m2_diag *d)
{
	return challenge_parse(c, out, d, "cephx_server_challenge.v",
	    "cephx_server_challenge.challenge", "cephx_server_challenge");
}

/* see m2/cephx.h */
void
m2_cephx_server_challenge_build(struct m2_buf *b,
    const struct m2_cephx_challenge *in)
{
	challenge_build(b, in);
}

/* see m2/cephx.h */
size_t
m2_cephx_server_challenge_size(const struct m2_cephx_challenge *in)
{
	(void)in;
	return 9;
}

/* see m2/cephx.h */
size_t
m2_cephx_server_challenge_dump(const struct m2_cephx_challenge *in, char *s,
    size_t n)
{
	return challenge_dump(in, s, n);
}

M2_CODEC_ROW(cephx_server_challenge, struct m2_cephx_challenge, 1, 0);

/* see m2/cephx.h */
m2_err
m2_cephx_authorize_challenge_parse(struct m2_cur *c,
    struct m2_cephx_challenge *out, struct m2_diag *d)
{
	return challenge_parse(c, out, d, "cephx_authorize_challenge.v",
	    "cephx_authorize_challenge.challenge",
	    "cephx_authorize_challenge");
}

/* see m2/cephx.h */
void
m2_cephx_authorize_challenge_build(struct m2_buf *b,
    const struct m2_cephx_challenge *in)
{
	challenge_build(b, in);
}

/* see m2/cephx.h */
size_t
m2_cephx_authorize_challenge_size(const struct m2_cephx_challenge *in)
{
	(void)in;
	return 9;
}

/* see m2/cephx.h */
size_t
m2_cephx_authorize_challenge_dump(const struct m2_cephx_challenge *in,
    char *s, size_t n)
{
	return challenge_dump(in, s, n);
}

M2_CODEC_ROW(cephx_authorize_challenge, struct m2_cephx_challenge, 1, 0);

/* ------------------------------------------------------------------ */
/* cephx_ticket_blob                                                   */
/* ------------------------------------------------------------------ */

/*
 * CephXTicketBlob.  ceph CephxProtocol.h · kernel auth_x.c
 * ceph_x_proc_ticket_reply (reads it), ceph_x_encode_ticket... (writes)
 *   u8 struct_v | le64 secret_id | le32 n, n x u8 blob
 */
static m2_err
ticket_blob(struct m2_cur *c, struct m2_cephx_ticket_blob *out,
    struct m2_diag *d)
{
	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "ticket_blob.v");
	if (!m2_cur_le64(c, &out->secret_id))
		return short_read(c, d, "ticket_blob.secret_id");
	return lp_span(c, M2_CEPHX_MAX_TICKET_BLOB, &out->blob, d,
	    "ticket_blob.blob");
}

static void
ticket_blob_build(struct m2_buf *b, const struct m2_cephx_ticket_blob *in)
{
	m2_buf_u8(b, in->v);
	m2_buf_le64(b, in->secret_id);
	m2_buf_lp32(b, in->blob);
}

static size_t
ticket_blob_size(const struct m2_cephx_ticket_blob *in)
{
	return 1 + 8 + 4 + in->blob.len;
}

static size_t
ticket_blob_dump(const struct m2_cephx_ticket_blob *in, char *s, size_t n,
    size_t at)
{
	at = m2_fmt(s, n, at, "v=%u secret_id=%llu blob=", (unsigned)in->v,
	    (unsigned long long)in->secret_id);
	return m2_fmt_hex(s, n, at, in->blob.p, in->blob.len);
}

/* see m2/cephx.h */
m2_err
m2_cephx_ticket_blob_parse(struct m2_cur *c,
    struct m2_cephx_ticket_blob *out, struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if ((e = ticket_blob(c, out, d)) != M2_OK)
		return e;
	return end(c, d, "ticket_blob");
}

/* see m2/cephx.h */
void
m2_cephx_ticket_blob_build(struct m2_buf *b,
    const struct m2_cephx_ticket_blob *in)
{
	ticket_blob_build(b, in);
}

/* see m2/cephx.h */
size_t
m2_cephx_ticket_blob_size(const struct m2_cephx_ticket_blob *in)
{
	return ticket_blob_size(in);
}

/* see m2/cephx.h */
size_t
m2_cephx_ticket_blob_dump(const struct m2_cephx_ticket_blob *in, char *s,
    size_t n)
{
	return ticket_blob_dump(in, s, n, 0);
}

M2_CODEC_ROW(cephx_ticket_blob, struct m2_cephx_ticket_blob, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_authorizer                                                    */
/* ------------------------------------------------------------------ */

/*
 * The cephx authorizer.  SPEC §7.3 · ceph CephxProtocol.cc
 * CephXTicketHandler::build_authorizer, cephx_verify_authorizer · kernel
 * auth_x.c ceph_x_build_authorizer (struct ceph_x_authorize_a)
 *   u8 authorizer_v | le64 global_id | le32 service_id | CephXTicketBlob |
 *   le32 n, n x u8 encrypted CephXAuthorize
 */
static m2_err
authorizer(struct m2_cur *c, struct m2_cephx_authorizer *out,
    struct m2_diag *d)
{
	m2_err	e;

	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "authorizer.v");
	if (!m2_cur_le64(c, &out->global_id))
		return short_read(c, d, "authorizer.global_id");
	if (!m2_cur_le32(c, &out->service_id))
		return short_read(c, d, "authorizer.service_id");
	if ((e = ticket_blob(c, &out->ticket, d)) != M2_OK)
		return e;
	return lp_cipher(c, &out->enc_authorize, d, "authorizer.authorize");
}

static void
authorizer_build(struct m2_buf *b, const struct m2_cephx_authorizer *in)
{
	m2_buf_u8(b, in->v);
	m2_buf_le64(b, in->global_id);
	m2_buf_le32(b, in->service_id);
	ticket_blob_build(b, &in->ticket);
	m2_buf_lp32(b, in->enc_authorize);
}

static size_t
authorizer_size(const struct m2_cephx_authorizer *in)
{
	return 1 + 8 + 4 + ticket_blob_size(&in->ticket) + 4 +
	    in->enc_authorize.len;
}

static size_t
authorizer_dump(const struct m2_cephx_authorizer *in, char *s, size_t n,
    size_t at)
{
	at = m2_fmt(s, n, at, "v=%u global_id=%llu service_id=%u ticket={",
	    (unsigned)in->v, (unsigned long long)in->global_id,
	    (unsigned)in->service_id);
	at = ticket_blob_dump(&in->ticket, s, n, at);
	at = m2_fmt(s, n, at, "} enc_authorize=");
	return m2_fmt_hex(s, n, at, in->enc_authorize.p,
	    in->enc_authorize.len);
}

/* see m2/cephx.h */
m2_err
m2_cephx_authorizer_parse(struct m2_cur *c, struct m2_cephx_authorizer *out,
    struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if ((e = authorizer(c, out, d)) != M2_OK)
		return e;
	return end(c, d, "authorizer");
}

/* see m2/cephx.h */
void
m2_cephx_authorizer_build(struct m2_buf *b,
    const struct m2_cephx_authorizer *in)
{
	authorizer_build(b, in);
}

/* see m2/cephx.h */
size_t
m2_cephx_authorizer_size(const struct m2_cephx_authorizer *in)
{
	return authorizer_size(in);
}

/* see m2/cephx.h */
size_t
m2_cephx_authorizer_dump(const struct m2_cephx_authorizer *in, char *s,
    size_t n)
{
	return authorizer_dump(in, s, n, 0);
}

M2_CODEC_ROW(cephx_authorizer, struct m2_cephx_authorizer, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_request                                                       */
/* ------------------------------------------------------------------ */

/*
 * The cephx request (AUTH_REQUEST_MORE payload; MAuth body).  SPEC §7.2 ·
 * ceph CephxClientHandler::build_request, CephxServiceHandler::
 * handle_request, CephXAuthenticate::decode (other_keys if v >= 2) ·
 * kernel auth_x.c ceph_x_build_request (sends v2... v3 since 5.13)
 *   le16 type
 *   0x0100: u8 v | le64 client_challenge | le64 key | CephXTicketBlob |
 *           [v >= 2] le32 other_keys
 *   0x0200: authorizer | u8 v | le32 keys
 *   0x0400: (nothing)
 */
m2_err
m2_cephx_request_parse(struct m2_cur *c, struct m2_cephx_request *out,
    struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_le16(c, &out->type))
		return short_read(c, d, "cephx_request.type");
	switch (out->type) {
	case M2_CEPHX_GET_AUTH_SESSION_KEY:
		if (!m2_cur_u8(c, &out->v))
			return short_read(c, d, "cephx_request.v");
		if (!m2_cur_le64(c, &out->client_challenge))
			return short_read(c, d,
			    "cephx_request.client_challenge");
		if (!m2_cur_le64(c, &out->key))
			return short_read(c, d, "cephx_request.key");
		if ((e = ticket_blob(c, &out->old_ticket, d)) != M2_OK)
			return e;
		if (out->v >= 2 && !m2_cur_le32(c, &out->other_keys))
			return short_read(c, d, "cephx_request.other_keys");
		break;
	case M2_CEPHX_GET_PRINCIPAL_SESSION_KEY:
		if ((e = authorizer(c, &out->authorizer, d)) != M2_OK)
			return e;
		if (!m2_cur_u8(c, &out->keys_v))
			return short_read(c, d, "cephx_request.keys_v");
		if (!m2_cur_le32(c, &out->keys))
			return short_read(c, d, "cephx_request.keys");
		break;
	case M2_CEPHX_GET_ROTATING_KEY:
		break;
	default:
		return m2_diag_at(d, M2_E_BADVAL, m2_cur_off(c) - 2,
		    "cephx_request.type");
	}
	return end(c, d, "cephx_request");
}

/* see m2/cephx.h */
void
m2_cephx_request_build(struct m2_buf *b, const struct m2_cephx_request *in)
{
	size_t	start = b->len;

	m2_buf_le16(b, in->type);
	if (in->type == M2_CEPHX_GET_AUTH_SESSION_KEY) {
		m2_buf_u8(b, in->v);
		m2_buf_le64(b, in->client_challenge);
		m2_buf_le64(b, in->key);
		ticket_blob_build(b, &in->old_ticket);
		if (in->v >= 2)
			m2_buf_le32(b, in->other_keys);
	} else if (in->type == M2_CEPHX_GET_PRINCIPAL_SESSION_KEY) {
		authorizer_build(b, &in->authorizer);
		m2_buf_u8(b, in->keys_v);
		m2_buf_le32(b, in->keys);
	}
	assert(b->overflow || b->len - start == m2_cephx_request_size(in));
	(void)start;
}

/* see m2/cephx.h */
size_t
m2_cephx_request_size(const struct m2_cephx_request *in)
{
	if (in->type == M2_CEPHX_GET_AUTH_SESSION_KEY)
		return 2 + 1 + 8 + 8 + ticket_blob_size(&in->old_ticket) +
		    (in->v >= 2 ? 4 : 0);
	if (in->type == M2_CEPHX_GET_PRINCIPAL_SESSION_KEY)
		return 2 + authorizer_size(&in->authorizer) + 1 + 4;
	return 2;
}

/* see m2/cephx.h */
size_t
m2_cephx_request_dump(const struct m2_cephx_request *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "type=0x%x", (unsigned)in->type);
	if (in->type == M2_CEPHX_GET_AUTH_SESSION_KEY) {
		at = m2_fmt(s, n, at, " v=%u client_challenge=0x%llx "
		    "key=0x%llx old_ticket={", (unsigned)in->v,
		    (unsigned long long)in->client_challenge,
		    (unsigned long long)in->key);
		at = ticket_blob_dump(&in->old_ticket, s, n, at);
		if (in->v >= 2)
			at = m2_fmt(s, n, at, "} other_keys=0x%x",
			    (unsigned)in->other_keys);
		else
			at = m2_fmt(s, n, at, "} other_keys=-");
	} else if (in->type == M2_CEPHX_GET_PRINCIPAL_SESSION_KEY) {
		at = m2_fmt(s, n, at, " authorizer={");
		at = authorizer_dump(&in->authorizer, s, n, at);
		at = m2_fmt(s, n, at, "} keys_v=%u keys=0x%x",
		    (unsigned)in->keys_v, (unsigned)in->keys);
	}
	return at;
}

M2_CODEC_ROW(cephx_request, struct m2_cephx_request, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_reply                                                         */
/* ------------------------------------------------------------------ */

/*
 * service_ticket_reply.  ceph CephxProtocol.cc
 * cephx_build_service_ticket_reply, CephXTicketManager::
 * verify_service_ticket_reply · kernel auth_x.c ceph_x_proc_ticket_reply
 *   u8 v | le32 n | n x { le32 service_id | u8 v | le32 n, n x u8
 *   enc_ticket | u8 ticket_enc | le32 n, n x u8 ticket }
 */
static m2_err
ticket_list(struct m2_cur *c, struct m2_cephx_ticket_list *out,
    struct m2_diag *d)
{
	uint32_t	n;
	m2_err		e;

	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "ticket_list.v");
	if ((e = m2_cur_count(c, M2_CEPHX_MAX_TICKETS, 14, &n)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "ticket_list.count");
	for (uint32_t i = 0; i < n; i++) {
		struct m2_cephx_ticket_entry	*t = &out->e[i];
		size_t				 at;

		if (!m2_cur_le32(c, &t->service_id))
			return short_read(c, d, "ticket_list.service_id");
		if (!m2_cur_u8(c, &t->v))
			return short_read(c, d, "ticket_list.v");
		if ((e = lp_cipher(c, &t->enc_ticket, d,
		    "ticket_list.enc_ticket")) != M2_OK)
			return e;
		if (!m2_cur_u8(c, &t->ticket_enc))
			return short_read(c, d, "ticket_list.ticket_enc");
		at = m2_cur_off(c);
		if ((e = lp_span(c, M2_MAX_AUTH_PAYLOAD, &t->ticket, d,
		    "ticket_list.ticket")) != M2_OK)
			return e;
		if (t->ticket_enc != 0 && !is_ciphertext(t->ticket))
			return m2_diag_at(d, M2_E_BADVAL, at,
			    "ticket_list.ticket");
	}
	out->n = n;
	return M2_OK;
}

static void
ticket_list_build(struct m2_buf *b, const struct m2_cephx_ticket_list *in)
{
	m2_buf_u8(b, in->v);
	m2_buf_le32(b, in->n);
	for (uint32_t i = 0; i < in->n; i++) {
		m2_buf_le32(b, in->e[i].service_id);
		m2_buf_u8(b, in->e[i].v);
		m2_buf_lp32(b, in->e[i].enc_ticket);
		m2_buf_u8(b, in->e[i].ticket_enc);
		m2_buf_lp32(b, in->e[i].ticket);
	}
}

static size_t
ticket_list_size(const struct m2_cephx_ticket_list *in)
{
	size_t	len = 1 + 4;

	for (uint32_t i = 0; i < in->n; i++)
		len += 4 + 1 + 4 + in->e[i].enc_ticket.len + 1 + 4 +
		    in->e[i].ticket.len;
	return len;
}

static size_t
ticket_list_dump(const struct m2_cephx_ticket_list *in, char *s, size_t n,
    size_t at)
{
	at = m2_fmt(s, n, at, "{v=%u [", (unsigned)in->v);
	for (uint32_t i = 0; i < in->n; i++) {
		const struct m2_cephx_ticket_entry	*t = &in->e[i];

		at = m2_fmt(s, n, at, "%s{service_id=%u v=%u enc_ticket=",
		    i ? "," : "", (unsigned)t->service_id, (unsigned)t->v);
		at = m2_fmt_hex(s, n, at, t->enc_ticket.p, t->enc_ticket.len);
		at = m2_fmt(s, n, at, " ticket_enc=%u ticket=",
		    (unsigned)t->ticket_enc);
		at = m2_fmt_hex(s, n, at, t->ticket.p, t->ticket.len);
		at = m2_fmt(s, n, at, "}");
	}
	return m2_fmt(s, n, at, "]}");
}

/*
 * The reply.  SPEC §7.2 · ceph CephxServiceHandler::handle_request,
 * CephxClientHandler::handle_response (reads cbl and extra when bytes
 * remain) · kernel auth_x.c handle_auth_session_key (the same).  AMB:
 * the server sends cbl and extra only when the request's other_keys is
 * not 0; every msgr2 client (Nautilus+, kernel 5.11+) asks for at least
 * AUTH, so m2 requires them: otherwise a valid reply would have a valid
 * strict prefix, and a reply cut there would pass unnoticed.
 *   le16 type | le32 status |
 *   0x0100: service_ticket_reply | le32 n, n x u8 cbl | le32 n, n x u8
 *           extra    cbl = empty | le32 m, m x u8 ciphertext
 *                    extra = empty | service_ticket_reply
 *   0x0200: service_ticket_reply
 *   0x0400: le32 n, n x u8 encrypted RotatingSecrets
 */
m2_err
m2_cephx_reply_parse(struct m2_cur *c, struct m2_cephx_reply *out,
    struct m2_diag *d)
{
	struct m2_cur	sub;
	uint32_t	status;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_le16(c, &out->type))
		return short_read(c, d, "cephx_reply.type");
	if (!m2_cur_le32(c, &status))
		return short_read(c, d, "cephx_reply.status");
	out->status = (int32_t)status;
	switch (out->type) {
	case M2_CEPHX_GET_AUTH_SESSION_KEY:
		if ((e = ticket_list(c, &out->tickets, d)) != M2_OK)
			return e;
		if (!m2_cur_lp32(c, &sub))
			return short_read(c, d, "cephx_reply.cbl");
		if (m2_cur_len(&sub) != 0) {
			if ((e = lp_cipher(&sub, &out->con_secret, d,
			    "cephx_reply.cbl.secret")) != M2_OK)
				return e;
			if ((e = end(&sub, d, "cephx_reply.cbl")) != M2_OK)
				return e;
		}
		if (!m2_cur_lp32(c, &sub))
			return short_read(c, d, "cephx_reply.extra");
		if (m2_cur_len(&sub) != 0) {
			out->has_extra = 1;
			if ((e = ticket_list(&sub, &out->extra, d)) != M2_OK)
				return e;
			if ((e = end(&sub, d, "cephx_reply.extra")) != M2_OK)
				return e;
		}
		break;
	case M2_CEPHX_GET_PRINCIPAL_SESSION_KEY:
		if ((e = ticket_list(c, &out->tickets, d)) != M2_OK)
			return e;
		break;
	case M2_CEPHX_GET_ROTATING_KEY:
		if ((e = lp_cipher(c, &out->rotating, d,
		    "cephx_reply.rotating")) != M2_OK)
			return e;
		break;
	default:
		/* CephxClientHandler::handle_response: ceph_abort() */
		return m2_diag_at(d, M2_E_BADVAL, 0, "cephx_reply.type");
	}
	return end(c, d, "cephx_reply");
}

static size_t
cbl_size(const struct m2_cephx_reply *in)
{
	return in->con_secret.len ? 4 + in->con_secret.len : 0;
}

/* see m2/cephx.h */
void
m2_cephx_reply_build(struct m2_buf *b, const struct m2_cephx_reply *in)
{
	size_t	start = b->len;

	m2_buf_le16(b, in->type);
	m2_buf_le32(b, (uint32_t)in->status);
	if (in->type == M2_CEPHX_GET_ROTATING_KEY) {
		m2_buf_lp32(b, in->rotating);
	} else {
		ticket_list_build(b, &in->tickets);
		if (in->type == M2_CEPHX_GET_AUTH_SESSION_KEY) {
			m2_buf_le32(b, (uint32_t)cbl_size(in));
			if (in->con_secret.len)
				m2_buf_lp32(b, in->con_secret);
			m2_buf_le32(b, in->has_extra ?
			    (uint32_t)ticket_list_size(&in->extra) : 0);
			if (in->has_extra)
				ticket_list_build(b, &in->extra);
		}
	}
	assert(b->overflow || b->len - start == m2_cephx_reply_size(in));
	(void)start;
}

/* see m2/cephx.h */
size_t
m2_cephx_reply_size(const struct m2_cephx_reply *in)
{
	size_t	len = 2 + 4;

	if (in->type == M2_CEPHX_GET_ROTATING_KEY)
		return len + 4 + in->rotating.len;
	len += ticket_list_size(&in->tickets);
	if (in->type == M2_CEPHX_GET_AUTH_SESSION_KEY)
		len += 4 + cbl_size(in) + 4 +
		    (in->has_extra ? ticket_list_size(&in->extra) : 0);
	return len;
}

/* see m2/cephx.h */
size_t
m2_cephx_reply_dump(const struct m2_cephx_reply *in, char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "type=0x%x status=%d", (unsigned)in->type,
	    (int)in->status);
	if (in->type == M2_CEPHX_GET_ROTATING_KEY) {
		at = m2_fmt(s, n, at, " rotating=");
		return m2_fmt_hex(s, n, at, in->rotating.p, in->rotating.len);
	}
	at = m2_fmt(s, n, at, " tickets=");
	at = ticket_list_dump(&in->tickets, s, n, at);
	if (in->type != M2_CEPHX_GET_AUTH_SESSION_KEY)
		return at;
	at = m2_fmt(s, n, at, " con_secret=");
	at = m2_fmt_hex(s, n, at, in->con_secret.p, in->con_secret.len);
	at = m2_fmt(s, n, at, " extra=");
	if (!in->has_extra)
		return m2_fmt(s, n, at, "-");
	return ticket_list_dump(&in->extra, s, n, at);
}

M2_CODEC_ROW(cephx_reply, struct m2_cephx_reply, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_service_ticket                                                */
/* ------------------------------------------------------------------ */

/*
 * CephXServiceTicket, decrypted.  ceph CephxProtocol.h · kernel auth_x.c
 * process_one_ticket (reads u8 v, then the key with
 * ceph_crypto_key_decode, then the validity)
 *   u8 v | CryptoKey session_key | le32 validity.sec | le32 validity.nsec
 */
m2_err
m2_cephx_service_ticket_parse(struct m2_cur *c,
    struct m2_cephx_service_ticket *out, struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "service_ticket.v");
	if ((e = crypto_key(c, &out->session_key, d)) != M2_OK)
		return e;
	if (!m2_cur_le32(c, &out->validity_sec))
		return short_read(c, d, "service_ticket.validity");
	if (!m2_cur_le32(c, &out->validity_nsec))
		return short_read(c, d, "service_ticket.validity");
	return end(c, d, "service_ticket");
}

/* see m2/cephx.h */
void
m2_cephx_service_ticket_build(struct m2_buf *b,
    const struct m2_cephx_service_ticket *in)
{
	size_t	start = b->len;

	m2_buf_u8(b, in->v);
	crypto_key_build(b, &in->session_key);
	m2_buf_le32(b, in->validity_sec);
	m2_buf_le32(b, in->validity_nsec);
	assert(b->overflow ||
	    b->len - start == m2_cephx_service_ticket_size(in));
	(void)start;
}

/* see m2/cephx.h */
size_t
m2_cephx_service_ticket_size(const struct m2_cephx_service_ticket *in)
{
	return 1 + m2_crypto_key_size(&in->session_key) + 8;
}

/* see m2/cephx.h */
size_t
m2_cephx_service_ticket_dump(const struct m2_cephx_service_ticket *in,
    char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "v=%u session_key={", (unsigned)in->v);
	at = crypto_key_dump(&in->session_key, s, n, at);
	return m2_fmt(s, n, at, "} validity_sec=%u validity_nsec=%u",
	    (unsigned)in->validity_sec, (unsigned)in->validity_nsec);
}

M2_CODEC_ROW(cephx_service_ticket, struct m2_cephx_service_ticket, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_ticket_info                                                   */
/* ------------------------------------------------------------------ */

/*
 * CephXServiceTicketInfo, decrypted.  ceph CephxProtocol.h, Auth.h
 * AuthTicket (auid if v >= 2), AuthCapsInfo · kernel: never decrypted
 * there (a client cannot)
 *   u8 v | u8 ticket_v | EntityName | le64 global_id | [ticket_v >= 2]
 *   le64 auid | utime created | utime expires | u8 caps_v | u8 allow_all |
 *   le32 n, n x u8 caps | le32 flags | CryptoKey session_key
 */
m2_err
m2_cephx_ticket_info_parse(struct m2_cur *c,
    struct m2_cephx_ticket_info *out, struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "ticket_info.v");
	if (!m2_cur_u8(c, &out->ticket_v))
		return short_read(c, d, "ticket_info.ticket.v");
	if ((e = entity_name(c, &out->entity_type, &out->entity_id, d,
	    "ticket_info.ticket.name.type", "ticket_info.ticket.name.id")) !=
	    M2_OK)
		return e;
	if (!m2_cur_le64(c, &out->global_id))
		return short_read(c, d, "ticket_info.ticket.global_id");
	if (out->ticket_v >= 2 && !m2_cur_le64(c, &out->auid))
		return short_read(c, d, "ticket_info.ticket.auid");
	if (!m2_cur_le32(c, &out->created_sec))
		return short_read(c, d, "ticket_info.ticket.created");
	if (!m2_cur_le32(c, &out->created_nsec))
		return short_read(c, d, "ticket_info.ticket.created");
	if (!m2_cur_le32(c, &out->expires_sec))
		return short_read(c, d, "ticket_info.ticket.expires");
	if (!m2_cur_le32(c, &out->expires_nsec))
		return short_read(c, d, "ticket_info.ticket.expires");
	if (!m2_cur_u8(c, &out->caps_v))
		return short_read(c, d, "ticket_info.ticket.caps.v");
	if (!m2_cur_u8(c, &out->allow_all))
		return short_read(c, d, "ticket_info.ticket.caps.allow_all");
	if ((e = lp_span(c, M2_CEPHX_MAX_TICKET_BLOB, &out->caps, d,
	    "ticket_info.ticket.caps.caps")) != M2_OK)
		return e;
	if (!m2_cur_le32(c, &out->flags))
		return short_read(c, d, "ticket_info.ticket.flags");
	if ((e = crypto_key(c, &out->session_key, d)) != M2_OK)
		return e;
	return end(c, d, "ticket_info");
}

/* see m2/cephx.h */
void
m2_cephx_ticket_info_build(struct m2_buf *b,
    const struct m2_cephx_ticket_info *in)
{
	size_t	start = b->len;

	m2_buf_u8(b, in->v);
	m2_buf_u8(b, in->ticket_v);
	m2_buf_le32(b, in->entity_type);
	m2_buf_lp32(b, in->entity_id);
	m2_buf_le64(b, in->global_id);
	if (in->ticket_v >= 2)
		m2_buf_le64(b, in->auid);
	m2_buf_le32(b, in->created_sec);
	m2_buf_le32(b, in->created_nsec);
	m2_buf_le32(b, in->expires_sec);
	m2_buf_le32(b, in->expires_nsec);
	m2_buf_u8(b, in->caps_v);
	m2_buf_u8(b, in->allow_all);
	m2_buf_lp32(b, in->caps);
	m2_buf_le32(b, in->flags);
	crypto_key_build(b, &in->session_key);
	assert(b->overflow || b->len - start == m2_cephx_ticket_info_size(in));
	(void)start;
}

/* see m2/cephx.h */
size_t
m2_cephx_ticket_info_size(const struct m2_cephx_ticket_info *in)
{
	return 1 + 1 + 4 + 4 + in->entity_id.len + 8 +
	    (in->ticket_v >= 2 ? 8 : 0) + 16 + 1 + 1 + 4 + in->caps.len + 4 +
	    m2_crypto_key_size(&in->session_key);
}

/* see m2/cephx.h */
size_t
m2_cephx_ticket_info_dump(const struct m2_cephx_ticket_info *in, char *s,
    size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "v=%u ticket_v=%u entity_type=%u entity_id=",
	    (unsigned)in->v, (unsigned)in->ticket_v,
	    (unsigned)in->entity_type);
	at = m2_fmt_hex(s, n, at, in->entity_id.p, in->entity_id.len);
	at = m2_fmt(s, n, at, " global_id=%llu",
	    (unsigned long long)in->global_id);
	if (in->ticket_v >= 2)
		at = m2_fmt(s, n, at, " auid=0x%llx",
		    (unsigned long long)in->auid);
	else
		at = m2_fmt(s, n, at, " auid=-");
	at = m2_fmt(s, n, at, " created_sec=%u created_nsec=%u expires_sec=%u"
	    " expires_nsec=%u caps_v=%u allow_all=%u caps=",
	    (unsigned)in->created_sec, (unsigned)in->created_nsec,
	    (unsigned)in->expires_sec, (unsigned)in->expires_nsec,
	    (unsigned)in->caps_v, (unsigned)in->allow_all);
	at = m2_fmt_hex(s, n, at, in->caps.p, in->caps.len);
	at = m2_fmt(s, n, at, " flags=0x%x session_key={",
	    (unsigned)in->flags);
	at = crypto_key_dump(&in->session_key, s, n, at);
	return m2_fmt(s, n, at, "}");
}

M2_CODEC_ROW(cephx_ticket_info, struct m2_cephx_ticket_info, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_authorize                                                     */
/* ------------------------------------------------------------------ */

/*
 * CephXAuthorize, decrypted.  SPEC §7.3 · ceph CephxProtocol.h (fields
 * after the nonce only if v >= 2) · kernel auth_x.c ceph_x_authorize_b
 *   u8 v | le64 nonce | [v >= 2] u8 have_challenge | le64
 *   server_challenge_plus_one
 */
m2_err
m2_cephx_authorize_parse(struct m2_cur *c, struct m2_cephx_authorize *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "authorize.v");
	if (!m2_cur_le64(c, &out->nonce))
		return short_read(c, d, "authorize.nonce");
	if (out->v >= 2) {
		if (!m2_cur_u8(c, &out->have_challenge))
			return short_read(c, d, "authorize.have_challenge");
		if (!m2_cur_le64(c, &out->server_challenge_plus_one))
			return short_read(c, d,
			    "authorize.server_challenge_plus_one");
	}
	return end(c, d, "authorize");
}

/* see m2/cephx.h */
void
m2_cephx_authorize_build(struct m2_buf *b,
    const struct m2_cephx_authorize *in)
{
	m2_buf_u8(b, in->v);
	m2_buf_le64(b, in->nonce);
	if (in->v >= 2) {
		m2_buf_u8(b, in->have_challenge);
		m2_buf_le64(b, in->server_challenge_plus_one);
	}
}

/* see m2/cephx.h */
size_t
m2_cephx_authorize_size(const struct m2_cephx_authorize *in)
{
	return in->v >= 2 ? 18 : 9;
}

/* see m2/cephx.h */
size_t
m2_cephx_authorize_dump(const struct m2_cephx_authorize *in, char *s,
    size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "v=%u nonce=0x%llx", (unsigned)in->v,
	    (unsigned long long)in->nonce);
	if (in->v < 2)
		return m2_fmt(s, n, at,
		    " have_challenge=- server_challenge_plus_one=-");
	return m2_fmt(s, n, at, " have_challenge=%u "
	    "server_challenge_plus_one=0x%llx", (unsigned)in->have_challenge,
	    (unsigned long long)in->server_challenge_plus_one);
}

M2_CODEC_ROW(cephx_authorize, struct m2_cephx_authorize, 0, 0);

/* ------------------------------------------------------------------ */
/* cephx_authorize_reply                                               */
/* ------------------------------------------------------------------ */

/*
 * CephXAuthorizeReply, decrypted.  SPEC §7.3 · ceph CephxProtocol.h (v 2
 * and a secret only when the secret is not empty) · kernel auth_x.c
 * decrypt_authorizer_reply
 *   u8 v | le64 nonce_plus_one | [v >= 2] le32 n, n x u8 secret
 */
m2_err
m2_cephx_authorize_reply_parse(struct m2_cur *c,
    struct m2_cephx_authorize_reply *out, struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if (!m2_cur_u8(c, &out->v))
		return short_read(c, d, "authorize_reply.v");
	if (!m2_cur_le64(c, &out->nonce_plus_one))
		return short_read(c, d, "authorize_reply.nonce_plus_one");
	if (out->v >= 2 && (e = lp_span(c, M2_CEPHX_MAX_CON_SECRET,
	    &out->connection_secret, d,
	    "authorize_reply.connection_secret")) != M2_OK)
		return e;
	return end(c, d, "authorize_reply");
}

/* see m2/cephx.h */
void
m2_cephx_authorize_reply_build(struct m2_buf *b,
    const struct m2_cephx_authorize_reply *in)
{
	m2_buf_u8(b, in->v);
	m2_buf_le64(b, in->nonce_plus_one);
	if (in->v >= 2)
		m2_buf_lp32(b, in->connection_secret);
}

/* see m2/cephx.h */
size_t
m2_cephx_authorize_reply_size(const struct m2_cephx_authorize_reply *in)
{
	return 9 + (in->v >= 2 ? 4 + in->connection_secret.len : 0);
}

/* see m2/cephx.h */
size_t
m2_cephx_authorize_reply_dump(const struct m2_cephx_authorize_reply *in,
    char *s, size_t n)
{
	size_t	at;

	at = m2_fmt(s, n, 0, "v=%u nonce_plus_one=0x%llx connection_secret=",
	    (unsigned)in->v, (unsigned long long)in->nonce_plus_one);
	if (in->v < 2)
		return m2_fmt(s, n, at, "-");
	return m2_fmt_hex(s, n, at, in->connection_secret.p,
	    in->connection_secret.len);
}

M2_CODEC_ROW(cephx_authorize_reply, struct m2_cephx_authorize_reply, 0, 0);
