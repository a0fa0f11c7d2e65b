/* SPDX-License-Identifier: MIT */
/*
 * Secure mode (m2/frame.h): AES-128-GCM known answers, the split of the
 * connection secret, the nonce counters of msgr2.0 and msgr2.1, and the
 * refusal to seal once a nonce would repeat (CVE-2020-1759).
 */
#include "t.h"

static uint8_t	secret[64];

static void
t_gcm_known(void)
{
	/* McGrew & Viega, GCM spec test cases 1 and 2 (AES-128, zero key) */
	static const uint8_t	zero[16];
	static const uint8_t	ct2[16] = {
		0x03, 0x88, 0xda, 0xce, 0x60, 0xb6, 0xa3, 0x92,
		0xf3, 0x28, 0xc2, 0xb9, 0x71, 0xb2, 0xfe, 0x78,
	};
	static const uint8_t	tag1[16] = {
		0x58, 0xe2, 0xfc, 0xce, 0xfa, 0x7e, 0x30, 0x61,
		0x36, 0x7f, 0x1d, 0x57, 0xa4, 0xe7, 0x45, 0x5a,
	};
	static const uint8_t	tag2[16] = {
		0xab, 0x6e, 0x47, 0xd4, 0x2c, 0xec, 0x13, 0xbd,
		0xf5, 0x3a, 0x67, 0xb2, 0x12, 0x57, 0xbd, 0xdf,
	};
	struct m2_gcm		g;
	uint8_t			out[16], tag[16], bad[16];

	T_OK(m2_gcm_init(&g, zero, zero, 0));
	T_OK(m2_gcm_begin(&g, 1));
	T_OK(m2_gcm_seal_final(&g, tag));
	T_MEM(tag, tag1, 16);
	m2_gcm_wipe(&g);

	T_OK(m2_gcm_init(&g, zero, zero, 1));
	T_OK(m2_gcm_begin(&g, 1));
	T_OK(m2_gcm_update(&g, out, zero, 9));	/* split updates */
	T_OK(m2_gcm_update(&g, out + 9, zero, 7));
	T_OK(m2_gcm_seal_final(&g, tag));
	T_MEM(out, ct2, 16);
	T_MEM(tag, tag2, 16);
	m2_gcm_wipe(&g);

	/* Open it in place; a wrong tag is BADTAG_AEAD. */
	T_OK(m2_gcm_init(&g, zero, zero, 1));
	T_OK(m2_gcm_begin(&g, 0));
	memcpy(out, ct2, 16);
	T_OK(m2_gcm_update(&g, out, out, 16));
	T_OK(m2_gcm_open_final(&g, tag2));
	T_MEM(out, zero, 16);
	memcpy(bad, tag2, 16);
	bad[15] ^= 1;
	m2_gcm_wipe(&g);
	T_OK(m2_gcm_init(&g, zero, zero, 1));	/* IV 0 again */
	T_OK(m2_gcm_begin(&g, 0));
	T_OK(m2_gcm_update(&g, out, ct2, 16));
	T_ERR(m2_gcm_open_final(&g, bad), M2_E_BADTAG_AEAD);
	T_ERR(m2_gcm_open_final(&g, tag2), M2_E_USAGE);	/* nothing open */
	T_ERR(m2_gcm_update(&g, out, ct2, 16), M2_E_USAGE);
	m2_gcm_wipe(&g);
	T_ERR(m2_gcm_begin(&g, 1), M2_E_USAGE);	/* wiped */
}

static void
t_keys(void)
{
	uint8_t	key[16], rx[12], tx[12], srx[12], stx[12];
	char	s[256];

	T_OK(m2_secure_keys(secret, 40, M2_ROLE_CLIENT, key, rx, tx));
	T_MEM(key, secret, 16);
	T_MEM(rx, secret + 16, 12);		/* A */
	T_MEM(tx, secret + 28, 12);		/* B */
	T_OK(m2_secure_keys(secret, 64, M2_ROLE_SERVER, key, srx, stx));
	T_MEM(srx, tx, 12);			/* crossed */
	T_MEM(stx, rx, 12);
	T_ERR(m2_secure_keys(secret, 39, M2_ROLE_CLIENT, key, rx, tx),
	    M2_E_BADVAL);
	m2_secure_keys_dump(secret, 64, s, sizeof(s));
	T_STR(s, "key=000102030405060708090a0b0c0d0e0f "
	    "client_rx=101112131415161718191a1b "
	    "client_tx=1c1d1e1f2021222324252627 "
	    "server_rx=1c1d1e1f2021222324252627 "
	    "server_tx=101112131415161718191a1b");
	m2_secure_keys_dump(secret, 39, s, sizeof(s));
	T_STR(s, "");
}

