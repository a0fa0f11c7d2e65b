/* SPDX-License-Identifier: MIT */
/*
 * cephx (m2/cephx.h): the envelope's edges; the captured exchanges of
 * vectors/captures/cephx/ replayed through the client (which must
 * reproduce the captured AUTH_REQUEST and AUTH_REQUEST_MORE bytes, open
 * AUTH_DONE and reproduce both AUTH_SIGNATUREs) and the server (which must
 * accept the captured proof); then client against server in-process, crc
 * and secure, with authorizers, a reclaim, and the refusals.  The
 * mon-to-mon authorizers of vectors/captures/authz/ are replayed through
 * the verifier and the client method (m2_cephx_authz_client) likewise.
 */
#include <openssl/evp.h>

#include "t.h"

#define CAPDIR	"vectors/captures/cephx/"
#define BIG	(1u << 20)

static uint8_t	wbuf[BIG], wbuf2[BIG];

/* ------------------------------------------------------------------ */
/* Reading a capture (test code: a tiny, trusting JSON string lookup)  */
/* ------------------------------------------------------------------ */

static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	char	*s;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (s != NULL && fread(s, 1, (size_t)n, fp) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s != NULL)
		s[n] = '\0';
	fclose(fp);
	return s;
}

/* The string value of "key": "...", copied into |out|. */
static int
jstr(const char *doc, const char *key, char *out, size_t cap)
{
	char		 pat[128];
	const char	*p, *q;

	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	if ((p = strstr(doc, pat)) == NULL)
		return 0;
	p += strlen(pat);
	if ((q = strchr(p, '"')) == NULL || (size_t)(q - p) >= cap)
		return 0;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return 1;
}

/* One plain msgr2.1 frame's offsets within a stream. */
struct frame {
	uint8_t		 tag;
	const uint8_t	*seg;
	size_t		 len;
	size_t		 end;
};

/* The banner, then |n| single-segment frames with a crc. */
static int
frames(const uint8_t *s, size_t len, struct frame *f, int n)
{
	size_t	off = 10 + m2_load_le16(s + 8);

	for (int i = 0; i < n; i++) {
		if (off + 32 > len)
			return 0;
		f[i].tag = s[off];
		f[i].len = m2_load_le32(s + off + 2);
		f[i].seg = s + off + 32;
		off += 32 + f[i].len + (f[i].len ? 4 : 0);
		f[i].end = off;
		if (off > len)
			return 0;
	}
	return 1;
}

