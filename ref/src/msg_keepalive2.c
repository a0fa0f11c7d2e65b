/* SPDX-License-Identifier: MIT */
/*
 * The KEEPALIVE2 (tag 18) and KEEPALIVE2_ACK (tag 19) payloads: one
 * utime_t each, one parser.  SPEC-NOTES §4, §8.3.
 */
#include "internal.h"

/* Field paths of one of the two payloads. */
struct stamp_names {
	const char	*sec;
	const char	*nsec;
	const char	*all;
};

static const struct stamp_names	keepalive2_names = {
	"keepalive2.sec", "keepalive2.nsec", "keepalive2",
};
static const struct stamp_names	keepalive2_ack_names = {
	"keepalive2_ack.sec", "keepalive2_ack.nsec", "keepalive2_ack",
};

/*
 * KEEPALIVE2 and KEEPALIVE2_ACK.  SPEC §4.2 · ceph frames_v2.h
 * KeepAliveFrame, KeepAliveFrameAck (utime_t::encode: two le32),
 * ProtocolV2::handle_keepalive2, handle_keepalive2_ack · kernel
 * messenger_v2.c prepare_keepalive2, process_keepalive2_ack
 *   le32 sec | le32 nsec
 */
static m2_err
stamp_parse(struct m2_cur *c, uint32_t *sec, uint32_t *nsec,
    const struct stamp_names *name, struct m2_diag *d)
{
	if (!m2_cur_le32(c, sec))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), name->sec);
	if (!m2_cur_le32(c, nsec))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), name->nsec);
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c), name->all);
	return M2_OK;
}

/*
 * Both stamps, as ceph KeepAliveFrame::Encode (ceph_clock_now),
 * KeepAliveFrameAck::Encode (the stamp received) and kernel
 * prepare_keepalive2 (ceph_encode_timespec64) write them; layout above.
 */
static void
stamp_build(struct m2_buf *b, uint32_t sec, uint32_t nsec)
{
	m2_buf_le32(b, sec);
	m2_buf_le32(b, nsec);
}

static size_t
stamp_dump(uint32_t sec, uint32_t nsec, char *s, size_t n)
{
	return m2_fmt(s, n, 0, "sec=%u nsec=%u", (unsigned)sec,
	    (unsigned)nsec);
}

/* see m2/msg.h */
m2_err
m2_msg_keepalive2_parse(struct m2_cur *c, struct m2_keepalive2 *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return stamp_parse(c, &out->sec, &out->nsec, &keepalive2_names, d);
}

/* see m2/msg.h */
void
m2_msg_keepalive2_build(struct m2_buf *b, const struct m2_keepalive2 *in)
{
	stamp_build(b, in->sec, in->nsec);
}

/* see m2/msg.h */
size_t
m2_msg_keepalive2_size(const struct m2_keepalive2 *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_keepalive2_dump(const struct m2_keepalive2 *in, char *s, size_t n)
{
	return stamp_dump(in->sec, in->nsec, s, n);
}

/* see m2/msg.h */
m2_err
m2_msg_keepalive2_ack_parse(struct m2_cur *c, struct m2_keepalive2_ack *out,
    struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	return stamp_parse(c, &out->sec, &out->nsec, &keepalive2_ack_names, d);
}

/* see m2/msg.h */
void
m2_msg_keepalive2_ack_build(struct m2_buf *b,
    const struct m2_keepalive2_ack *in)
{
	stamp_build(b, in->sec, in->nsec);
}

/* see m2/msg.h */
size_t
m2_msg_keepalive2_ack_size(const struct m2_keepalive2_ack *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_keepalive2_ack_dump(const struct m2_keepalive2_ack *in, char *s,
    size_t n)
{
	return stamp_dump(in->sec, in->nsec, s, n);
}

M2_CODEC_ROW(msg_keepalive2, struct m2_keepalive2, 1, 0);
M2_CODEC_ROW(msg_keepalive2_ack, struct m2_keepalive2_ack, 1, 0);
