/* SPDX-License-Identifier: MIT */
/*
 * The cephx server: a monitor-style session (CephxServiceHandler with
 * KeyServer's tickets) and authorizer verification for a service
 * (cephx_verify_authorizer with a challenge).  SPEC-NOTES §7.2-7.3.
 */
#include <time.h>

#include "internal.h"
#include "cephx_internal.h"

enum { S_INIT, S_CHALLENGED, S_DONE, S_FAILED };

#define DEFAULT_AUTH_TTL	(72u * 3600)	/* auth_mon_ticket_ttl */
#define DEFAULT_SERVICE_TTL	3600u		/* auth_service_ticket_ttl */
#define INFO_MAX		(2 * M2_CEPHX_MAX_ENTITY_ID + \
				    M2_CEPHX_MAX_CAPS + 128)

/* see m2/cephx.h */
m2_err
m2_cephx_keystore_init(struct m2_cephx_keystore *ks)
{
	m2_err	e;

	memset(ks, 0, sizeof(*ks));
	ks->auth_ttl = DEFAULT_AUTH_TTL;
	ks->service_ttl = DEFAULT_SERVICE_TTL;
	for (int i = 0; i < M2_CEPHX_NSERVICES; i++) {
		if ((1u << i) == M2_ENTITY_TYPE_CLIENT)
			continue;	/* clients are not a service */
		ks->rotating[i].secret_id = 2;
		if ((e = m2_cephx_random(ks->rotating[i].key,
		    M2_CEPHX_KEY_LEN)) != M2_OK)
			return e;
	}
	return M2_OK;
}

/* see m2/cephx.h */
m2_err
m2_cephx_keystore_add(struct m2_cephx_keystore *ks, const char *entity,
    const uint8_t secret[M2_CEPHX_KEY_LEN],
    const char *const caps[M2_CEPHX_NSERVICES])
{
	struct m2_cephx_entity	*en;

	if (ks->n_entities >= M2_CEPHX_MAX_ENTITIES)
		return M2_E_LIMIT;
	en = &ks->entities[ks->n_entities];
	memset(en, 0, sizeof(*en));
	if (m2_cephx_parse_entity(entity, &en->type, en->id) != M2_OK)
		return M2_E_USAGE;
	memcpy(en->secret, secret, M2_CEPHX_KEY_LEN);
	for (int i = 0; caps != NULL && i < M2_CEPHX_NSERVICES; i++) {
		if (caps[i] == NULL)
			continue;
		if (strlen(caps[i]) > M2_CEPHX_MAX_CAPS) {
			memset(en, 0, sizeof(*en));
			return M2_E_LIMIT;
		}
		memcpy(en->caps[i], caps[i], strlen(caps[i]) + 1);
	}
	ks->n_entities++;
	return M2_OK;
}

/* see m2/cephx.h */
void
m2_cephx_keystore_wipe(struct m2_cephx_keystore *ks)
{
	m2_cephx_wipe(ks, sizeof(*ks));
}

static const struct m2_cephx_entity *
find_entity(const struct m2_cephx_keystore *ks, uint32_t type,
    const char *id)
{
	for (size_t i = 0; i < ks->n_entities; i++)
		if (ks->entities[i].type == type &&
		    strcmp(ks->entities[i].id, id) == 0)
			return &ks->entities[i];
	return NULL;
}

static uint32_t
now_or(uint32_t now)
{
	return now != 0 ? now : (uint32_t)time(NULL);
}

/*
 * A ticket.  ceph KeyServer::build_session_auth_info,
 * cephx_build_service_ticket_blob; CephXServiceTicketInfo {AuthTicket v2
 * (name, global_id, auid -1, created, expires, caps, flags 0), CryptoKey}
 * encrypted with the service's rotating secret.  The caps: none for AUTH
 * (the parent ticket's) and MON ("mon keys are stored externally. and the
 * caps are blank anyway"); for other services encode(string caps).
 */