static void
replay(const char *name, int secure)
{
	static char	 c2s_hex[1 << 16], s2c_hex[1 << 16];
	static uint8_t	 c2s[1 << 15], s2c[1 << 15];
	char		 path[256], b64[128];
	uint8_t		 key[64], sig[32], tmp[128];
	struct frame	 cf[4], sf[4];
	struct m2_cephx_client	cl;
	struct m2_cephx_server	sv;
	struct m2_cephx_keystore ks;
	struct m2_buf	 b;
	size_t		 n1, n2, len, plen;
	char		*doc;
	uint64_t	 cc, sc, gid;
	const char	*caps[M2_CEPHX_NSERVICES] = { "allow *" };

	snprintf(path, sizeof(path), CAPDIR "%s.json", name);
	doc = slurp(path);
	T_CHECK(doc != NULL, "%s: cannot read", path);
	if (doc == NULL)
		return;
	T_CHECK(jstr(doc, "client.admin", b64, sizeof(b64)) &&
	    jstr(doc, "client_to_server", c2s_hex, sizeof(c2s_hex)) &&
	    jstr(doc, "server_to_client", s2c_hex, sizeof(s2c_hex)),
	    "%s: fields", name);
	free(doc);
	/* the keyring holds base64 of a whole CryptoKey: the secret at 12 */
	T_EQ(EVP_DecodeBlock(key, (const uint8_t *)b64, (int)strlen(b64)),
	    30);
	n1 = t_hex(c2s_hex, c2s, sizeof(c2s));
	n2 = t_hex(s2c_hex, s2c, sizeof(s2c));
	T_CHECK(frames(c2s, n1, cf, 3) && frames(s2c, n2, sf, 3),
	    "%s: frames", name);
	T_EQ(cf[1].tag, 2);
	T_EQ(cf[2].tag, 5);
	T_EQ(sf[1].tag, 4);
	T_EQ(sf[2].tag, 6);

	/* AUTH_REQUEST: le32 method, modes, le32 len, payload */
	const uint8_t	*areq = cf[1].seg + 8 + 4 * m2_load_le32(cf[1].seg + 4);
	size_t		 areq_len = m2_load_le32(areq);
	const uint8_t	*rmore = cf[2].seg + 4;
	size_t		 rmore_len = m2_load_le32(cf[2].seg);
	const uint8_t	*chal = sf[1].seg + 4;
	size_t		 chal_len = m2_load_le32(sf[1].seg);
	const uint8_t	*done = sf[2].seg + 16;
	size_t		 done_len = m2_load_le32(sf[2].seg + 12);
	uint32_t	 other_keys = m2_load_le32(rmore + rmore_len - 4);

	gid = m2_load_le64(sf[2].seg);
	sc = m2_load_le64(chal + 1);
	cc = m2_load_le64(rmore + 3);

	/* the client reproduces the captured bytes */
	T_OK(m2_cephx_client_init(&cl, "client.admin", key + 12,
	    other_keys));
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_client_request(&cl, 0, &b));
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == areq_len && memcmp(wbuf, areq + 4, len) == 0,
	    "%s: AUTH_REQUEST payload differs", name);
	m2_cephx_client_set_challenge(&cl, cc);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_client_reply_more(&cl, chal, chal_len, &b, NULL));
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == rmore_len && memcmp(wbuf, rmore, len) == 0,
	    "%s: AUTH_REQUEST_MORE payload differs", name);
	T_OK(m2_cephx_client_done(&cl, gid, done, done_len, NULL));
	T_EQ(cl.global_id, gid);
	T_EQ(cl.con_secret_len, secure ? 64u : 0u);
	T_CHECK(m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_AUTH) != NULL,
	    "AUTH ticket");
	if (other_keys & M2_ENTITY_TYPE_OSD)
		T_CHECK(m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_OSD) !=
		    NULL && m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_MON) !=
		    NULL && m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_MGR) !=
		    NULL, "%s: extra tickets", name);

	/* AUTH_SIGNATURE both ways */
	const uint8_t	*csig = c2s + cf[2].end, *ssig = s2c + sf[2].end;
	uint8_t		 want[32];

	for (int dir = 0; dir < 2; dir++) {
		const uint8_t	*wire = dir == 0 ? csig : ssig;

		T_OK(m2_hmac_sha256(cl.session_key, 16, dir == 0 ? s2c : c2s,
		    dir == 0 ? sf[2].end : cf[2].end, want));
		if (!secure) {
			T_EQ(wire[0], 7);
			memcpy(sig, wire + 32, 32);
		} else {
			struct m2_gcm	g;
			uint8_t		k[16], rx[12], tx[12], tag[16];

			T_OK(m2_secure_keys(cl.con_secret, 64, dir == 0 ?
			    M2_ROLE_SERVER : M2_ROLE_CLIENT, k, rx, tx));
			T_OK(m2_gcm_init(&g, k, rx, 1));
			T_OK(m2_gcm_begin(&g, 0));
			T_OK(m2_gcm_update(&g, tmp, wire, 80));
			memcpy(tag, wire + 80, 16);
			T_OK(m2_gcm_open_final(&g, tag));
			m2_gcm_wipe(&g);
			T_EQ(tmp[0], 7);
			memcpy(sig, tmp + 32, 32);
		}
		T_CHECK(memcmp(sig, want, 32) == 0,
		    "%s: AUTH_SIGNATURE %d does not verify", name, dir);
	}

	/* the server accepts the captured proof */
	T_OK(m2_cephx_keystore_init(&ks));
	T_OK(m2_cephx_keystore_add(&ks, "client.admin", key + 12, caps));
	memset(&sv, 0, sizeof(sv));
	sv.fixed_challenge = &sc;
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_server_start(&sv, &ks, areq + 4, areq_len, gid, &b,
	    NULL));
	T_OK(m2_buf_finish(&b, &plen));
	T_CHECK(plen == chal_len && memcmp(wbuf, chal, plen) == 0,
	    "%s: server challenge differs", name);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_server_finish(&sv, rmore, rmore_len,
	    secure ? M2_CON_MODE_SECURE : M2_CON_MODE_CRC, &b, NULL));
	m2_cephx_server_wipe(&sv);
	m2_cephx_keystore_wipe(&ks);
	m2_cephx_client_wipe(&cl);
}

