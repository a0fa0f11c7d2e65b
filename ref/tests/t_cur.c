/* SPDX-License-Identifier: MIT */
/*
 * The cursor and buffer contracts (m2/cur.h, m2/buf.h), exhaustively over
 * short inputs: a primitive that fails leaves the cursor unchanged; one
 * that succeeds consumes exactly its width; counts are checked before any
 * element is read; the write buffer's overflow is sticky.
 */
#include "t.h"

static const uint8_t	bytes[16] = {
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
};

static int
same(const struct m2_cur *a, const struct m2_cur *b)
{
	return a->p == b->p && a->len == b->len && a->origin == b->origin;
}

/* Each primitive on every length 0..16: fits => consumed, else untouched. */
static void
t_primitives(void)
{
	for (size_t n = 0; n <= sizeof(bytes); n++) {
		static const size_t	width[] = { 1, 2, 2, 4, 8, 3, 5 };

		for (size_t w = 0; w < sizeof(width) / sizeof(width[0]); w++) {
			struct m2_cur	c, before;
			struct m2_span	s;
			uint8_t		u8, out[8];
			uint16_t	u16;
			uint32_t	u32;
			uint64_t	u64;
			int		ok;

			m2_cur_init(&c, bytes, n);
			before = c;
			switch (w) {
			case 0: ok = m2_cur_u8(&c, &u8); break;
			case 1: ok = m2_cur_le16(&c, &u16); break;
			case 2: ok = m2_cur_be16(&c, &u16); break;
			case 3: ok = m2_cur_le32(&c, &u32); break;
			case 4: ok = m2_cur_le64(&c, &u64); break;
			case 5: ok = m2_cur_bytes(&c, out, 3); break;
			default: ok = m2_cur_span(&c, 5, &s); break;
			}
			T_EQ(ok, n >= width[w]);
			if (ok) {
				T_EQ(c.len, n - width[w]);
				T_CHECK(c.p == bytes + width[w], "advance");
				T_EQ(m2_cur_off(&c), width[w]);
			} else {
				T_CHECK(same(&c, &before), "width %zu len %zu "
				    "moved the cursor", width[w], n);
			}
		}
	}
}

static void
t_values(void)
{
	struct m2_cur	c;
	uint16_t	v16;
	uint32_t	v32;
	uint64_t	v64;

	m2_cur_init(&c, bytes, sizeof(bytes));
	T_CHECK(m2_cur_le16(&c, &v16) && v16 == 0x0201, "le16");
	T_CHECK(m2_cur_be16(&c, &v16) && v16 == 0x0304, "be16");
	T_CHECK(m2_cur_le32(&c, &v32) && v32 == 0x08070605, "le32");
	T_CHECK(m2_cur_le64(&c, &v64) && v64 == 0x100f0e0d0c0b0a09ull,
	    "le64");
	T_EQ(m2_cur_len(&c), 0);
}

/* lp32: the sub-view is bounded and keeps absolute offsets. */
static void
t_lp32(void)
{
	uint8_t		in[12] = { 0xaa, 4, 0, 0, 0, 1, 2, 3, 4, 0xbb };
	struct m2_cur	c, body, before;
	uint8_t		u8;
	uint32_t	v;

	m2_cur_init(&c, in, 10);
	T_CHECK(m2_cur_u8(&c, &u8), "u8");
	T_CHECK(m2_cur_lp32(&c, &body), "lp32");
	T_EQ(body.len, 4);
	T_EQ(m2_cur_off(&body), 5);
	T_CHECK(m2_cur_le32(&body, &v) && v == 0x04030201, "body");
	T_CHECK(!m2_cur_u8(&body, &u8), "body is bounded");
	T_EQ(m2_cur_len(&c), 1);

	/* A length past the end fails and leaves the cursor alone. */
	for (size_t n = 0; n < 8; n++) {
		m2_cur_init(&c, in + 1, n);
		before = c;
		T_CHECK(!m2_cur_lp32(&c, &body), "lp32 on %zu bytes", n);
		T_CHECK(same(&c, &before), "lp32 moved the cursor");
	}
}