static m2_err
issue_with(uint32_t service_id, const struct m2_cephx_rotating *sec,
    uint32_t ttl, uint32_t entity_type, const char *entity_id,
    const char *caps, uint64_t global_id,
    const uint8_t session_key[M2_CEPHX_KEY_LEN], uint32_t now,
    struct m2_cephx_ticket *t)
{
	uint8_t		info[INFO_MAX], capbuf[M2_CEPHX_MAX_CAPS + 4];
	struct m2_buf	b, cb;
	size_t		len, clen;
	m2_err		e;

	if (strlen(entity_id) > M2_CEPHX_MAX_ENTITY_ID)
		return M2_E_LIMIT;
	m2_buf_init(&cb, capbuf, sizeof(capbuf));
	if (caps != NULL && caps[0] != '\0' &&
	    service_id != M2_ENTITY_TYPE_AUTH &&
	    service_id != M2_ENTITY_TYPE_MON)
		m2_buf_lp32(&cb, (struct m2_span){ (const uint8_t *)caps,
		    strlen(caps) });
	if ((e = m2_buf_finish(&cb, &clen)) != M2_OK)
		return e;
	m2_buf_init(&b, info, sizeof(info));
	m2_buf_u8(&b, 1);
	m2_buf_u8(&b, 2);
	m2_buf_le32(&b, entity_type);
	m2_buf_lp32(&b, (struct m2_span){ (const uint8_t *)entity_id,
	    strlen(entity_id) });
	m2_buf_le64(&b, global_id);
	m2_buf_le64(&b, M2_CEPHX_AUID_DEFAULT);
	m2_buf_le32(&b, now);
	m2_buf_le32(&b, 0);
	m2_buf_le32(&b, now + ttl);
	m2_buf_le32(&b, 0);
	m2_buf_u8(&b, 1);
	m2_buf_u8(&b, 0);
	m2_buf_lp32(&b, (struct m2_span){ capbuf, clen });
	m2_buf_le32(&b, 0);
	m2_buf_le16(&b, M2_CRYPTO_AES);
	m2_buf_le32(&b, now);
	m2_buf_le32(&b, 0);
	m2_buf_le16(&b, M2_CEPHX_KEY_LEN);
	m2_buf_bytes(&b, session_key, M2_CEPHX_KEY_LEN);
	if ((e = m2_buf_finish(&b, &len)) != M2_OK)
		return e;
	memset(t, 0, sizeof(*t));
	t->service_id = service_id;
	memcpy(t->session_key, session_key, M2_CEPHX_KEY_LEN);
	t->validity_sec = ttl;
	t->secret_id = sec->secret_id;
	t->ticket_v = 1;
	m2_buf_init(&b, t->blob, sizeof(t->blob));
	e = m2_cephx_encrypt_env(&b, sec->key, info, len);
	m2_cephx_wipe(info, sizeof(info));
	if (e != M2_OK || (e = m2_buf_finish(&b, &t->blob_len)) != M2_OK)
		return e;
	return M2_OK;
}

/* A ticket sealed with the service's current rotating secret. */
static m2_err
issue(const struct m2_cephx_keystore *ks, uint32_t service_id,
    uint32_t entity_type, const char *entity_id, const char *caps,
    uint64_t global_id, const uint8_t session_key[M2_CEPHX_KEY_LEN],
    uint32_t now, struct m2_cephx_ticket *t)
{
	int	slot = m2_cephx_slot(service_id);

	if (slot < 0 || ks->rotating[slot].secret_id == 0)
		return M2_E_NOKEY;
	return issue_with(service_id, &ks->rotating[slot],
	    service_id == M2_ENTITY_TYPE_AUTH ? ks->auth_ttl :
	    ks->service_ttl, entity_type, entity_id, caps, global_id,
	    session_key, now, t);
}

