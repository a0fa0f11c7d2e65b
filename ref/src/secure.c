/* SPDX-License-Identifier: MIT */
/*
 * Secure mode: the connection secret's split, and AES-128-GCM through
 * OpenSSL EVP with Ceph's nonce schedule.  The only unit that includes
 * OpenSSL, and the AUTH_SIGNATURE HMAC.  SPEC-NOTES §3, §10 items 5, 7,
 * 8 and 9.
 */
#include <limits.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "internal.h"

#define OFF_NONCE_A	M2_GCM_KEY_LEN				/* 16 */
#define OFF_NONCE_B	(M2_GCM_KEY_LEN + M2_GCM_NONCE_LEN)	/* 28 */
#define GCM_CHUNK	(1u << 30)	/* EVP lengths are int */

/*
 * Connection secret.  SPEC §3.1 · ceph crypto_onwire.cc
 * rxtx_t::create_handler_pair(crossed) · kernel setup_crypto
 *
 *   [0,16) key   [16,28) nonce A   [28,40) nonce B   [40,64) unused
 *   client (crossed=false): rx A, tx B;  server (crossed=true): rx B, tx A
 *
 * The kernel, always a client, copies in_gcm_nonce from [16,28) and
 * out_gcm_nonce from [28,40), which agrees.  Ceph ceph_assert's a secret
 * shorter than 40 bytes; the kernel returns -EINVAL; so do we.
 */
/* see m2/frame.h */
m2_err
m2_secure_keys(const uint8_t *secret, size_t secret_len, enum m2_role role,
    uint8_t key[M2_GCM_KEY_LEN], uint8_t rx_nonce[M2_GCM_NONCE_LEN],
    uint8_t tx_nonce[M2_GCM_NONCE_LEN])
{
	const uint8_t	*a, *b;

	if (secret_len < M2_CON_SECRET_MIN)
		return M2_E_BADVAL;
	if (role != M2_ROLE_CLIENT && role != M2_ROLE_SERVER)
		return M2_E_USAGE;
	a = secret + OFF_NONCE_A;
	b = secret + OFF_NONCE_B;
	memcpy(key, secret, M2_GCM_KEY_LEN);
	memcpy(rx_nonce, role == M2_ROLE_CLIENT ? a : b, M2_GCM_NONCE_LEN);
	memcpy(tx_nonce, role == M2_ROLE_CLIENT ? b : a, M2_GCM_NONCE_LEN);
	return M2_OK;
}

/* see m2/frame.h */
size_t
m2_secure_keys_dump(const uint8_t *secret, size_t secret_len, char *s,
    size_t n)
{
	uint8_t	key[M2_GCM_KEY_LEN], crx[M2_GCM_NONCE_LEN];
	uint8_t	ctx_[M2_GCM_NONCE_LEN], srx[M2_GCM_NONCE_LEN];
	uint8_t	stx[M2_GCM_NONCE_LEN];
	size_t	at;

	if (m2_secure_keys(secret, secret_len, M2_ROLE_CLIENT, key, crx,
	    ctx_) != M2_OK ||
	    m2_secure_keys(secret, secret_len, M2_ROLE_SERVER, key, srx,
	    stx) != M2_OK)
		return m2_fmt(s, n, 0, "%s", "");
	at = m2_fmt(s, n, 0, "key=");
	at = m2_fmt_hex(s, n, at, key, sizeof(key));
	at = m2_fmt(s, n, at, " client_rx=");
	at = m2_fmt_hex(s, n, at, crx, sizeof(crx));
	at = m2_fmt(s, n, at, " client_tx=");
	at = m2_fmt_hex(s, n, at, ctx_, sizeof(ctx_));
	at = m2_fmt(s, n, at, " server_rx=");
	at = m2_fmt_hex(s, n, at, srx, sizeof(srx));
	at = m2_fmt(s, n, at, " server_tx=");
	at = m2_fmt_hex(s, n, at, stx, sizeof(stx));
	OPENSSL_cleanse(key, sizeof(key));
	return at;
}