/*
 * A mon-to-mon authorizer exchange of vectors/captures/authz/ (two real
 * ceph-mon 16.2.15): the verifier, given the "mon." key and the captured
 * challenge (and secret), must answer with the captured AUTH_REPLY_MORE
 * and AUTH_DONE payloads byte for byte; the client method, given the
 * captured ticket and nonce, must send the captured AUTH_REQUEST and
 * AUTH_REQUEST_MORE payloads and accept the captured AUTH_DONE.
 */
static void
replay_authz(const char *name, int secure)
{
	static char	 c2s_hex[1 << 16], s2c_hex[1 << 16];
	static uint8_t	 c2s[1 << 15], s2c[1 << 15];
	static struct m2_cephx_keystore	ks;
	char		 path[256], b64[128];
	uint8_t		 key[64], secret[64];
	struct frame	 cf[3], sf[3];
	struct m2_cephx_verifier	v;
	struct m2_cephx_authz_client	st;
	struct m2_cephx_authorizer	az;
	struct m2_client_auth		a;
	struct m2_auth_result		res;
	struct m2_cur	 c;
	struct m2_buf	 b;
	size_t		 n1, n2, len;
	char		*doc;
	int		 done;
	uint64_t	 chal_v, nonce;
	uint8_t		 plain[64];
	struct m2_span	 body;

	snprintf(path, sizeof(path), "vectors/captures/authz/%s.json", name);
	doc = slurp(path);
	T_CHECK(doc != NULL, "%s: cannot read", path);
	if (doc == NULL)
		return;
	T_CHECK(jstr(doc, "mon.", b64, sizeof(b64)) &&
	    jstr(doc, "client_to_server", c2s_hex, sizeof(c2s_hex)) &&
	    jstr(doc, "server_to_client", s2c_hex, sizeof(s2c_hex)),
	    "%s: fields", name);
	free(doc);
	T_EQ(EVP_DecodeBlock(key, (const uint8_t *)b64, (int)strlen(b64)),
	    30);
	n1 = t_hex(c2s_hex, c2s, sizeof(c2s));
	n2 = t_hex(s2c_hex, s2c, sizeof(s2c));
	T_CHECK(frames(c2s, n1, cf, 3) && frames(s2c, n2, sf, 3),
	    "%s: frames", name);
	T_EQ(cf[1].tag, 2);
	T_EQ(cf[2].tag, 5);
	T_EQ(sf[1].tag, 4);
	T_EQ(sf[2].tag, 6);

	const uint8_t	*areq = cf[1].seg + 8 + 4 * m2_load_le32(cf[1].seg + 4);
	size_t		 areq_len = m2_load_le32(areq);
	const uint8_t	*rmore = cf[2].seg + 4;
	size_t		 rmore_len = m2_load_le32(cf[2].seg);
	const uint8_t	*chal = sf[1].seg + 4;
	size_t		 chal_len = m2_load_le32(sf[1].seg);
	const uint8_t	*dpay = sf[2].seg + 16;
	size_t		 dpay_len = m2_load_le32(sf[2].seg + 12);
	uint32_t	 mode = secure ? M2_CON_MODE_SECURE : M2_CON_MODE_CRC;

	areq += 4;
	T_EQ(m2_load_le64(sf[2].seg), 0u);	/* AUTH_DONE global_id */

	/* the verifier: the mon. key opens the ticket (secret_id -1) */
	T_OK(m2_cephx_keystore_init(&ks));
	T_OK(m2_cephx_keystore_add(&ks, "mon.", key + 12, NULL));
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_MON);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_verify_authorizer(&v, areq, areq_len, 0, mode, &b,
	    &done, NULL));
	T_EQ(done, 0);
	/* the challenge it must issue: the captured one */
	T_OK(m2_cephx_decrypt_env(v.session_key, chal, chal_len, plain,
	    sizeof(plain), &body));
	T_EQ(body.len, 9u);
	chal_v = m2_load_le64(body.p + 1);
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_MON);
	v.fixed_challenge = &chal_v;
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_verify_authorizer(&v, areq, areq_len, 0, mode, &b,
	    &done, NULL));
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == chal_len && memcmp(wbuf, chal, len) == 0,
	    "%s: AUTH_REPLY_MORE differs", name);
	/* the captured reply's secret, so that AUTH_DONE is reproducible */
	{
		uint8_t		 rp[128];
		struct m2_span	 rb;

		T_OK(m2_cephx_decrypt_env(v.session_key, dpay + 4,
		    dpay_len - 4, rp, sizeof(rp), &rb));
		nonce = m2_load_le64(rb.p + 1) - 1;
		T_EQ(rb.p[0], secure ? 2 : 1);
		if (secure) {
			T_EQ(m2_load_le32(rb.p + 9), 64u);
			memcpy(secret, rb.p + 13, 64);
			v.fixed_con_secret = secret;
		}
	}
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_verify_authorizer(&v, rmore, rmore_len, 1, mode, &b,
	    &done, NULL));
	T_EQ(done, 1);
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == dpay_len && memcmp(wbuf, dpay, len) == 0,
	    "%s: AUTH_DONE payload differs", name);
	T_EQ(v.entity_type, M2_ENTITY_TYPE_MON);
	T_EQ(v.entity_id[0], '\0');
	T_EQ(v.global_id, 0u);
	/* a replay of the second pass on a fresh challenge is refused */
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_MON);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_verify_authorizer(&v, areq, areq_len, 0, mode, &b,
	    &done, NULL));
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_ERR(m2_cephx_verify_authorizer(&v, rmore, rmore_len, 1, mode, &b,
	    &done, NULL), M2_E_DENIED);

	/* the client method with the captured ticket and nonce */
	memset(&st, 0, sizeof(st));
	m2_cur_init(&c, areq, areq_len);
	T_OK(m2_cephx_authorizer_parse(&c, &az, NULL));
	st.ticket.service_id = M2_ENTITY_TYPE_MON;
	st.ticket.secret_id = az.ticket.secret_id;
	st.ticket.ticket_v = az.ticket.v;
	T_EQ(az.ticket.secret_id, M2_CEPHX_SECRET_ID_GENERAL);
	memcpy(st.ticket.blob, az.ticket.blob.p, az.ticket.blob.len);
	st.ticket.blob_len = az.ticket.blob.len;
	memcpy(st.ticket.session_key, v.session_key, 16);
	st.global_id = 0;
	st.fixed_nonce = &nonce;
	m2_cephx_authz_client(&a, &st);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(a.request(a.arg, 12345, &b));
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == areq_len && memcmp(wbuf, areq, len) == 0,
	    "%s: AUTH_REQUEST payload differs", name);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(a.more(a.arg, (struct m2_span){ chal, chal_len }, &b, NULL));
	T_OK(m2_buf_finish(&b, &len));
	T_CHECK(len == rmore_len && memcmp(wbuf, rmore, len) == 0,
	    "%s: AUTH_REQUEST_MORE payload differs", name);
	memset(&res, 0, sizeof(res));
	res.con_mode = mode;
	T_OK(a.done(a.arg, (struct m2_span){ dpay, dpay_len }, &res, NULL));
	T_EQ(res.session_key_len, 16u);
	T_EQ(res.con_secret_len, secure ? 64u : 0u);
	/* a secure session needs the secret: a crc reply will not do */
	if (!secure) {
		res.con_mode = M2_CON_MODE_SECURE;
		T_ERR(a.done(a.arg, (struct m2_span){ dpay, dpay_len }, &res,
		    NULL), M2_E_DENIED);
	}
	/* a nonce that is not ours: the reply is refused */
	nonce++;
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(a.request(a.arg, 0, &b));
	res.con_mode = mode;
	T_ERR(a.done(a.arg, (struct m2_span){ dpay, dpay_len }, &res, NULL),
	    M2_E_DENIED);

	/* m2's own mon ticket opens with the same key, as Ceph's would */
	{
		struct m2_cephx_ticket	 t;
		uint8_t			 sk[16] = { 9 };

		T_OK(m2_cephx_mon_peer_ticket(key + 12, sk, 1000, &t));
		T_EQ(t.secret_id, M2_CEPHX_SECRET_ID_GENERAL);
		T_EQ(t.validity_sec, 3600u);
		memset(&st, 0, sizeof(st));
		st.ticket = t;
		m2_cephx_authz_client(&a, &st);
		m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_MON);
		m2_buf_init(&b, wbuf, sizeof(wbuf));
		T_OK(a.request(a.arg, 0, &b));
		T_OK(m2_buf_finish(&b, &len));
		m2_buf_init(&b, wbuf2, sizeof(wbuf2));
		T_OK(m2_cephx_verify_authorizer(&v, wbuf, len, 0, mode, &b,
		    &done, NULL));
		T_OK(m2_buf_finish(&b, &n1));
		m2_buf_init(&b, wbuf, sizeof(wbuf));
		T_OK(a.more(a.arg, (struct m2_span){ wbuf2, n1 }, &b, NULL));
		T_OK(m2_buf_finish(&b, &len));
		m2_buf_init(&b, wbuf2, sizeof(wbuf2));
		T_OK(m2_cephx_verify_authorizer(&v, wbuf, len, 1, mode, &b,
		    &done, NULL));
		T_EQ(done, 1);
		T_OK(m2_buf_finish(&b, &n1));
		res.con_mode = mode;
		T_OK(a.done(a.arg, (struct m2_span){ wbuf2, n1 }, &res,
		    NULL));
		T_EQ(res.con_secret_len, secure ? 64u : 0u);
		T_CHECK(memcmp(res.session_key, sk, 16) == 0, "session key");
	}
	m2_cephx_verifier_wipe(&v);
	m2_cephx_keystore_wipe(&ks);
	m2_cephx_wipe(&st, sizeof(st));
}