/* see m2/cephx.h */
m2_err
m2_cephx_issue_ticket(const struct m2_cephx_keystore *ks,
    uint32_t service_id, uint32_t entity_type, const char *entity_id,
    uint64_t global_id, const uint8_t session_key[M2_CEPHX_KEY_LEN],
    uint32_t now, struct m2_cephx_ticket *t)
{
	const struct m2_cephx_entity	*en;
	int				 slot = m2_cephx_slot(service_id);

	if (slot < 0)
		return M2_E_USAGE;
	en = find_entity(ks, entity_type, entity_id);
	return issue(ks, service_id, entity_type, entity_id,
	    en != NULL ? en->caps[slot] : NULL, global_id, session_key,
	    now_or(now), t);
}

/*
 * The ticket one monitor makes to talk to another.  ceph Monitor::
 * get_authorizer (16.2.x): AuthTicket name "mon." (type MON, empty id),
 * global_id 0; KeyServer::build_session_auth_info with the "mon." secret
 * from the monitor's keyring and secret_id (uint64_t)-1, ttl
 * auth_service_ticket_ttl; no caps for MON.  The peer's
 * cephx_verify_authorizer sees secret_id -1 and opens the blob with its
 * keyring's secret for the entity named by the authorizer's service_id.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_mon_peer_ticket(const uint8_t mon_secret[M2_CEPHX_KEY_LEN],
    const uint8_t session_key[M2_CEPHX_KEY_LEN], uint32_t now,
    struct m2_cephx_ticket *t)
{
	struct m2_cephx_rotating	sec;
	m2_err				e;

	sec.secret_id = M2_CEPHX_SECRET_ID_GENERAL;
	memcpy(sec.key, mon_secret, M2_CEPHX_KEY_LEN);
	e = issue_with(M2_ENTITY_TYPE_MON, &sec, DEFAULT_SERVICE_TTL,
	    M2_ENTITY_TYPE_MON, "", NULL, 0, session_key, now_or(now), t);
	m2_cephx_wipe(&sec, sizeof(sec));
	return e;
}

/*
 * One entry of service_ticket_reply.  ceph CephxProtocol.cc
 * cephx_build_service_ticket_reply
 *   le32 service_id | u8 1 | encode_encrypt(CephXServiceTicket {u8 1,
 *   CryptoKey, utime validity}, |key|) | u8 ticket_enc | ticket_enc ?
 *   encode_encrypt(bufferlist TicketBlob, |old_key|) : bufferlist TicketBlob
 */
static m2_err
write_entry(struct m2_buf *out, const struct m2_cephx_ticket *t,
    const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *old_key,
    uint32_t now, uint16_t wire_key_len)
{
	uint8_t				 st[32 + M2_CEPHX_MAX_WIRE_KEY];
	uint16_t			 klen = M2_CEPHX_KEY_LEN;
	uint8_t				 tb[M2_CEPHX_MAX_TICKET_BLOB + 32];
	struct m2_cephx_ticket_blob	 blob;
	struct m2_buf			 b;
	size_t				 len, at;
	m2_err				 e;

	m2_buf_le32(out, t->service_id);
	m2_buf_u8(out, 1);
	m2_buf_init(&b, st, sizeof(st));
	m2_buf_u8(&b, 1);
	m2_buf_le16(&b, M2_CRYPTO_AES);
	m2_buf_le32(&b, now);
	m2_buf_le32(&b, 0);
	if (wire_key_len > M2_CEPHX_KEY_LEN &&
	    wire_key_len <= M2_CEPHX_MAX_WIRE_KEY)
		klen = wire_key_len;
	m2_buf_le16(&b, klen);
	m2_buf_bytes(&b, t->session_key, M2_CEPHX_KEY_LEN);
	for (uint16_t i = M2_CEPHX_KEY_LEN; i < klen; i++)
		m2_buf_u8(&b, 0);
	m2_buf_le32(&b, t->validity_sec);
	m2_buf_le32(&b, t->validity_nsec);
	if ((e = m2_buf_finish(&b, &len)) != M2_OK ||
	    (e = m2_cephx_encrypt_env_lp(out, key, st, len)) != M2_OK)
		goto done;
	blob.v = t->ticket_v;
	blob.secret_id = t->secret_id;
	blob.blob.p = t->blob;
	blob.blob.len = t->blob_len;
	m2_buf_u8(out, old_key != NULL);
	if (old_key == NULL) {
		at = m2_buf_lp32_begin(out);
		m2_cephx_ticket_blob_build(out, &blob);
		m2_buf_lp32_end(out, at);
	} else {
		m2_buf_init(&b, tb, sizeof(tb));
		at = m2_buf_lp32_begin(&b);
		m2_cephx_ticket_blob_build(&b, &blob);
		m2_buf_lp32_end(&b, at);
		if ((e = m2_buf_finish(&b, &len)) != M2_OK ||
		    (e = m2_cephx_encrypt_env_lp(out, old_key, tb, len)) !=
		    M2_OK)
			goto done;
	}
	e = M2_OK;
done:
	m2_cephx_wipe(st, sizeof(st));
	return e;
}