/*
 * Nonce counter.  SPEC §3.2 · ceph crypto_onwire.cc nonce_t {le32 fixed;
 * le64 counter}, reset_tx_handler, reset_rx_handler · kernel
 * gcm_inc_nonce (msgr2.1 only)
 *
 *   msgr2.0: bytes 0..3, the field Ceph calls "fixed", += 1 mod 2^32
 *   msgr2.1: bytes 4..11, "counter", += 1 mod 2^64
 */
static uint64_t
gcm_counter(const struct m2_gcm *g, const uint8_t *nonce)
{
	return g->rev1 ? m2_load_le64(nonce + 4) : m2_load_le32(nonce);
}

static void
gcm_set_counter(struct m2_gcm *g, uint64_t v)
{
	if (g->rev1)
		m2_store_le64(g->nonce + 4, v);
	else
		m2_store_le32(g->nonce, (uint32_t)v);
}

/* see m2/frame.h */
m2_err
m2_gcm_init(struct m2_gcm *g, const uint8_t key[M2_GCM_KEY_LEN],
    const uint8_t nonce[M2_GCM_NONCE_LEN], int rev1)
{
	EVP_CIPHER_CTX	*ctx;

	memset(g, 0, sizeof(*g));
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return M2_E_CRYPTO;
	/* Key once; each operation then sets only the IV. */
	if (EVP_CipherInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, NULL, 1) !=
	    1) {
		EVP_CIPHER_CTX_free(ctx);
		return M2_E_CRYPTO;
	}
	g->ctx = ctx;
	memcpy(g->key, key, M2_GCM_KEY_LEN);
	memcpy(g->nonce, nonce, M2_GCM_NONCE_LEN);
	memcpy(g->initial, nonce, M2_GCM_NONCE_LEN);
	g->rev1 = rev1 != 0;
	return M2_OK;
}

/* see m2/frame.h */
void
m2_gcm_wipe(struct m2_gcm *g)
{
	EVP_CIPHER_CTX_free(g->ctx);	/* NULL is fine */
	OPENSSL_cleanse(g, sizeof(*g));
	g->ctx = NULL;
}

/*
 * The out-of-nonces rule.  SPEC §3.3 · ceph
 * AES128GCM_OnWireTxHandler::reset_tx_handler: before each operation,
 * if the nonce equals the initial one and that was used, throw "out of
 * nonces".  Equivalently: at most 2^32 (msgr2.0) or 2^64 (msgr2.1)
 * operations per key.  |k| is the operations done, modulo that.
 */
/* see m2/frame.h */
int
m2_gcm_can_seal(const struct m2_gcm *g, uint64_t nops)
{
	uint64_t	k;

	if (!g->used_initial)
		return g->rev1 || nops <= (1ull << 32);
	k = gcm_counter(g, g->nonce) - gcm_counter(g, g->initial);
	if (!g->rev1)
		k &= 0xffffffffu;
	if (k == 0)
		return nops == 0;
	return nops <= (g->rev1 ? 0 - k : (1ull << 32) - k);
}

/* see m2/frame.h */
m2_err
m2_gcm_advance(struct m2_gcm *g, uint64_t nops)
{
	if (nops == 0)
		return M2_OK;
	if (!m2_gcm_can_seal(g, nops))
		return M2_E_NONCES;
	gcm_set_counter(g, gcm_counter(g, g->nonce) + nops);
	g->used_initial = 1;
	return M2_OK;
}

/*
 * One operation.  SPEC §3.4 · ceph reset_tx_handler / reset_rx_handler
 * (EVP_*Init_ex with the IV only: the key schedule stays), no AAD, tag
 * 16 bytes (authenticated_encrypt_final, authenticated_decrypt_update_
 * final) · kernel gcm_crypt
 */