/* One empty sealed operation; returns its error. */
static m2_err
seal_one(struct m2_gcm *g)
{
	uint8_t	tag[16];
	m2_err	e;

	if ((e = m2_gcm_begin(g, 1)) != M2_OK)
		return e;
	return m2_gcm_seal_final(g, tag);
}

static void
t_counters(void)
{
	uint8_t		key[16] = { 1 }, n[12];
	struct m2_gcm	g;

	/* msgr2.0: the first le32 counts and wraps; bytes 4..11 stay. */
	for (size_t i = 0; i < 12; i++)
		n[i] = (uint8_t)(0xf0 + i);
	n[0] = n[1] = n[2] = n[3] = 0xff;
	T_OK(m2_gcm_init(&g, key, n, 0));
	T_OK(seal_one(&g));
	T_EQ(m2_load_le32(g.nonce), 0);
	T_MEM(g.nonce + 4, n + 4, 8);
	T_OK(seal_one(&g));
	T_EQ(m2_load_le32(g.nonce), 1);
	m2_gcm_wipe(&g);

	/* msgr2.1: the le64 at 4..11 counts, with carries; 0..3 stay. */
	n[4] = n[5] = n[6] = n[7] = 0xff;
	n[8] = 0x00;
	T_OK(m2_gcm_init(&g, key, n, 1));
	T_OK(seal_one(&g));
	T_EQ(m2_load_le64(g.nonce + 4), m2_load_le64(n + 4) + 1);
	T_EQ(g.nonce[8], 0x01);
	T_MEM(g.nonce, n, 4);
	m2_gcm_wipe(&g);
}

/*
 * Ceph's reset_tx_handler: after 2^32 msgr2.0 operations the counter is
 * back at the initial nonce and sealing must refuse.  The counter starts
 * near its own wrap, so the 32-bit wrap is crossed on the way.
 */