static m2_err
random_u64_nonzero(const uint64_t *fixed, uint64_t *out)
{
	m2_err	e;

	if (fixed != NULL) {
		*out = *fixed;
		return M2_OK;
	}
	if ((e = m2_cephx_random(out, sizeof(*out))) != M2_OK)
		return e;
	if (*out == 0)
		*out = 1;	/* generate_random_number(1, max) */
	return M2_OK;
}

/*
 * Start.  SPEC §7.2 · ceph Monitor::handle_auth_request (mode 10..19,
 * EntityName, global_id; a global_id of 0 gets a new one),
 * CephxServiceHandler::do_start_session (a non-zero random challenge)
 *   out: u8 1 | le64 server_challenge
 */
/* see m2/cephx.h */
m2_err
m2_cephx_server_start(struct m2_cephx_server *s,
    const struct m2_cephx_keystore *ks, const uint8_t *in, size_t n,
    uint64_t global_id, struct m2_buf *out, struct m2_diag *d)
{
	struct m2_auth_mon_request	r;
	struct m2_cur			c;
	const uint64_t			*fc = s->fixed_challenge;
	const uint8_t			*fk = s->fixed_session_key;
	const uint8_t			*fs = s->fixed_con_secret;
	uint32_t			 now = s->now;
	uint16_t			 wk = s->wire_key_len;
	m2_err				 e;

	memset(s, 0, sizeof(*s));
	s->wire_key_len = wk;
	s->fixed_challenge = fc;
	s->fixed_session_key = fk;
	s->fixed_con_secret = fs;
	s->now = now;
	s->ks = ks;
	s->state = S_FAILED;
	m2_cur_init(&c, in, n);
	if ((e = m2_auth_mon_request_parse(&c, &r, d)) != M2_OK)
		return e;
	if (r.mode < M2_AUTH_MODE_MON || r.mode > M2_AUTH_MODE_MON_MAX)
		return m2_diag_at(d, M2_E_BADVAL, 0, "auth_mon_request.mode");
	s->entity_type = r.entity_type;
	memcpy(s->entity_id, r.entity_id.p, r.entity_id.len);
	s->entity_id[r.entity_id.len] = '\0';
	if (memchr(r.entity_id.p, '\0', r.entity_id.len) != NULL)
		return m2_diag_at(d, M2_E_BADVAL, 5,
		    "auth_mon_request.entity_id");
	s->reclaim = r.global_id != 0;
	s->global_id = s->reclaim ? r.global_id : global_id;
	if ((e = random_u64_nonzero(fc, &s->server_challenge)) != M2_OK)
		return e;
	m2_buf_u8(out, 1);
	m2_buf_le64(out, s->server_challenge);
	if (out->overflow)
		return M2_E_NOSPC;
	s->state = S_CHALLENGED;
	return M2_OK;
}