/* see m2/frame.h */
m2_err
m2_gcm_begin(struct m2_gcm *g, int seal)
{
	if (g->ctx == NULL)
		return M2_E_USAGE;
	g->busy = 0;
	if (seal && !m2_gcm_can_seal(g, 1))
		return M2_E_NONCES;
	if (EVP_CipherInit_ex(g->ctx, NULL, NULL, NULL, g->nonce,
	    seal ? 1 : 0) != 1)
		return M2_E_CRYPTO;
	if (memcmp(g->nonce, g->initial, M2_GCM_NONCE_LEN) == 0)
		g->used_initial = 1;
	if (!(seal && M2_FAULT(GCM_NONCE_REUSE)))
		gcm_set_counter(g, gcm_counter(g, g->nonce) + 1);
	g->busy = seal ? M2_GCM_SEALING : M2_GCM_OPENING;
	return M2_OK;
}

/* see m2/frame.h */
m2_err
m2_gcm_update(struct m2_gcm *g, uint8_t *out, const uint8_t *in, size_t n)
{
	if (g->busy == 0)
		return M2_E_USAGE;
	while (n > 0) {
		size_t	k = n < GCM_CHUNK ? n : GCM_CHUNK;
		int	outl = 0;

		if (EVP_CipherUpdate(g->ctx, out, &outl, in, (int)k) != 1 ||
		    outl != (int)k) {
			g->busy = 0;
			return M2_E_CRYPTO;
		}
		out += k;
		in += k;
		n -= k;
	}
	return M2_OK;
}

/* see m2/frame.h */
m2_err
m2_gcm_seal_final(struct m2_gcm *g, uint8_t tag[M2_GCM_TAG_LEN])
{
	uint8_t	none[M2_GCM_TAG_LEN];
	int	outl = 0;

	if (g->busy != M2_GCM_SEALING)
		return M2_E_USAGE;
	g->busy = 0;
	if (EVP_CipherFinal_ex(g->ctx, none, &outl) != 1 || outl != 0 ||
	    EVP_CIPHER_CTX_ctrl(g->ctx, EVP_CTRL_AEAD_GET_TAG, M2_GCM_TAG_LEN,
	    tag) != 1)
		return M2_E_CRYPTO;
	return M2_OK;
}

/* see m2/frame.h */
m2_err
m2_gcm_open_final(struct m2_gcm *g, const uint8_t tag[M2_GCM_TAG_LEN])
{
	uint8_t	want[M2_GCM_TAG_LEN], none[M2_GCM_TAG_LEN];
	int	outl = 0;

	if (g->busy != M2_GCM_OPENING)
		return M2_E_USAGE;
	g->busy = 0;
	memcpy(want, tag, sizeof(want));	/* the ctrl takes void * */
	if (EVP_CIPHER_CTX_ctrl(g->ctx, EVP_CTRL_AEAD_SET_TAG, M2_GCM_TAG_LEN,
	    want) != 1)
		return M2_E_CRYPTO;
	if (EVP_CipherFinal_ex(g->ctx, none, &outl) != 1)
		return M2_E_BADTAG_AEAD;
	return M2_OK;
}

/*
 * AUTH_SIGNATURE.  SPEC §5 · ceph ProtocolV2::finish_auth (hmac_sha256
 * of pre_auth.rxbuf with the session key; auth none's empty key gives a
 * zero digest) · kernel prepare_auth_signature, process_auth_signature
 */
/* see m2/dissect.h */
m2_err
m2_auth_signature_mac(const uint8_t *key, size_t key_len, const uint8_t *p,
    size_t n, uint8_t out[M2_SIGNATURE_LEN])
{
	memset(out, 0, M2_SIGNATURE_LEN);
	if (key_len == 0)
		return M2_OK;
	if (m2_hmac_sha256(key, key_len, p, n, out) != M2_OK) {
		memset(out, 0, M2_SIGNATURE_LEN);
		return M2_E_CRYPTO;
	}
	return M2_OK;
}
