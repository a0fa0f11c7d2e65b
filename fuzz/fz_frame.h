/* SPDX-License-Identifier: MIT */
/*
 * The body the four frame-format fuzz targets share.  The first input
 * byte picks the mode:
 *
 * raw (bit 0 set): the rest is a frame's plaintext wire image.  Crc
 *   formats get their preamble crc recomputed unless bit 1 is set (so the
 *   segment-level checks are reached, and the crc failure path too).
 *   Secure formats get the image sealed with the fixed test key, split
 *   into the GCM operations the receiver expects, so every byte after
 *   decryption is under the fuzzer's control.  Oracle: no sanitizer
 *   report; what parses rebuilds to bytes that parse to the same dump.
 *
 * structured (bit 0 clear): | ctl | tag | nseg | late | flags |
 *   4 x le16 segment length | le16 mutate-at | u8 mutate-xor | data |.
 *   The frame is built with m2_frame_build and must parse back to the
 *   same dump; then one byte is xor-ed and the result parsed again.
 */
#ifndef M2_FZ_FRAME_H
#define M2_FZ_FRAME_H

#include <stdlib.h>
#include <string.h>

#include "m2/m2.h"

#define FZ_FRAME_MAX	(64u << 10)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The fixed, disclosed test secret is bytes 0x00..0x3f; both ends use the
 * server's send nonce (which is the client's receive nonce), so |tx| only
 * says which end this is.
 */
static void
fz_gcm(struct m2_gcm *g, enum m2_fmt fmt, int tx)
{
	uint8_t	secret[M2_CON_SECRET_LEN], key[16], rxn[12], txn[12];

	for (size_t i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)i;
	memset(g, 0, sizeof(*g));
	if (m2_secure_keys(secret, sizeof(secret), M2_ROLE_SERVER, key, rxn,
	    txn) != M2_OK || m2_gcm_init(g, key, txn, m2_fmt_rev1(fmt)) != M2_OK)
		abort();
	(void)tx;
}

/* Seal |n| plaintext bytes of |in| into |out| as one GCM operation. */
static size_t
fz_seal(struct m2_gcm *g, const uint8_t *in, size_t n, uint8_t *out)
{
	if (m2_gcm_begin(g, 1) != M2_OK ||
	    m2_gcm_update(g, out, in, n) != M2_OK ||
	    m2_gcm_seal_final(g, out + n) != M2_OK)
		abort();
	return n + M2_GCM_TAG_LEN;
}

/* Parse |p|, and if it parses, check the rebuild round trip. */
static void
fz_frame_check(enum m2_fmt fmt, const uint8_t *p, size_t n,
    const char *want_dump)
{
	static uint8_t	scratch[2 * FZ_FRAME_MAX + 256], again[2 * FZ_FRAME_MAX + 256];
	static char	dump1[4 * FZ_FRAME_MAX + 256], dump2[4 * FZ_FRAME_MAX + 256];
	static uint8_t	scratch2[2 * FZ_FRAME_MAX + 256];
	struct m2_gcm	rx, tx, rx2;
	struct m2_frame	f, f2;
	struct m2_buf	b;
	size_t		len;
	int		sec = m2_fmt_secure(fmt);

	if (sec)
		fz_gcm(&rx, fmt, 0);
	if (m2_frame_parse(fmt, sec ? &rx : NULL, p, n, scratch,
	    sizeof(scratch), &f, NULL) != M2_OK) {
		if (want_dump != NULL)
			abort();		/* we built what we cannot read */
		goto out;
	}
	m2_frame_dump(fmt, &f, dump1, sizeof(dump1));
	if (want_dump != NULL && strcmp(want_dump, dump1) != 0)
		abort();
	if (sec)
		fz_gcm(&tx, fmt, 1);
	m2_buf_init(&b, again, sizeof(again));
	if (m2_frame_build(&b, fmt, sec ? &tx : NULL, &f) != M2_OK ||
	    m2_buf_finish(&b, &len) != M2_OK)
		abort();
	if (sec)
		fz_gcm(&rx2, fmt, 0);
	if (m2_frame_parse(fmt, sec ? &rx2 : NULL, again, len, scratch2,
	    sizeof(scratch2), &f2, NULL) != M2_OK)
		abort();
	m2_frame_dump(fmt, &f2, dump2, sizeof(dump2));
	if (strcmp(dump1, dump2) != 0)
		abort();
	if (sec) {
		m2_gcm_wipe(&tx);
		m2_gcm_wipe(&rx2);
	}
out:
	if (sec)
		m2_gcm_wipe(&rx);
}

