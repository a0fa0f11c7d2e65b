/* SPDX-License-Identifier: MIT */
/*
 * Monitor commands for m2client (see tool_common.h): get the monmap (for
 * the fsid MMonCommand must carry), send MMonCommand, wait for the
 * MMonCommandAck with the same tid, and print as the `ceph` CLI does:
 * the output buffer on stdout, the status string on stderr, and
 * "Error EXXX: ..." with a non-zero exit status when r < 0.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "m2/mon.h"
#include "tool_common.h"

static size_t
json_escape(char *out, size_t cap, size_t at, const char *s)
{
	for (; *s && at + 7 < cap; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			out[at++] = '\\';
			out[at++] = (char)ch;
		} else if (ch < 0x20) {
			at += (size_t)snprintf(out + at, cap - at, "\\u%04x",
			    ch);
		} else {
			out[at++] = (char)ch;
		}
	}
	out[at] = '\0';
	return at;
}

/* "mon dump" -> {"prefix": "mon dump"}; a word starting with '{' is JSON. */
static int
command_json(const char *const *words, size_t n, int json, char *out,
    size_t cap)
{
	size_t at;

	if (n == 1 && words[0][0] == '{') {
		snprintf(out, cap, "%s", words[0]);
		return 0;
	}
	at = (size_t)snprintf(out, cap, "{\"prefix\": \"");
	for (size_t i = 0; i < n && at < cap; i++) {
		if (i > 0 && at + 1 < cap)
			out[at++] = ' ';
		at = json_escape(out, cap, at, words[i]);
	}
	if (at + 32 >= cap)
		return -1;
	at += (size_t)snprintf(out + at, cap - at, "\"%s}",
	    json ? ", \"format\": \"json\"" : "");
	return 0;
}

static const char *
errno_token(int r)
{
	switch (-r) {
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case EINVAL: return "EINVAL";
	case EAGAIN: return "EAGAIN";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	default: return "E?";
	}
}

static int
send_msg(struct tool_client *tc, uint16_t type, uint16_t version,
    uint64_t tid, const uint8_t *front, size_t len)
{
	struct m2_header2 h;
	struct m2_span none = { NULL, 0 };
	m2_err e;

	memset(&h, 0, sizeof(h));
	h.type = type;
	h.version = version;
	h.compat_version = 1;
	h.priority = M2_MSG_PRIO_DEFAULT;
	h.tid = tid;
	e = m2_conn_send_message(&tc->c, &h, (struct m2_span){ front, len },
	    none, none);
	if (e != M2_OK) {
		fprintf(stderr, "m2client: %s [%s]\n", tc->c.why,
		    m2_err_name(e));
		return 1;
	}
	return 0;
}

/*
 * The next message.  A lossless session outlives its connection: when
 * the connection drops, resume it (SESSION_RECONNECT; what was not acked
 * is sent again) and go on waiting, as ProtocolV2::_fault does for a
 * lossless client, at most 3 times.
 */
static m2_err
recv_msg(struct tool_client *tc, struct m2_message *m)
{
	m2_err e;

	for (int resumed = 0;; resumed++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		e = m2_conn_recv(&tc->c, m, 0);
		if (e == M2_OK || tc->c.s == NULL || tc->c.s->lossy ||
		    tc->c.s->server_cookie == 0 || resumed == 3 ||
		    (e != M2_E_EOF && e != M2_E_IO))
			return e;
		fprintf(stderr, "m2client: %s [%s]; resuming the lossless "
		    "session\n", tc->c.why, m2_err_name(e));
		nanosleep(&ts, NULL);
		if (tool_client_reconnect(tc) != 0)
			return M2_E_PEER;
	}
}

