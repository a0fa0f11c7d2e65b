/* SPDX-License-Identifier: MIT */
/*
 * cephx crypto: AES-128-CBC with Ceph's fixed IV and PKCS#7, the
 * encode_encrypt envelope, the client/server challenge proof, and
 * HMAC-SHA256 for AUTH_SIGNATURE.  SPEC-NOTES §7.1, §5.4.
 */
#include <limits.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "internal.h"

/* see m2/cephx.h */
size_t
m2_cephx_enc_len(size_t n)
{
	return M2_CEPHX_BLOCK * (n / M2_CEPHX_BLOCK + 1);
}

/* see m2/cephx.h */
size_t
m2_cephx_env_len(size_t n)
{
	return m2_cephx_enc_len(M2_CEPHX_ENV_HEAD + n);
}

/*
 * One CBC pass over whole blocks, padding off (we pad and unpad
 * ourselves, to do exactly what Ceph does).  |n| is a multiple of 16.
 */
static m2_err
cbc(const uint8_t key[M2_CEPHX_KEY_LEN], int enc, const uint8_t *in,
    size_t n, uint8_t *out)
{
	EVP_CIPHER_CTX	*ctx;
	int		 l1 = 0, l2 = 0, ok;

	if (n > INT_MAX)
		return M2_E_CRYPTO;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return M2_E_CRYPTO;
	ok = EVP_CipherInit_ex(ctx, EVP_aes_128_cbc(), NULL, key,
	    (const uint8_t *)M2_CEPHX_IV, enc) == 1 &&
	    EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
	    EVP_CipherUpdate(ctx, out, &l1, in, (int)n) == 1 &&
	    EVP_CipherFinal_ex(ctx, out + l1, &l2) == 1 &&
	    (size_t)l1 + (size_t)l2 == n;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? M2_OK : M2_E_CRYPTO;
}

/*
 * Encrypt.  ceph Crypto.cc CryptoAESKeyHandler::encrypt · kernel
 * crypto.c ceph_aes_crypt
 *   plaintext | pad x pad, pad = 16 - n % 16 (1..16), CBC, IV
 *   "cephsageyudagreg"
 */
/* see m2/cephx.h */
m2_err
m2_cephx_encrypt(const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *in,
    size_t n, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	len = m2_cephx_enc_len(n);
	uint8_t	pad = (uint8_t)(len - n);
	m2_err	e;

	if (cap < len)
		return M2_E_NOSPC;
	if (n > 0)
		memmove(out, in, n);
	memset(out + n, pad, pad);
	if ((e = cbc(key, 1, out, len, out)) != M2_OK)
		return e;
	*outlen = len;
	return M2_OK;
}

/*
 * Decrypt.  ceph Crypto.cc CryptoAESKeyHandler::decrypt: a length under
 * 16 or not a multiple of 16 fails; the pad is min(last byte, 16) and the
 * pad bytes are not checked ("don't say a word to avoid ... an oracle").
 * The kernel's ceph_aes_crypt checks pad <= 16 only, too.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_decrypt(const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *in,
    size_t n, uint8_t *out, size_t cap, size_t *outlen)
{
	size_t	pad;
	m2_err	e;

	if (n < M2_CEPHX_BLOCK || n % M2_CEPHX_BLOCK != 0)
		return M2_E_BADVAL;
	if (cap < n)
		return M2_E_NOSPC;
	if ((e = cbc(key, 0, in, n, out)) != M2_OK)
		return e;
	pad = out[n - 1];
	if (pad > M2_CEPHX_BLOCK)
		pad = M2_CEPHX_BLOCK;
	*outlen = n - pad;
	return M2_OK;
}

/*
 * The envelope.  ceph CephxProtocol.h encode_encrypt_enc_bl:
 *   encrypt(u8 1 | le64 AUTH_ENC_MAGIC | body)
 * encode_encrypt prefixes that ciphertext with its le32 length.  The
 * plaintext is assembled in the output buffer itself and encrypted in
 * place, so no scratch is needed.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_encrypt_env(struct m2_buf *b, const uint8_t key[M2_CEPHX_KEY_LEN],
    const uint8_t *body, size_t n)
{
	size_t	len = m2_cephx_env_len(n), got;
	uint8_t	*p;

	if ((p = m2_buf_reserve(b, len)) == NULL)
		return M2_OK;		/* the sticky overflow reports it */
	p[0] = 1;
	m2_store_le64(p + 1, M2_CEPHX_ENC_MAGIC);
	if (n > 0)
		memmove(p + M2_CEPHX_ENV_HEAD, body, n);
	return m2_cephx_encrypt(key, p, M2_CEPHX_ENV_HEAD + n, p, len, &got);
}