/* ------------------------------------------------------------------ */
/* Crypto edges                                                        */
/* ------------------------------------------------------------------ */

static void
t_crypto(void)
{
	static const uint8_t	key[16] = { 1, 2, 3 }, key2[16] = { 2 };
	uint8_t			ct[64], pt[64], buf[64];
	struct m2_span		body;
	struct m2_buf		b;
	size_t			n;

	T_EQ(m2_cephx_enc_len(0), 16u);
	T_EQ(m2_cephx_enc_len(16), 32u);
	T_OK(m2_cephx_encrypt(key, (const uint8_t *)"abc", 3, ct, sizeof(ct),
	    &n));
	T_EQ(n, 16u);
	T_OK(m2_cephx_decrypt(key, ct, n, pt, sizeof(pt), &n));
	T_EQ(n, 3u);
	T_MEM(pt, "abc", 3);
	T_ERR(m2_cephx_decrypt(key, ct, 15, pt, sizeof(pt), &n),
	    M2_E_BADVAL);
	T_ERR(m2_cephx_decrypt(key, ct, 0, pt, sizeof(pt), &n), M2_E_BADVAL);
	/* a last plaintext byte of 0 strips nothing, one of 200 strips 16 */
	memset(buf, 0, 16);
	T_OK(m2_cephx_encrypt(key, buf, 16, ct, sizeof(ct), &n));
	T_OK(m2_cephx_decrypt(key, ct, 16, pt, sizeof(pt), &n));
	T_EQ(n, 16u);
	buf[15] = 200;
	T_OK(m2_cephx_encrypt(key, buf, 16, ct, sizeof(ct), &n));
	T_OK(m2_cephx_decrypt(key, ct, 16, pt, sizeof(pt), &n));
	T_EQ(n, 0u);
	/* the envelope and its magic */
	m2_buf_init(&b, ct, sizeof(ct));
	T_OK(m2_cephx_encrypt_env(&b, key, (const uint8_t *)"hello", 5));
	T_OK(m2_buf_finish(&b, &n));
	T_EQ(n, m2_cephx_env_len(5));
	T_OK(m2_cephx_decrypt_env(key, ct, n, pt, sizeof(pt), &body));
	T_CHECK(body.len == 5 && memcmp(body.p, "hello", 5) == 0, "body");
	ct[0] ^= 1;
	T_ERR(m2_cephx_decrypt_env(key, ct, n, pt, sizeof(pt), &body),
	    M2_E_BADMAGIC);
	ct[0] ^= 1;
	T_ERR(m2_cephx_decrypt_env(key2, ct, n, pt, sizeof(pt), &body),
	    M2_E_BADMAGIC);
	T_ERR(m2_cephx_decrypt_env(key, ct, n, pt, 8, &body), M2_E_NOSPC);
}