/*
 * The old ticket (CVE-2021-20288).  ceph CephxServiceHandler::
 * verify_old_ticket with auth_allow_insecure_global_id_reclaim false: a
 * new global_id must come without a ticket; a reclaimed one needs a valid
 * AUTH ticket for that global_id, and the new ticket is then encrypted
 * with the old ticket's session key.
 */
static m2_err
old_ticket(struct m2_cephx_server *s, const struct m2_cephx_request *req,
    uint8_t old_key[M2_CEPHX_KEY_LEN], int *have_old, struct m2_diag *d)
{
	const struct m2_cephx_rotating	*rot;
	struct m2_cephx_ticket_info	 ti;
	uint8_t				 scratch[M2_CEPHX_MAX_TICKET_BLOB];
	struct m2_span			 body;
	struct m2_cur			 c;
	m2_err				 e;

	*have_old = 0;
	if (!s->reclaim)
		return req->old_ticket.blob.len == 0 ? M2_OK :
		    m2_diag_at(d, M2_E_DENIED, 0, "cephx_request.old_ticket");
	rot = &s->ks->rotating[m2_cephx_slot(M2_ENTITY_TYPE_AUTH)];
	if (req->old_ticket.blob.len == 0 ||
	    req->old_ticket.secret_id != rot->secret_id)
		return m2_diag_at(d, M2_E_DENIED, 0,
		    "cephx_request.old_ticket");
	e = m2_cephx_decrypt_env(rot->key, req->old_ticket.blob.p,
	    req->old_ticket.blob.len, scratch, sizeof(scratch), &body);
	if (e == M2_OK) {
		m2_cur_init(&c, body.p, body.len);
		e = m2_cephx_ticket_info_parse(&c, &ti, NULL);
	}
	if (e != M2_OK || ti.global_id != s->global_id ||
	    ti.session_key.secret.len != M2_CEPHX_KEY_LEN) {
		m2_cephx_wipe(scratch, sizeof(scratch));
		return m2_diag_at(d, M2_E_DENIED, 0,
		    "cephx_request.old_ticket");
	}
	memcpy(old_key, ti.session_key.secret.p, M2_CEPHX_KEY_LEN);
	*have_old = 1;
	m2_cephx_wipe(scratch, sizeof(scratch));
	return M2_OK;
}

/*
 * Finish.  SPEC §7.2 · ceph CephxServiceHandler::handle_request
 * (CEPHX_GET_AUTH_SESSION_KEY)
 *   out: le16 0x0100 | le32 0 | service_ticket_reply {AUTH} |
 *        [other_keys != 0] le32 n, encode_encrypt(string secret,
 *        session key) | le32 n, service_ticket_reply {other_keys but
 *        AUTH, each under the session key}
 */