/* see m2/cephx.h */
m2_err
m2_cephx_encrypt_env_lp(struct m2_buf *b,
    const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *body, size_t n)
{
	m2_buf_le32(b, (uint32_t)m2_cephx_env_len(n));
	return m2_cephx_encrypt_env(b, key, body, n);
}

/*
 * ceph CephxProtocol.h decode_decrypt_enc_bl: decrypt, decode u8
 * struct_v (ignored) and le64 magic, which must be AUTH_ENC_MAGIC.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_decrypt_env(const uint8_t key[M2_CEPHX_KEY_LEN], const uint8_t *in,
    size_t n, uint8_t *scratch, size_t cap, struct m2_span *body)
{
	size_t	len;
	m2_err	e;

	if ((e = m2_cephx_decrypt(key, in, n, scratch, cap, &len)) != M2_OK)
		return e;
	if (len < M2_CEPHX_ENV_HEAD ||
	    m2_load_le64(scratch + 1) != M2_CEPHX_ENC_MAGIC)
		return M2_E_BADMAGIC;
	body->p = scratch + M2_CEPHX_ENV_HEAD;
	body->len = len - M2_CEPHX_ENV_HEAD;
	return M2_OK;
}

/* see m2/cephx.h */
m2_err
m2_hmac_sha256(const uint8_t *key, size_t keylen, const uint8_t *msg,
    size_t n, uint8_t out[M2_HMAC_SHA256_LEN])
{
	unsigned int	len = 0;
	static const uint8_t	empty[1];

	if (keylen > INT_MAX)
		return M2_E_CRYPTO;
	if (HMAC(EVP_sha256(), keylen ? key : empty, (int)keylen,
	    n ? msg : empty, n, out, &len) == NULL ||
	    len != M2_HMAC_SHA256_LEN)
		return M2_E_CRYPTO;
	return M2_OK;
}

/*
 * The proof.  ceph CephxProtocol.cc cephx_calc_client_server_challenge ·
 * kernel auth_x.c ceph_x_build_request
 *   enc = le32 32 | AES(u8 1 | magic | le64 sc | le64 cc | pad 7)
 *   key = enc[0..8) ^ enc[8..16) ^ enc[16..24) ^ enc[24..32)
 * The loop runs while pos + 8 <= 36, so the length prefix is the first
 * word and the ciphertext's last 4 bytes are left out.
 */
/* see m2/cephx.h */
m2_err
m2_cephx_challenge_key(const uint8_t key[M2_CEPHX_KEY_LEN],
    uint64_t server_challenge, uint64_t client_challenge, uint64_t *out)
{
	uint8_t		blob[16], enc[4 + 32];
	struct m2_buf	b;
	size_t		len;
	uint64_t	k = 0;
	m2_err		e;

	m2_store_le64(blob, server_challenge);
	m2_store_le64(blob + 8, client_challenge);
	m2_buf_init(&b, enc, sizeof(enc));
	if ((e = m2_cephx_encrypt_env_lp(&b, key, blob, sizeof(blob))) !=
	    M2_OK)
		return e;
	if ((e = m2_buf_finish(&b, &len)) != M2_OK || len != sizeof(enc))
		return M2_E_CRYPTO;
	for (size_t pos = 0; pos + 8 <= len; pos += 8)
		k ^= m2_load_le64(enc + pos);
	*out = k;
	OPENSSL_cleanse(enc, sizeof(enc));
	return M2_OK;
}

/* see m2/cephx.h */
m2_err
m2_cephx_random(void *p, size_t n)
{
	if (n > INT_MAX || RAND_bytes(p, (int)n) != 1)
		return M2_E_CRYPTO;
	return M2_OK;
}

/* see m2/cephx.h */
void
m2_cephx_wipe(void *p, size_t n)
{
	OPENSSL_cleanse(p, n);
}