/* ------------------------------------------------------------------ */
/* Client against server                                               */
/* ------------------------------------------------------------------ */

static const uint8_t	admin_key[16] = "0123456789abcdef";
static const char *const admin_caps[M2_CEPHX_NSERVICES] = {
	"allow *", "allow *", "allow *", NULL, "allow *", NULL
};

/* A mon exchange; returns the server_finish error. */
static m2_err
mon_exchange(struct m2_cephx_client *cl, struct m2_cephx_server *sv,
    const struct m2_cephx_keystore *ks, uint64_t gid, uint32_t mode)
{
	struct m2_buf	b, b2;
	size_t		len, len2;
	m2_err		e;

	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_client_request(cl, gid, &b));
	T_OK(m2_buf_finish(&b, &len));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	T_OK(m2_cephx_server_start(sv, ks, wbuf, len, 4242, &b2, NULL));
	T_OK(m2_buf_finish(&b2, &len2));
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_client_reply_more(cl, wbuf2, len2, &b, NULL));
	T_OK(m2_buf_finish(&b, &len));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	if ((e = m2_cephx_server_finish(sv, wbuf, len, mode, &b2, NULL)) !=
	    M2_OK)
		return e;
	T_OK(m2_buf_finish(&b2, &len2));
	T_OK(m2_cephx_client_done(cl, sv->global_id, wbuf2, len2, NULL));
	return M2_OK;
}