/* see m2/cephx.h */
m2_err
m2_cephx_server_finish(struct m2_cephx_server *s, const uint8_t *in,
    size_t n, uint32_t con_mode, struct m2_buf *out, struct m2_diag *d)
{
	const struct m2_cephx_entity	*en;
	struct m2_cephx_request		 req;
	struct m2_cephx_ticket		 t;
	struct m2_cur			 c;
	uint8_t				 old_key[M2_CEPHX_KEY_LEN];
	uint8_t				 sec[4 + M2_CEPHX_MAX_CON_SECRET];
	uint8_t				 skey[M2_CEPHX_KEY_LEN];
	uint64_t			 expected;
	uint32_t			 now = now_or(s->now);
	size_t				 at, count_at;
	uint32_t			 count;
	int				 have_old, slot;
	m2_err				 e;

	if (s->state != S_CHALLENGED)
		return M2_E_STATE;
	s->state = S_FAILED;
	m2_cur_init(&c, in, n);
	if ((e = m2_cephx_request_parse(&c, &req, d)) != M2_OK)
		return e;
	if (req.type != M2_CEPHX_GET_AUTH_SESSION_KEY)
		return m2_diag_at(d, M2_E_BADVAL, 0, "cephx_request.type");
	if ((en = find_entity(s->ks, s->entity_type, s->entity_id)) == NULL)
		return m2_diag_at(d, M2_E_NOKEY, 0, "cephx.entity");
	if ((e = m2_cephx_challenge_key(en->secret, s->server_challenge,
	    req.client_challenge, &expected)) != M2_OK)
		return e;
	if (expected != req.key)
		return m2_diag_at(d, M2_E_DENIED, 11, "cephx_request.key");
	if ((e = old_ticket(s, &req, old_key, &have_old, d)) != M2_OK)
		return e;
	if (en->caps[0][0] == '\0')	/* "mon caps null" */
		return m2_diag_at(d, M2_E_NOKEY, 0, "cephx.entity.caps");
	if (s->fixed_session_key != NULL)
		memcpy(s->session_key, s->fixed_session_key, M2_CEPHX_KEY_LEN);
	else if ((e = m2_cephx_random(s->session_key, M2_CEPHX_KEY_LEN)) !=
	    M2_OK)
		return e;
	if ((e = issue(s->ks, M2_ENTITY_TYPE_AUTH, s->entity_type,
	    s->entity_id, NULL, s->global_id, s->session_key, now, &t)) !=
	    M2_OK)
		goto out;
	m2_buf_le16(out, M2_CEPHX_GET_AUTH_SESSION_KEY);
	m2_buf_le32(out, 0);
	m2_buf_u8(out, 1);
	m2_buf_le32(out, 1);
	if ((e = write_entry(out, &t, en->secret, have_old ? old_key : NULL,
	    now, s->wire_key_len)) != M2_OK)
		goto out;
	s->con_secret_len = 0;
	if (req.other_keys != 0) {
		if (con_mode == M2_CON_MODE_SECURE) {
			s->con_secret_len = M2_CEPHX_MAX_CON_SECRET;
			if (s->fixed_con_secret != NULL)
				memcpy(s->con_secret, s->fixed_con_secret,
				    s->con_secret_len);
			else if ((e = m2_cephx_random(s->con_secret,
			    s->con_secret_len)) != M2_OK)
				goto out;
		}
		m2_store_le32(sec, (uint32_t)s->con_secret_len);
		memcpy(sec + 4, s->con_secret, s->con_secret_len);
		at = m2_buf_lp32_begin(out);
		if ((e = m2_cephx_encrypt_env_lp(out, s->session_key, sec,
		    4 + s->con_secret_len)) != M2_OK)
			goto out;
		m2_buf_lp32_end(out, at);
		at = m2_buf_lp32_begin(out);
		m2_buf_u8(out, 1);
		count_at = out->len;
		count = 0;
		m2_buf_le32(out, 0);
		for (uint32_t id = 1; id != 0 && id <= req.other_keys;
		    id <<= 1) {
			if ((req.other_keys & id) == 0 ||
			    id == M2_ENTITY_TYPE_AUTH ||
			    (slot = m2_cephx_slot(id)) < 0 ||
			    s->ks->rotating[slot].secret_id == 0)
				continue;
			if ((e = m2_cephx_random(skey, sizeof(skey))) !=
			    M2_OK || (e = issue(s->ks, id, s->entity_type,
			    s->entity_id, en->caps[slot], s->global_id, skey,
			    now, &t)) != M2_OK ||
			    (e = write_entry(out, &t, s->session_key, NULL,
			    now, 0)) != M2_OK)
				goto out;
			count++;
		}
		if (!out->overflow)
			m2_store_le32(out->p + count_at, count);
		m2_buf_lp32_end(out, at);
	}
	if (out->overflow) {
		e = M2_E_NOSPC;
		goto out;
	}
	s->state = S_DONE;
	e = M2_OK;
out:
	m2_cephx_wipe(old_key, sizeof(old_key));
	m2_cephx_wipe(skey, sizeof(skey));
	m2_cephx_wipe(sec, sizeof(sec));
	m2_cephx_wipe(&t, sizeof(t));
	return e;
}

