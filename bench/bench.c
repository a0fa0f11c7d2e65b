/* SPDX-License-Identifier: MIT */
/*
 * Frame codec throughput (`make bench`), beside the raw cost of the same
 * crc32c or AES-128-GCM work measured in the same run.
 *
 * A round trip is m2_frame_build then m2_frame_parse of one frame.  Its
 * unavoidable work is two passes over the frame's bytes: crc32c on both
 * sides, or seal then open.  "raw" runs exactly those passes straight on
 * ISA-L / OpenSSL EVP (key set once, IV per operation), so "codec / raw"
 * is the share of the time that is the crypto itself; 100% means the
 * codec adds nothing.  MESSAGE frames carry a 41-byte header2, empty
 * front and middle, and the data segment; KEEPALIVE2 carries 8 bytes.
 * Each figure is the best of three short timed runs, about 3 s in all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "m2/m2.h"

#define RUN_SECONDS	0.025	/* one timed run */
#define RUNS		3	/* best of */

struct ctx {
	enum m2_fmt	 fmt;
	struct m2_frame	 f;
	struct m2_gcm	 tx, rx;
	uint8_t		*wire, *scratch;
	size_t		 cap, scap;
	/* raw */
	EVP_CIPHER_CTX	*e, *d;
	uint8_t		 iv[12];
	const uint8_t	*bytes;		/* the frame's plaintext bytes */
	size_t		 nbytes;
	size_t		 pieces[4];	/* raw GCM operations per frame */
	size_t		 npieces;
	uint32_t	 sink;
};

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static _Noreturn void
die(const char *what)
{
	fprintf(stderr, "bench: %s\n", what);
	exit(1);
}

/* Best rate, in calls per second, of |fn| over RUNS timed runs. */
static double
rate(void (*fn)(struct ctx *), struct ctx *c)
{
	double	best = 0;

	fn(c);					/* warm up */
	for (int r = 0; r < RUNS; r++) {
		double		t0 = now(), t;
		unsigned long	n = 0, batch = 1;

		do {
			for (unsigned long i = 0; i < batch; i++)
				fn(c);
			n += batch;
			if (batch < (1ul << 20))
				batch *= 2;
			t = now() - t0;
		} while (t < RUN_SECONDS);
		if ((double)n / t > best)
			best = (double)n / t;
	}
	return best;
}

/*
 * The same with the zero-copy sender: m2_frame_build_iov, then the
 * receiver parses the frame bytes a socket would have delivered (built
 * once in setup); copying them is the socket's work, not the codec's.
 */
static void
round_trip_iov(struct ctx *c)
{
	struct m2_frame_iov	v;
	struct m2_frame		out;

	if (m2_frame_build_iov(c->fmt, &c->f, &v) != M2_OK)
		die("build_iov");
	if (m2_frame_parse(c->fmt, NULL, c->wire, v.len, NULL, 0, &out,
	    NULL) != M2_OK)
		die("parse");
	c->sink += out.late + (uint32_t)v.niov;
}

static void
round_trip(struct ctx *c)
{
	struct m2_buf	b;
	struct m2_frame	out;
	size_t		len;

	m2_buf_init(&b, c->wire, c->cap);
	if (m2_frame_build(&b, c->fmt, m2_fmt_secure(c->fmt) ? &c->tx : NULL,
	    &c->f) != M2_OK || m2_buf_finish(&b, &len) != M2_OK)
		die("build");
	if (m2_frame_parse(c->fmt, m2_fmt_secure(c->fmt) ? &c->rx : NULL,
	    c->wire, len, c->scratch, c->scap, &out, NULL) != M2_OK)
		die("parse");
	c->sink += out.late;
}

/* Raw crc32c: what both ends of a crc frame must compute. */
static void
raw_crc(struct ctx *c)
{
	for (int side = 0; side < 2; side++) {
		c->sink += m2_crc32c(0, c->wire, 28);
		for (size_t i = 0; i < c->f.nseg; i++)
			c->sink += m2_crc32c(0xffffffffu, c->f.seg[i].p,
			    c->f.seg[i].len);
	}
}

/* Raw AES-128-GCM: seal and open the same bytes in the same pieces. */
static void
raw_gcm(struct ctx *c)
{
	uint8_t	tag[16];
	size_t	off = 0;
	int	l;

	for (size_t k = 0; k < c->npieces; k++) {
		size_t	n = c->pieces[k];

		c->iv[0]++;
		if (EVP_EncryptInit_ex(c->e, NULL, NULL, NULL, c->iv) != 1 ||
		    EVP_EncryptUpdate(c->e, c->scratch, &l, c->bytes + off,
		    (int)n) != 1 ||
		    EVP_EncryptFinal_ex(c->e, tag, &l) != 1 ||
		    EVP_CIPHER_CTX_ctrl(c->e, EVP_CTRL_AEAD_GET_TAG, 16,
		    tag) != 1)
			die("raw seal");
		if (EVP_DecryptInit_ex(c->d, NULL, NULL, NULL, c->iv) != 1 ||
		    EVP_DecryptUpdate(c->d, c->wire, &l, c->scratch,
		    (int)n) != 1 ||
		    EVP_CIPHER_CTX_ctrl(c->d, EVP_CTRL_AEAD_SET_TAG, 16,
		    tag) != 1 ||
		    EVP_DecryptFinal_ex(c->d, tag, &l) != 1)
			die("raw open");
		off += n;
	}
}