/* Ask for the monmap and keep its fsid (MMonGetMap -> MMonMap). */
static int
get_fsid(struct tool_client *tc)
{
	struct m2_message m;
	struct m2_mon_map mm;
	struct m2_monmap map;
	struct m2_cur c;
	m2_err e;

	if (send_msg(tc, M2_MSG_MON_GET_MAP, 1, 0, NULL, 0) != 0)
		return 1;
	for (int i = 0; i < 64; i++) {
		if ((e = recv_msg(tc, &m)) != M2_OK) {
			fprintf(stderr, "m2client: waiting for the monmap: %s "
			    "[%s]\n", tc->c.why, m2_err_name(e));
			return 1;
		}
		if (m.h.type != M2_MSG_MON_MAP)
			continue;
		m2_cur_init(&c, m.front.p, m.front.len);
		if ((e = m2_mon_map_parse(&c, &mm, NULL)) != M2_OK &&
		    e != M2_E_TRAILING) {
			fprintf(stderr, "m2client: bad MMonMap: %s\n",
			    m2_err_name(e));
			return 1;
		}
		m2_cur_init(&c, mm.monmap.p, mm.monmap.len);
		if ((e = m2_monmap_parse(&c, &map, NULL)) != M2_OK &&
		    e != M2_E_TRAILING) {
			fprintf(stderr, "m2client: bad MonMap: %s\n",
			    m2_err_name(e));
			return 1;
		}
		memcpy(tc->fsid, map.fsid, sizeof(tc->fsid));
		tc->have_fsid = 1;
		return 0;
	}
	fprintf(stderr, "m2client: no monmap in 64 messages\n");
	return 1;
}

/* see tool_common.h */
int
tool_client_command(struct tool_client *tc, const char *const *words,
    size_t n)
{
	static uint8_t front[8192];
	struct m2_mon_command cmd;
	struct m2_message m;
	struct m2_buf b;
	char js[4096];
	size_t len;
	m2_err e;

	if (command_json(words, n, tc->o->json, js, sizeof(js)) != 0) {
		fprintf(stderr, "m2client: command too long\n");
		return 2;
	}
	if (!tc->have_fsid && get_fsid(tc) != 0)
		return 1;
	m2_mon_command_init(&cmd, tc->fsid, js);
	m2_buf_init(&b, front, sizeof(front));
	m2_mon_command_build(&b, &cmd);
	if (m2_buf_finish(&b, &len) != M2_OK)
		return 2;
	tc->tid++;
	if (send_msg(tc, M2_MSG_MON_COMMAND, 1, tc->tid, front, len) != 0)
		return 1;
	for (int i = 0; i < 256; i++) {
		struct m2_mon_command_ack ack;
		struct m2_cur c;

		if ((e = recv_msg(tc, &m)) != M2_OK) {
			fprintf(stderr, "m2client: waiting for the command's "
			    "reply: %s [%s]\n", tc->c.why, m2_err_name(e));
			return 1;
		}
		if (m.h.type != M2_MSG_MON_COMMAND_ACK || m.h.tid != tc->tid)
			continue;
		m2_cur_init(&c, m.front.p, m.front.len);
		if ((e = m2_mon_command_ack_parse(&c, &ack, NULL)) != M2_OK &&
		    e != M2_E_TRAILING) {
			fprintf(stderr, "m2client: bad MMonCommandAck: %s\n",
			    m2_err_name(e));
			return 1;
		}
		tc->last_outlen = m.data.len;
		if (tc->o->quiet)
			return ack.r < 0 ? 1 : 0;
		if (ack.r < 0) {
			fprintf(stderr, "Error %s: %.*s\n", errno_token(ack.r),
			    (int)ack.rs.len, (const char *)ack.rs.p);
			return -ack.r;
		}
		if (ack.rs.len > 0)
			fprintf(stderr, "%.*s\n", (int)ack.rs.len,
			    (const char *)ack.rs.p);
		if (m.data.len > 0) {
			fwrite(m.data.p, 1, m.data.len, stdout);
			if (m.data.p[m.data.len - 1] != '\n')
				fputc('\n', stdout);
		}
		return 0;
	}
	fprintf(stderr, "m2client: no reply in 256 messages\n");
	return 1;
}