/* An authorizer exchange; returns the second verify's error. */
static m2_err
authz_exchange(const struct m2_cephx_ticket *t, uint64_t gid,
    struct m2_cephx_verifier *v, uint32_t mode, struct m2_cephx_authz *a,
    uint8_t *second, size_t *second_len)
{
	struct m2_buf	b, b2;
	size_t		len, len2;
	int		done;
	m2_err		e;

	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_authz_build(a, t, gid, NULL, &b));
	T_OK(m2_buf_finish(&b, &len));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	if ((e = m2_cephx_verify_authorizer(v, wbuf, len, 0, mode, &b2, &done,
	    NULL)) != M2_OK)
		return e;
	T_EQ(done, 0);
	T_OK(m2_buf_finish(&b2, &len2));
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_authz_challenge(a, t, wbuf2, len2, &b, NULL));
	T_OK(m2_buf_finish(&b, &len));
	if (second != NULL) {
		memcpy(second, wbuf, len);
		*second_len = len;
	}
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	if ((e = m2_cephx_verify_authorizer(v, wbuf, len, 1, mode, &b2, &done,
	    NULL)) != M2_OK)
		return e;
	T_EQ(done, 1);
	T_OK(m2_buf_finish(&b2, &len2));
	return m2_cephx_authz_reply(a, wbuf2, len2, NULL);
}