/* see m2/cephx.h */
void
m2_cephx_server_wipe(struct m2_cephx_server *s)
{
	m2_cephx_wipe(s, sizeof(*s));
}

/* ------------------------------------------------------------------ */
/* Authorizer verification                                             */
/* ------------------------------------------------------------------ */

/* see m2/cephx.h */
void
m2_cephx_verifier_init(struct m2_cephx_verifier *v,
    const struct m2_cephx_keystore *ks, uint32_t service_id)
{
	memset(v, 0, sizeof(*v));
	v->ks = ks;
	v->service_id = service_id;
}

/* see m2/cephx.h */
void
m2_cephx_verifier_wipe(struct m2_cephx_verifier *v)
{
	m2_cephx_wipe(v, sizeof(*v));
}

/*
 * Verify.  SPEC §7.3 · ceph cephx_verify_authorizer,
 * MonClient::handle_auth_request (the first pass always answers with a
 * challenge; a second pass that does not answer it is -EACCES) · kernel
 * (client side only)
 */
/* see m2/cephx.h */
m2_err
m2_cephx_verify_authorizer(struct m2_cephx_verifier *v, const uint8_t *in,
    size_t n, int more, uint32_t con_mode, struct m2_buf *out, int *done,
    struct m2_diag *d)
{
	uint8_t				 scratch[M2_CEPHX_MAX_TICKET_BLOB];
	uint8_t				 small[64], plain[4 + 9 +
					     M2_CEPHX_MAX_CON_SECRET];
	const struct m2_cephx_rotating	*rot;
	struct m2_cephx_rotating	 general;
	struct m2_cephx_authorizer	 a;
	struct m2_cephx_ticket_info	 ti;
	struct m2_cephx_authorize	 au;
	struct m2_span			 body;
	struct m2_cur			 c;
	struct m2_buf			 b;
	size_t				 len;
	int				 slot;
	m2_err				 e;