/* Raw mode: fix the preamble crc, or seal the image the receiver's way. */
static void
fz_frame_raw(enum m2_fmt fmt, uint8_t ctl, const uint8_t *p, size_t n)
{
	static uint8_t		img[FZ_FRAME_MAX], wire[FZ_FRAME_MAX + 64];
	struct m2_gcm		tx;
	struct m2_preamble	pre;
	struct m2_cur		c;
	size_t			head, w = 0, at, first;

	memcpy(img, p, n);
	if (n >= M2_PREAMBLE_LEN && !(ctl & 2))
		m2_store_le32(img + 28, m2_crc32c(0, img, 28));
	if (!m2_fmt_secure(fmt)) {
		fz_frame_check(fmt, img, n, NULL);
		return;
	}
	/* rev1: 80 bytes in the first operation, then segment 0's rest,
	 * then everything else; rev0: one operation for the whole frame. */
	fz_gcm(&tx, fmt, 1);
	head = m2_fmt_rev1(fmt) ? M2_FRAME_HEAD_SCRATCH : n;
	if (n < head)
		head = n;
	w = fz_seal(&tx, img, head, wire);
	at = head;
	m2_cur_init(&c, img, n < M2_PREAMBLE_LEN ? n : M2_PREAMBLE_LEN);
	if (m2_fmt_rev1(fmt) && at < n &&
	    m2_preamble_parse(&c, &pre, NULL) == M2_OK) {
		uint64_t	pad0 = ((uint64_t)pre.seg[0].len + 15) & ~15ull;

		first = pad0 > M2_INLINE_LEN ? (size_t)(pad0 - M2_INLINE_LEN) : 0;
		if (first > n - at)
			first = n - at;
		if (first > 0) {
			w += fz_seal(&tx, img + at, first, wire + w);
			at += first;
		}
	}
	if (at < n)
		w += fz_seal(&tx, img + at, n - at, wire + w);
	m2_gcm_wipe(&tx);
	fz_frame_check(fmt, wire, w, NULL);
}

/* Structured mode: build from fields, parse back, then flip a byte. */
static void
fz_frame_structured(enum m2_fmt fmt, const uint8_t *p, size_t n)
{
	static uint8_t	wire[FZ_FRAME_MAX + 256];
	static char	want[4 * FZ_FRAME_MAX + 256];
	struct m2_span	segs[M2_MAX_SEGMENTS];
	struct m2_frame	f;
	struct m2_gcm	tx;
	struct m2_buf	b;
	struct m2_cur	c;
	uint8_t		tag, nseg, late, flags, xor;
	uint16_t	len[M2_MAX_SEGMENTS], at;
	size_t		wlen;
	int		sec = m2_fmt_secure(fmt);

	m2_cur_init(&c, p, n);
	if (!m2_cur_u8(&c, &tag) || !m2_cur_u8(&c, &nseg) ||
	    !m2_cur_u8(&c, &late) || !m2_cur_u8(&c, &flags) ||
	    !m2_cur_le16(&c, &len[0]) || !m2_cur_le16(&c, &len[1]) ||
	    !m2_cur_le16(&c, &len[2]) || !m2_cur_le16(&c, &len[3]) ||
	    !m2_cur_le16(&c, &at) || !m2_cur_u8(&c, &xor))
		return;
	for (size_t i = 0; i < M2_MAX_SEGMENTS; i++) {
		size_t	l = len[i] < c.len ? len[i] : c.len;

		if (!m2_cur_span(&c, l, &segs[i]))
			return;
	}
	m2_frame_init(&f, fmt, tag, segs, NULL, 1 + (nseg & 3));
	f.flags = flags;
	if (f.has_epilogue || !m2_fmt_rev1(fmt))
		f.late = late;
	if (sec)
		fz_gcm(&tx, fmt, 1);
	m2_buf_init(&b, wire, sizeof(wire));
	if (m2_frame_build(&b, fmt, sec ? &tx : NULL, &f) != M2_OK ||
	    m2_buf_finish(&b, &wlen) != M2_OK) {
		if (sec)
			m2_gcm_wipe(&tx);
		return;
	}
	if (sec)
		m2_gcm_wipe(&tx);
	/* A late byte a receiver rejects makes the frame invalid: no oracle. */
	if (!m2_fmt_rev1(fmt) || !f.has_epilogue ||
	    (late & 0xf) == 0xe || (late & 0xf) == 0x1) {
		m2_frame_dump(fmt, &f, want, sizeof(want));
		fz_frame_check(fmt, wire, wlen, want);
	}
	if (wlen > 0 && xor != 0) {
		wire[at % wlen] ^= xor;
		fz_frame_check(fmt, wire, wlen, NULL);
	}
}

static int
fz_frame(enum m2_fmt fmt, const uint8_t *data, size_t size)
{
	if (size < 1 || size > FZ_FRAME_MAX)
		return 0;
	if (data[0] & 1)
		fz_frame_raw(fmt, data[0], data + 1, size - 1);
	else
		fz_frame_structured(fmt, data + 1, size - 1);
	return 0;
}

#endif