static void
t_pair(uint32_t mode)
{
	static struct m2_cephx_keystore	ks, other;
	static struct m2_cephx_client	cl, cl2;
	static struct m2_cephx_server	sv, sv2;
	struct m2_cephx_verifier	v;
	struct m2_cephx_authz		a;
	const struct m2_cephx_ticket	*osd, *mon;
	static uint8_t			second[4096];
	size_t				second_len, len, len2;
	struct m2_buf			b, b2;
	int				done;
	size_t				want_secret = mode ==
					    M2_CON_MODE_SECURE ? 64 : 0;

	T_OK(m2_cephx_keystore_init(&ks));
	T_OK(m2_cephx_keystore_add(&ks, "client.admin", admin_key,
	    admin_caps));
	T_OK(m2_cephx_client_init(&cl, "client.admin", admin_key,
	    M2_ENTITY_TYPE_MON | M2_ENTITY_TYPE_OSD | M2_ENTITY_TYPE_MGR));
	memset(&sv, 0, sizeof(sv));
	T_OK(mon_exchange(&cl, &sv, &ks, 0, mode));
	T_EQ(cl.global_id, 4242u);
	T_MEM(cl.session_key, sv.session_key, 16);
	T_EQ(cl.con_secret_len, want_secret);
	T_EQ(sv.con_secret_len, want_secret);
	T_MEM(cl.con_secret, sv.con_secret, want_secret);
	osd = m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_OSD);
	mon = m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_MON);
	T_CHECK(osd != NULL && mon != NULL &&
	    m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_MGR) != NULL &&
	    m2_cephx_client_ticket(&cl, M2_ENTITY_TYPE_MDS) == NULL,
	    "tickets for mon, osd, mgr only");
	if (osd == NULL || mon == NULL)
		return;

	/* authorizer to an OSD */
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_OSD);
	T_OK(authz_exchange(osd, cl.global_id, &v, mode, &a, second,
	    &second_len));
	T_EQ(v.global_id, 4242u);
	T_STR(v.entity_id, "admin");
	T_MEM(v.session_key, osd->session_key, 16);
	T_EQ(a.con_secret_len, want_secret);
	T_EQ(v.con_secret_len, want_secret);
	T_MEM(a.con_secret, v.con_secret, want_secret);

	/* the second pass replayed on a new connection: a fresh challenge */
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_OSD);
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_authz_build(&a, osd, cl.global_id, NULL, &b));
	T_OK(m2_buf_finish(&b, &len));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	T_OK(m2_cephx_verify_authorizer(&v, wbuf, len, 0, mode, &b2, &done,
	    NULL));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	T_ERR(m2_cephx_verify_authorizer(&v, second, second_len, 1, mode,
	    &b2, &done, NULL), M2_E_DENIED);
	/* and without any first pass */
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_OSD);
	T_ERR(m2_cephx_verify_authorizer(&v, second, second_len, 1, mode,
	    &b2, &done, NULL), M2_E_DENIED);

	/* the MON ticket shown to an OSD */
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_OSD);
	T_ERR(authz_exchange(mon, cl.global_id, &v, mode, &a, NULL, NULL),
	    M2_E_DENIED);
	/* an OSD whose rotating secret differs */
	other = ks;
	other.rotating[2].key[0] ^= 1;
	m2_cephx_verifier_init(&v, &other, M2_ENTITY_TYPE_OSD);
	T_ERR(authz_exchange(osd, cl.global_id, &v, mode, &a, NULL, NULL),
	    M2_E_BADMAGIC);
	/* a global_id that is not the ticket's */
	m2_cephx_verifier_init(&v, &ks, M2_ENTITY_TYPE_OSD);
	T_ERR(authz_exchange(osd, cl.global_id + 1, &v, mode, &a, NULL,
	    NULL), M2_E_DENIED);

	/* reconnect: reclaim global_id 4242 with the AUTH ticket; the new
	 * ticket comes encrypted with the old session key (ticket_enc 1) */
	memcpy(&cl2, &cl, sizeof(cl));
	cl2.state = 1;			/* C_SENT after a new request */
	memset(&sv2, 0, sizeof(sv2));
	T_OK(mon_exchange(&cl2, &sv2, &ks, cl.global_id, mode));
	T_EQ(cl2.global_id, 4242u);
	T_MEM(cl2.session_key, sv2.session_key, 16);
	T_CHECK(memcmp(cl2.session_key, cl.session_key, 16) != 0,
	    "a new session key");
	/* a reclaim without a ticket is refused */
	T_OK(m2_cephx_client_init(&cl2, "client.admin", admin_key, 0));
	memset(&sv2, 0, sizeof(sv2));
	T_ERR(mon_exchange(&cl2, &sv2, &ks, 4242, mode), M2_E_DENIED);

	/* the wrong key, and an unknown entity */
	T_OK(m2_cephx_client_init(&cl2, "client.admin",
	    (const uint8_t *)"fedcba9876543210", 0));
	memset(&sv2, 0, sizeof(sv2));
	T_ERR(mon_exchange(&cl2, &sv2, &ks, 0, mode), M2_E_DENIED);
	T_OK(m2_cephx_client_init(&cl2, "client.nobody", admin_key, 0));
	memset(&sv2, 0, sizeof(sv2));
	T_ERR(mon_exchange(&cl2, &sv2, &ks, 0, mode), M2_E_NOKEY);

	/* a tampered AUTH_DONE: the first ciphertext byte of the ticket */
	T_OK(m2_cephx_client_init(&cl2, "client.admin", admin_key, 0));
	memset(&sv2, 0, sizeof(sv2));
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_client_request(&cl2, 0, &b));
	T_OK(m2_buf_finish(&b, &len));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	T_OK(m2_cephx_server_start(&sv2, &ks, wbuf, len, 7, &b2, NULL));
	T_OK(m2_buf_finish(&b2, &len2));
	m2_buf_init(&b, wbuf, sizeof(wbuf));
	T_OK(m2_cephx_client_reply_more(&cl2, wbuf2, len2, &b, NULL));
	T_OK(m2_buf_finish(&b, &len));
	m2_buf_init(&b2, wbuf2, sizeof(wbuf2));
	T_OK(m2_cephx_server_finish(&sv2, wbuf, len, mode, &b2, NULL));
	T_OK(m2_buf_finish(&b2, &len2));
	/* header 6, v 1, n 4, service 4, v 1, len 4: ciphertext at 20 */
	wbuf2[20] ^= 0x80;
	T_ERR(m2_cephx_client_done(&cl2, 7, wbuf2, len2, NULL),
	    M2_E_BADMAGIC);
	/* the state machine */
	T_ERR(m2_cephx_client_done(&cl2, 7, wbuf2, len2, NULL),
	    M2_E_BADMAGIC);
	T_ERR(m2_cephx_server_finish(&sv2, wbuf, len, mode, &b2, NULL),
	    M2_E_STATE);

	m2_cephx_client_wipe(&cl);
	m2_cephx_client_wipe(&cl2);
	m2_cephx_keystore_wipe(&ks);
	m2_cephx_keystore_wipe(&other);
	m2_cephx_verifier_wipe(&v);
}

int
main(void)
{
	t_crypto();
	replay("cephx_keyed_crc_c1", 0);
	replay("cephx_keyed_crc_c2", 0);
	replay("cephx_keyed_secure_c1", 1);
	replay("cephx_keyed_secure_c2", 1);
	replay_authz("mon_authz_crc_c1", 0);
	replay_authz("mon_authz_secure_c1", 1);
	replay_authz("mon_authz_secure_c2", 1);
	t_pair(M2_CON_MODE_CRC);
	t_pair(M2_CON_MODE_SECURE);
	return T_DONE();
}