	*done = 0;
	m2_cur_init(&c, in, n);
	if ((e = m2_cephx_authorizer_parse(&c, &a, d)) != M2_OK)
		return e;
	if (a.service_id != v->service_id ||
	    (slot = m2_cephx_slot(a.service_id)) < 0)
		return m2_diag_at(d, M2_E_DENIED, 9, "authorizer.service_id");
	rot = &v->ks->rotating[slot];
	if (a.ticket.secret_id == M2_CEPHX_SECRET_ID_GENERAL) {
		/* cephx_verify_authorizer: the keyring's secret for the
		 * entity "<service>." (a monitor's "mon." key) */
		const struct m2_cephx_entity *en;

		if ((en = find_entity(v->ks, a.service_id, "")) == NULL)
			return m2_diag_at(d, M2_E_NOKEY, 14,
			    "authorizer.secret_id");
		memcpy(general.key, en->secret, M2_CEPHX_KEY_LEN);
		general.secret_id = M2_CEPHX_SECRET_ID_GENERAL;
		rot = &general;
	} else if (rot->secret_id == 0 || a.ticket.secret_id != rot->secret_id)
		return m2_diag_at(d, M2_E_NOKEY, 14, "authorizer.secret_id");
	if ((e = m2_cephx_decrypt_env(rot->key, a.ticket.blob.p,
	    a.ticket.blob.len, scratch, sizeof(scratch), &body)) != M2_OK)
		goto out_diag;
	m2_cur_init(&c, body.p, body.len);
	if ((e = m2_cephx_ticket_info_parse(&c, &ti, NULL)) != M2_OK)
		goto out_diag;
	if (ti.global_id != a.global_id) {
		e = m2_diag_at(d, M2_E_DENIED, 1, "authorizer.global_id");
		goto out;
	}
	if (ti.session_key.type != M2_CRYPTO_AES ||
	    ti.session_key.secret.len != M2_CEPHX_KEY_LEN) {
		e = m2_diag_at(d, M2_E_BADVAL, 0, "ticket_info.session_key");
		goto out;
	}
	memcpy(v->session_key, ti.session_key.secret.p, M2_CEPHX_KEY_LEN);
	if ((e = m2_cephx_decrypt_env(v->session_key, a.enc_authorize.p,
	    a.enc_authorize.len, small, sizeof(small), &body)) != M2_OK) {
		e = m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e, 0,
		    "authorizer.authorize");
		goto out;
	}
	m2_cur_init(&c, body.p, body.len);
	if ((e = m2_cephx_authorize_parse(&c, &au, d)) != M2_OK)
		goto out;
	if (!more) {
		struct m2_cephx_challenge	ch;

		if ((e = random_u64_nonzero(v->fixed_challenge,
		    &v->server_challenge)) != M2_OK)
			goto out;
		v->have_challenge = 1;
		ch.v = 1;
		ch.challenge = v->server_challenge;
		m2_buf_init(&b, small, sizeof(small));
		m2_cephx_authorize_challenge_build(&b, &ch);
		if ((e = m2_buf_finish(&b, &len)) != M2_OK ||
		    (e = m2_cephx_encrypt_env(out, v->session_key, small,
		    len)) != M2_OK)
			goto out;
		e = out->overflow ? M2_E_NOSPC : M2_OK;
		goto out;
	}
	if (!v->have_challenge || au.v < 2 || au.have_challenge == 0 ||
	    au.server_challenge_plus_one != v->server_challenge + 1) {
		e = m2_diag_at(d, M2_E_DENIED, 0,
		    "authorize.server_challenge_plus_one");
		goto out;
	}
	v->have_challenge = 0;		/* one answer per challenge */
	v->con_secret_len = 0;
	if (con_mode == M2_CON_MODE_SECURE) {
		v->con_secret_len = M2_CEPHX_MAX_CON_SECRET;
		if (v->fixed_con_secret != NULL)
			memcpy(v->con_secret, v->fixed_con_secret,
			    v->con_secret_len);
		else if ((e = m2_cephx_random(v->con_secret,
		    v->con_secret_len)) != M2_OK)
			goto out;
	}
	m2_buf_init(&b, plain, sizeof(plain));
	m2_buf_u8(&b, v->con_secret_len ? 2 : 1);
	m2_buf_le64(&b, au.nonce + 1);
	if (v->con_secret_len)
		m2_buf_lp32(&b, (struct m2_span){ v->con_secret,
		    v->con_secret_len });
	if ((e = m2_buf_finish(&b, &len)) != M2_OK ||
	    (e = m2_cephx_encrypt_env_lp(out, v->session_key, plain, len)) !=
	    M2_OK)
		goto out;
	if (out->overflow) {
		e = M2_E_NOSPC;
		goto out;
	}
	v->entity_type = ti.entity_type;
	memcpy(v->entity_id, ti.entity_id.p, ti.entity_id.len);
	v->entity_id[ti.entity_id.len] = '\0';
	v->global_id = ti.global_id;
	*done = 1;
	e = M2_OK;
	goto out;
out_diag:
	e = m2_diag_at(d, e == M2_E_NOSPC ? M2_E_LIMIT : e, 14,
	    "authorizer.ticket");
out:
	m2_cephx_wipe(&general, sizeof(general));
	m2_cephx_wipe(scratch, sizeof(scratch));
	m2_cephx_wipe(small, sizeof(small));
	m2_cephx_wipe(plain, sizeof(plain));
	return e;
}