static void
setup(struct ctx *c, enum m2_fmt fmt, size_t data_len)
{
	static uint8_t		 hdr[41], stamp[8] = { 1, 0, 0, 0, 2 };
	static const uint16_t	 al[4] = { 8, 8, 8, 4096 };
	static uint8_t		 secret[64];
	struct m2_preamble	 pre;
	struct m2_span		 segs[4];
	uint8_t			 key[16], rx[12], tx[12], *data;

	memset(c, 0, sizeof(*c));
	c->fmt = fmt;
	if (data_len == 0) {
		segs[0] = (struct m2_span){ stamp, sizeof(stamp) };
		m2_frame_init(&c->f, fmt, 18, segs, NULL, 1);
	} else {
		if ((data = malloc(data_len)) == NULL)
			die("malloc");
		for (size_t i = 0; i < data_len; i++)
			data[i] = (uint8_t)(i * 131 + 7);
		segs[0] = (struct m2_span){ hdr, sizeof(hdr) };
		segs[1] = segs[2] = (struct m2_span){ NULL, 0 };
		segs[3] = (struct m2_span){ data, data_len };
		m2_frame_init(&c->f, fmt, 17, segs, al, 4);
	}
	m2_frame_preamble(&c->f, &pre);
	c->cap = (size_t)m2_frame_onwire_len(fmt, &pre);
	c->scap = (size_t)m2_frame_scratch_len(fmt, &pre) + c->cap;
	if ((c->wire = malloc(c->cap)) == NULL ||
	    (c->scratch = malloc(c->scap)) == NULL)
		die("malloc");
	memset(c->wire, 0, c->cap);
	if (!m2_fmt_secure(fmt)) {
		struct m2_buf	b;

		m2_buf_init(&b, c->wire, c->cap);
		if (m2_frame_build(&b, fmt, NULL, &c->f) != M2_OK)
			die("build");
	}
	for (size_t i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)(i * 17);
	if (m2_secure_keys(secret, 64, M2_ROLE_SERVER, key, rx, tx) != M2_OK ||
	    m2_gcm_init(&c->tx, key, tx, m2_fmt_rev1(fmt)) != M2_OK ||
	    m2_gcm_init(&c->rx, key, tx, m2_fmt_rev1(fmt)) != M2_OK)
		die("gcm");
	/* raw GCM: the same plaintext lengths per operation as the frame */
	if ((c->e = EVP_CIPHER_CTX_new()) == NULL ||
	    (c->d = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_EncryptInit_ex(c->e, EVP_aes_128_gcm(), NULL, key, NULL) != 1 ||
	    EVP_DecryptInit_ex(c->d, EVP_aes_128_gcm(), NULL, key, NULL) != 1)
		die("evp");
	if (data_len == 0) {
		c->pieces[c->npieces++] = 80;		/* preamble + inline */
		c->bytes = c->wire;			/* cap >= 96 */
	} else {
		c->pieces[c->npieces++] = 80;
		c->pieces[c->npieces++] = (data_len + 15) / 16 * 16 + 16;
		if ((data = malloc(data_len + 96 + 32)) == NULL)
			die("malloc");
		memset(data, 0, data_len + 96 + 32);
		c->bytes = data;
		c->nbytes = data_len + 96 + 32;
	}
}

static void
teardown(struct ctx *c)
{
	m2_gcm_wipe(&c->tx);
	m2_gcm_wipe(&c->rx);
	EVP_CIPHER_CTX_free(c->e);
	EVP_CIPHER_CTX_free(c->d);
	if (c->f.nseg == 4) {
		free((void *)(uintptr_t)c->f.seg[3].p);
		free((void *)(uintptr_t)c->bytes);
	}
	free(c->wire);
	free(c->scratch);
}

int
main(void)
{
	static const size_t	sizes[] = { 4u << 10, 64u << 10, 4u << 20 };
	static const char	*names[] = { "4 KiB", "64 KiB", "4 MiB" };
	static const enum m2_fmt fmts[] = { M2_FMT_REV1_CRC,
	    M2_FMT_REV1_SECURE };
	static const char	*rows[] = { "msgr2.1-crc", "msgr2.1-secure",
	    "msgr2.1-crc iov" };
	struct ctx		c;
	double			t0 = now();

	printf("%-16s %-8s %14s %14s %8s\n", "frame", "data",
	    "codec GB/s", "raw GB/s", "codec/raw");
	for (size_t k = 0; k < 3; k++)
		for (size_t s = 0; s < 3; s++) {
			double	r, raw, gb = (double)sizes[s] / 1e9;

			setup(&c, fmts[k % 2], sizes[s]);
			r = rate(k == 2 ? round_trip_iov : round_trip, &c);
			raw = rate(m2_fmt_secure(fmts[k % 2]) ? raw_gcm :
			    raw_crc, &c);
			printf("%-16s %-8s %14.2f %14.2f %7.0f%%\n",
			    rows[k], names[s], r * gb, raw * gb, 100 * r / raw);
			teardown(&c);
		}
	printf("\n%-16s %-8s %14s %14s %8s\n", "frame", "", "codec M/s",
	    "raw M/s", "codec/raw");
	for (size_t k = 0; k < 3; k++) {
		double	r, raw;

		setup(&c, fmts[k % 2], 0);
		r = rate(k == 2 ? round_trip_iov : round_trip, &c);
		raw = rate(m2_fmt_secure(fmts[k % 2]) ? raw_gcm : raw_crc, &c);
		printf("%-16s %-8s %14.2f %14.2f %7.0f%%\n", rows[k],
		    "KEEPALIVE2", r / 1e6, raw / 1e6, 100 * r / raw);
		teardown(&c);
	}
	printf("\n(round trip = build + parse; raw = the same crc32c or "
	    "AES-GCM passes alone; %.1f s, sink %u)\n", now() - t0, c.sink);
	return 0;
}