static void
t_exhaustion(void)
{
	uint8_t			key[16] = { 2 }, out[256], before[12];
	uint8_t			n[12] = { 0xfe, 0xff, 0xff, 0xff, 9, 9, 9, 9,
	    9, 9, 9, 9 };
	const uint8_t		stamp[8] = { 1, 0, 0, 0, 2, 0, 0, 0 };
	struct m2_span		ka = { stamp, 8 }, segs[2];
	struct m2_frame		f;
	struct m2_gcm		tx, rx;
	struct m2_buf		b;
	uint8_t			big[60], scratch[256];
	struct m2_frame		got;
	size_t			len;

	T_OK(m2_gcm_init(&tx, key, n, 0));
	T_OK(m2_gcm_init(&rx, key, n, 0));
	T_CHECK(m2_gcm_can_seal(&tx, 1ull << 32), "2^32 fresh");
	T_CHECK(!m2_gcm_can_seal(&tx, (1ull << 32) + 1), "2^32 + 1");
	T_ERR(m2_gcm_advance(&tx, (1ull << 32) + 1), M2_E_NONCES);
	T_OK(m2_gcm_advance(&tx, (1ull << 32) - 1));
	T_OK(m2_gcm_advance(&rx, (1ull << 32) - 1));
	T_EQ(m2_load_le32(tx.nonce), 0xfffffffdu);	/* initial - 1 */
	T_CHECK(m2_gcm_can_seal(&tx, 1) && !m2_gcm_can_seal(&tx, 2), "last");

	/* The last nonce seals and opens; the next seal is refused. */
	m2_frame_init(&f, M2_FMT_REV0_SECURE, 18, &ka, NULL, 1);
	m2_buf_init(&b, out, sizeof(out));
	T_OK(m2_frame_build(&b, M2_FMT_REV0_SECURE, &tx, &f));
	T_OK(m2_buf_finish(&b, &len));
	T_OK(m2_frame_parse(M2_FMT_REV0_SECURE, &rx, out, len, scratch,
	    sizeof(scratch), &got, NULL));
	T_MEM(tx.nonce, n, 12);			/* back at the initial one */
	memcpy(before, tx.nonce, 12);
	m2_buf_init(&b, out, sizeof(out));
	T_ERR(m2_frame_build(&b, M2_FMT_REV0_SECURE, &tx, &f), M2_E_NONCES);
	T_EQ(b.len, 0);
	T_MEM(tx.nonce, before, 12);
	T_ERR(seal_one(&tx), M2_E_NONCES);
	T_ERR(m2_gcm_advance(&tx, 1), M2_E_NONCES);
	T_OK(m2_gcm_advance(&tx, 0));
	/* Receiving has no such check, as in Ceph: it wraps. */
	T_OK(m2_gcm_begin(&rx, 0));
	m2_gcm_wipe(&tx);
	m2_gcm_wipe(&rx);

	/*
	 * msgr2.1: 2^64 operations.  A frame needing three (segment 0 over
	 * 48 bytes and a second segment) is refused whole when only two
	 * remain: nothing is sealed, no nonce spent.
	 */
	memset(big, 3, sizeof(big));
	segs[0] = (struct m2_span){ big, sizeof(big) };
	segs[1] = (struct m2_span){ stamp, 8 };
	m2_frame_init(&f, M2_FMT_REV1_SECURE, 17, segs, NULL, 2);
	T_OK(m2_gcm_init(&tx, key, n, 1));
	T_CHECK(m2_gcm_can_seal(&tx, UINT64_MAX), "2^64 - 1 fresh");
	T_OK(m2_gcm_advance(&tx, UINT64_MAX - 1));
	memcpy(before, tx.nonce, 12);
	m2_buf_init(&b, out, sizeof(out));
	T_ERR(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f), M2_E_NONCES);
	T_MEM(tx.nonce, before, 12);
	m2_frame_init(&f, M2_FMT_REV1_SECURE, 18, &ka, NULL, 1);
	T_OK(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f));
	T_OK(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f));
	T_MEM(tx.nonce, n, 12);
	T_ERR(m2_frame_build(&b, M2_FMT_REV1_SECURE, &tx, &f), M2_E_NONCES);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, 2 * 96);
	m2_gcm_wipe(&tx);
}

/* frameIndex: a vector's frame after five operations (Python AESGCM). */
static void
t_frame_index(void)
{
	static const char	*ka5 =
	    "ca538e2773e9de169b5e77b4b2200735fb794831c66bf0dd4b40f8063bc299a9"
	    "1bf6cc7773956e930af989cecf2f6df81a85eacc825a7c1da90a46aa8cff18ff"
	    "f6167815e4a6f516358d01fba5b63f6c58a6ec024b3537fecec7f6ef81a07ecc";
	uint8_t			in[96], scratch[96], key[16], rx[12], tx[12];
	struct m2_gcm		g;
	struct m2_frame		f;
	struct m2_diag		d;
	char			s[128];

	T_EQ(t_hex(ka5, in, sizeof(in)), 96);
	T_OK(m2_secure_keys(secret, 64, M2_ROLE_CLIENT, key, rx, tx));
	T_OK(m2_gcm_init(&g, key, rx, 1));
	T_ERR(m2_frame_parse(M2_FMT_REV1_SECURE, &g, in, 96, scratch, 96, &f,
	    &d), M2_E_BADTAG_AEAD);
	T_STR(d.field, "frame.head.tag");
	T_EQ(d.off, 80);
	T_OK(m2_gcm_advance(&g, 5));
	T_OK(m2_frame_parse(M2_FMT_REV1_SECURE, &g, in, 96, scratch, 96, &f,
	    NULL));
	m2_frame_dump(M2_FMT_REV1_SECURE, &f, s, sizeof(s));
	T_STR(s, "tag=18 flags=0x0 aligns=[8] segs=[0100000002000000] late=-");
	T_EQ(m2_load_le64(g.nonce + 4), m2_load_le64(rx + 4) + 6);
	m2_gcm_wipe(&g);
}

int
main(void)
{
	for (size_t i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)i;
	t_gcm_known();
	t_keys();
	t_counters();
	t_exhaustion();
	t_frame_index();
	return T_DONE();
}