/* count: over the cap is LIMIT, past the input is TRUNC, never a loop. */
static void
t_count(void)
{
	uint8_t		in[12] = { 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0 };
	uint8_t		huge[4] = { 0xff, 0xff, 0xff, 0xff };
	struct m2_cur	c, before;
	uint32_t	n = 99;

	m2_cur_init(&c, in, sizeof(in));
	T_OK(m2_cur_count(&c, 2, 4, &n));
	T_EQ(n, 2);
	m2_cur_init(&c, in, sizeof(in));
	before = c;
	T_ERR(m2_cur_count(&c, 1, 4, &n), M2_E_LIMIT);
	T_CHECK(same(&c, &before), "count moved the cursor");
	m2_cur_init(&c, in, 11);
	T_ERR(m2_cur_count(&c, 16, 4, &n), M2_E_TRUNC);
	T_CHECK(same(&c, &before) || c.len == 11, "count moved");
	m2_cur_init(&c, huge, 4);
	T_ERR(m2_cur_count(&c, UINT32_MAX, 1, &n), M2_E_TRUNC);
	T_EQ(c.len, 4);
	m2_cur_init(&c, huge, 3);
	T_ERR(m2_cur_count(&c, 16, 1, &n), M2_E_TRUNC);
}

/* envelope: compat over the max, struct_len past the end. */
static void
t_envelope(void)
{
	uint8_t		ok[8] = { 1, 1, 2, 0, 0, 0, 0xaa, 0xbb };
	uint8_t		newer[8] = { 3, 2, 2, 0, 0, 0, 0xaa, 0xbb };
	uint8_t		v;
	struct m2_cur	c, body;

	m2_cur_init(&c, ok, sizeof(ok));
	T_OK(m2_cur_envelope(&c, 1, &v, &body));
	T_EQ(v, 1);
	T_EQ(body.len, 2);
	T_EQ(m2_cur_off(&body), 6);
	m2_cur_init(&c, newer, sizeof(newer));
	T_ERR(m2_cur_envelope(&c, 1, &v, &body), M2_E_COMPAT);
	T_EQ(c.len, 8);
	for (size_t n = 0; n < sizeof(ok); n++) {
		m2_cur_init(&c, ok, n);
		T_ERR(m2_cur_envelope(&c, 1, &v, &body), M2_E_TRUNC);
		T_EQ(c.len, n);
	}
}

static void
t_buf(void)
{
	uint8_t		mem[8];
	struct m2_buf	b;
	size_t		len, at;

	m2_buf_init(&b, mem, sizeof(mem));
	m2_buf_le32(&b, 0x04030201);
	m2_buf_be16(&b, 0x0506);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, 6);
	T_MEM(mem, "\x01\x02\x03\x04\x05\x06", 6);
	m2_buf_le32(&b, 1);			/* does not fit */
	m2_buf_u8(&b, 1);			/* would fit: still sticky */
	T_ERR(m2_buf_finish(&b, &len), M2_E_NOSPC);
	T_EQ(b.len, 6);

	m2_buf_init(&b, mem, sizeof(mem));
	at = m2_buf_lp32_begin(&b);
	m2_buf_u8(&b, 0xee);
	m2_buf_u8(&b, 0xff);
	m2_buf_lp32_end(&b, at);
	T_OK(m2_buf_finish(&b, &len));
	T_MEM(mem, "\x02\x00\x00\x00\xee\xff", 6);

	m2_buf_init(&b, NULL, 0);
	m2_buf_u8(&b, 0);
	T_ERR(m2_buf_finish(&b, NULL), M2_E_NOSPC);
}

static void
t_errors(void)
{
	struct m2_diag	d;

	T_STR(m2_err_name(M2_E_TRUNC), "M2_E_TRUNC");
	T_EQ(m2_err_from_name("M2_E_BADCRC"), M2_E_BADCRC);
	T_EQ(m2_err_from_name("nonsense"), M2_E_USAGE);
	T_EQ(m2_diag_at(&d, M2_E_LIMIT, 7, "x.y"), M2_E_LIMIT);
	T_EQ(d.off, 7);
	T_STR(d.field, "x.y");
	T_EQ(m2_diag_crc(&d, 28, "preamble.crc", 1, 2), M2_E_BADCRC);
	T_EQ(d.expected, 1);
	T_EQ(m2_diag_at(NULL, M2_E_TRUNC, 0, "z"), M2_E_TRUNC);
}

int
main(void)
{
	t_primitives();
	t_values();
	t_lp32();
	t_count();
	t_envelope();
	t_buf();
	t_errors();
	return T_DONE();
}
