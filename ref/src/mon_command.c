/* SPDX-License-Identifier: MIT */
/*
 * MMonCommand (50) and MMonCommandAck (51) fronts.  NOTES-h-mon.md.
 */
#include "internal.h"

/*
 * PaxosServiceMessage::paxos_encode (messages/PaxosServiceMessage.h):
 *   le64 version | le16 deprecated_session_mon (s16) |
 *   le64 deprecated_session_mon_tid
 */
static m2_err
paxos_read(struct m2_cur *c, struct m2_paxos *p, struct m2_diag *d,
    const char *what)
{
	uint16_t	sm;

	if (!m2_cur_le64(c, &p->version) || !m2_cur_le16(c, &sm) ||
	    !m2_cur_le64(c, &p->session_mon_tid))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c), what);
	p->session_mon = (int16_t)sm;
	return M2_OK;
}

static void
paxos_build(struct m2_buf *b, const struct m2_paxos *p)
{
	m2_buf_le64(b, p->version);
	m2_buf_le16(b, (uint16_t)p->session_mon);
	m2_buf_le64(b, p->session_mon_tid);
}

static size_t
paxos_fmt(char *s, size_t n, const struct m2_paxos *p)
{
	return m2_fmt(s, n, 0, "version=%llu session_mon=%d "
	    "session_mon_tid=%llu", (unsigned long long)p->version,
	    (int)p->session_mon, (unsigned long long)p->session_mon_tid);
}

#define PAXOS_LEN	18

/*
 * MMonCommand::encode_payload (messages/MMonCommand.h):
 *   paxos fields (18) | uuid_d fsid, 16 raw bytes | vector<string> cmd
 */
m2_err
m2_mon_command_parse(struct m2_cur *c, struct m2_mon_command *out,
    struct m2_diag *d)
{
	m2_err	e;

	memset(out, 0, sizeof(*out));
	if ((e = paxos_read(c, &out->paxos, d, "mon_command.paxos")) != M2_OK)
		return e;
	if (!m2_cur_bytes(c, out->fsid, sizeof(out->fsid)))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "mon_command.fsid");
	if ((e = m2_mon_strs_read(c, M2_MAX_MON_CMD, out->cmd,
	    &out->n_cmd)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "mon_command.cmd");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "mon_command");
	return M2_OK;
}

/* MMonCommand::encode_payload; layout above. */
void
m2_mon_command_build(struct m2_buf *b, const struct m2_mon_command *in)
{
	size_t	start = b->len;

	assert(in->n_cmd <= M2_MAX_MON_CMD);
	paxos_build(b, &in->paxos);
	m2_buf_bytes(b, in->fsid, sizeof(in->fsid));
	m2_mon_strs_build(b, in->cmd, in->n_cmd);
	assert(b->overflow || b->len - start == m2_mon_command_size(in));
	(void)start;
}

/* see m2/mon.h */
size_t
m2_mon_command_size(const struct m2_mon_command *in)
{
	return PAXOS_LEN + 16 + m2_mon_strs_size(in->cmd, in->n_cmd);
}

/* see m2/mon.h */
size_t
m2_mon_command_dump(const struct m2_mon_command *in, char *s, size_t n)
{
	size_t	at;

	at = paxos_fmt(s, n, &in->paxos);
	at = m2_fmt(s, n, at, " fsid=");
	at = m2_fmt_uuid(s, n, at, in->fsid);
	at = m2_fmt(s, n, at, " cmd=");
	return m2_fmt_strs(s, n, at, in->cmd, in->n_cmd);
}

/* see m2/mon.h */
void
m2_mon_command_init(struct m2_mon_command *m, const uint8_t fsid[16],
    const char *json)
{
	memset(m, 0, sizeof(*m));
	m->paxos.session_mon = -1;
	memcpy(m->fsid, fsid, sizeof(m->fsid));
	m->n_cmd = 1;
	m->cmd[0].p = (const uint8_t *)json;
	m->cmd[0].len = strlen(json);
}

/*
 * MMonCommandAck::encode_payload (messages/MMonCommandAck.h):
 *   paxos fields (18) | errorcode32_t r, le32 | string rs |
 *   vector<string> cmd
 */
m2_err
m2_mon_command_ack_parse(struct m2_cur *c, struct m2_mon_command_ack *out,
    struct m2_diag *d)
{
	uint32_t	r;
	m2_err		e;

	memset(out, 0, sizeof(*out));
	if ((e = paxos_read(c, &out->paxos, d, "mon_command_ack.paxos")) !=
	    M2_OK)
		return e;
	if (!m2_cur_le32(c, &r))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "mon_command_ack.r");
	out->r = (int32_t)r;
	if ((e = m2_mon_str_read(c, &out->rs)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "mon_command_ack.rs");
	if ((e = m2_mon_strs_read(c, M2_MAX_MON_CMD, out->cmd,
	    &out->n_cmd)) != M2_OK)
		return m2_diag_at(d, e, m2_cur_off(c), "mon_command_ack.cmd");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "mon_command_ack");
	return M2_OK;
}

/* MMonCommandAck::encode_payload; layout above. */
void
m2_mon_command_ack_build(struct m2_buf *b, const struct m2_mon_command_ack *in)
{
	size_t	start = b->len;

	assert(in->n_cmd <= M2_MAX_MON_CMD);
	paxos_build(b, &in->paxos);
	m2_buf_le32(b, (uint32_t)in->r);
	m2_mon_str_build(b, in->rs);
	m2_mon_strs_build(b, in->cmd, in->n_cmd);
	assert(b->overflow || b->len - start == m2_mon_command_ack_size(in));
	(void)start;
}

/* see m2/mon.h */
size_t
m2_mon_command_ack_size(const struct m2_mon_command_ack *in)
{
	return PAXOS_LEN + 4 + 4 + in->rs.len +
	    m2_mon_strs_size(in->cmd, in->n_cmd);
}

/* see m2/mon.h */
size_t
m2_mon_command_ack_dump(const struct m2_mon_command_ack *in, char *s,
    size_t n)
{
	size_t	at;

	at = paxos_fmt(s, n, &in->paxos);
	at = m2_fmt(s, n, at, " r=%d rs=", (int)in->r);
	at = m2_fmt_qstr(s, n, at, in->rs);
	at = m2_fmt(s, n, at, " cmd=");
	return m2_fmt_strs(s, n, at, in->cmd, in->n_cmd);
}

/* see m2/mon.h */
void
m2_mon_command_ack_init(struct m2_mon_command_ack *a, int32_t r,
    const char *rs, const struct m2_mon_command *req)
{
	memset(a, 0, sizeof(*a));
	a->paxos.session_mon = -1;
	a->r = r;
	a->rs.p = (const uint8_t *)rs;
	a->rs.len = strlen(rs);
	a->n_cmd = req->n_cmd;
	memcpy(a->cmd, req->cmd, sizeof(a->cmd));
}

M2_CODEC_ROW(mon_command, struct m2_mon_command, 0, 0);
M2_CODEC_ROW(mon_command_ack, struct m2_mon_command_ack, 0, 0);
