/* SPDX-License-Identifier: MIT */
/*
 * The minimal monitor behind m2server (see tool_server.h): enough of
 * Monitor's client side for Debian's `ceph` CLI and librados to connect
 * and run a command.
 *
 *   MMonGetMap                -> MMonMap (our one-monitor map)
 *   MMonSubscribe monmap      -> MMonMap;  config -> MConfig (empty)
 *                                (other maps are noted and not sent)
 *   MMonCommand               -> MMonCommandAck: get_command_descriptions,
 *                                mon dump (plain and json), status,
 *                                config generate-minimal-conf; a wrong
 *                                fsid gets -EPERM, anything else -EINVAL
 *   KEEPALIVE2                -> KEEPALIVE2_ACK (in m2_conn_recv)
 *
 * Replies carry the priority and versions the real monitor uses
 * (captures: 196, version 1).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tool_server.h"

#define MON_NAME	"a"

/* Our commands, as get_command_descriptions describes them (Ceph's JSON). */
static const char cmd_descs[] =
    "{\"cmd000\": {\"sig\": [\"mon\", \"dump\", {\"name\": \"epoch\", "
    "\"range\": \"0\", \"req\": \"false\", \"type\": \"CephInt\"}], "
    "\"help\": \"print the monitor map\", \"module\": \"mon\", "
    "\"perm\": \"r\", \"flags\": 0}, "
    "\"cmd001\": {\"sig\": [\"status\"], \"help\": \"print cluster status\", "
    "\"module\": \"mon\", \"perm\": \"r\", \"flags\": 0}, "
    "\"cmd002\": {\"sig\": [\"config\", \"generate-minimal-conf\"], "
    "\"help\": \"print a minimal ceph.conf\", \"module\": \"config\", "
    "\"perm\": \"r\", \"flags\": 0}}";

static void
uuid_text(const uint8_t u[16], char out[37])
{
	static const char d[] = "0123456789abcdef";
	size_t k = 0;

	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		out[k++] = d[u[i] >> 4];
		out[k++] = d[u[i] & 15];
	}
	out[k] = '\0';
}

static void
our_monmap(struct tool_server *srv, struct m2_monmap *m)
{
	struct m2_utime t = { (uint32_t)srv->created, 0 };

	m2_monmap_init(m, srv->fsid, 1, t, MON_NAME, &srv->addrs);
}

static m2_err
send_reply(struct m2_conn *c, uint16_t type, uint64_t tid, const uint8_t *front,
    size_t flen, const uint8_t *data, size_t dlen)
{
	struct m2_header2 h;
	struct m2_span none = { NULL, 0 };

	memset(&h, 0, sizeof(h));
	h.type = type;
	h.version = 1;
	h.compat_version = 1;
	h.priority = M2_MSG_PRIO_HIGH;
	h.tid = tid;
	return m2_conn_send_message(c, &h, (struct m2_span){ front, flen },
	    none, (struct m2_span){ data, dlen });
}

static m2_err
send_monmap(struct tool_server *srv, struct m2_conn *c)
{
	static _Thread_local uint8_t map[8192], front[8200];
	struct m2_monmap m;
	struct m2_mon_map mm;
	struct m2_buf b;
	size_t len;

	our_monmap(srv, &m);
	m2_buf_init(&b, map, sizeof(map));
	m2_monmap_build(&b, &m);
	if (m2_buf_finish(&b, &len) != M2_OK)
		return M2_E_NOSPC;
	mm.monmap = (struct m2_span){ map, len };
	m2_buf_init(&b, front, sizeof(front));
	m2_mon_map_build(&b, &mm);
	if (m2_buf_finish(&b, &len) != M2_OK)
		return M2_E_NOSPC;
	return send_reply(c, M2_MSG_MON_MAP, 0, front, len, NULL, 0);
}

static m2_err
send_config(struct m2_conn *c)
{
	struct m2_mon_config cfg;
	uint8_t front[16];
	struct m2_buf b;
	size_t len;

	memset(&cfg, 0, sizeof(cfg));
	m2_buf_init(&b, front, sizeof(front));
	m2_mon_config_build(&b, &cfg);
	if (m2_buf_finish(&b, &len) != M2_OK)
		return M2_E_NOSPC;
	return send_reply(c, M2_MSG_CONFIG, 0, front, len, NULL, 0);
}

/*
 * The value of a top-level string field in a command's JSON, e.g.
 * "prefix"; 0 if absent.  Enough for the flat objects clients send.
 */
static int
json_field(struct m2_span js, const char *key, char *out, size_t cap)
{
	char pat[64];
	size_t kl;
	const char *p, *end = (const char *)js.p + js.len;

	kl = (size_t)snprintf(pat, sizeof(pat), "\"%s\"", key);
	for (p = (const char *)js.p; p + kl <= end; p++) {
		size_t k = 0;

		if (memcmp(p, pat, kl) != 0)
			continue;
		p += kl;
		while (p < end && (*p == ' ' || *p == ':'))
			p++;
		if (p >= end || *p != '"')
			return 0;
		for (p++; p < end && *p != '"' && k + 1 < cap; p++)
			out[k++] = *p;
		out[k] = '\0';
		return 1;
	}
	return 0;
}

static m2_err
handle_command(struct tool_server *srv, struct m2_conn *c,
    const struct m2_message *msg, const char *prefix_log)
{
	static _Thread_local char data[16384];
	static _Thread_local uint8_t front[8192];
	struct m2_mon_command cmd;
	struct m2_mon_command_ack ack;
	struct m2_monmap m;
	char prefix[128] = "", format[32] = "", rs[128] = "", fsid[37];
	struct m2_cur cur;
	struct m2_buf b;
	size_t dlen = 0, flen;
	int32_t r = 0;
	m2_err e;

	m2_cur_init(&cur, msg->front.p, msg->front.len);
	e = m2_mon_command_parse(&cur, &cmd, NULL);
	if (e != M2_OK && e != M2_E_TRAILING) {
		tool_server_log(srv, "%sbad MMonCommand: %s", prefix_log,
		    m2_err_name(e));
		return M2_OK;
	}
	uuid_text(srv->fsid, fsid);
	if (cmd.n_cmd > 0) {
		json_field(cmd.cmd[0], "prefix", prefix, sizeof(prefix));
		json_field(cmd.cmd[0], "format", format, sizeof(format));
	}
	our_monmap(srv, &m);
	if (memcmp(cmd.fsid, srv->fsid, 16) != 0) {
		r = -1;
		snprintf(rs, sizeof(rs), "wrong fsid");
	} else if (strcmp(prefix, "get_command_descriptions") == 0) {
		dlen = (size_t)snprintf(data, sizeof(data), "%s", cmd_descs);
	} else if (strcmp(prefix, "mon dump") == 0) {
		if (strncmp(format, "json", 4) == 0) {
			char av[512];

			m2_addrvec_dump(&srv->addrs, av, sizeof(av));
			dlen = (size_t)snprintf(data, sizeof(data),
			    "{\"epoch\":1,\"fsid\":\"%s\",\"mons\":[{\"rank\":0,"
			    "\"name\":\"%s\",\"public_addrs\":\"%s\"}]}\n",
			    fsid, MON_NAME, av);
		} else {
			dlen = m2_monmap_print(&m, data, sizeof(data));
		}
		snprintf(rs, sizeof(rs), "dumped monmap epoch %u", m.epoch);
	} else if (strcmp(prefix, "status") == 0) {
		dlen = (size_t)snprintf(data, sizeof(data),
		    "  cluster:\n    id:     %s\n    health: HEALTH_OK\n \n"
		    "  services:\n    mon: 1 daemons, quorum %s (m2 reference "
		    "server)\n \n", fsid, MON_NAME);
	} else if (strcmp(prefix, "config generate-minimal-conf") == 0) {
		char av[512];

		m2_addrvec_dump(&srv->addrs, av, sizeof(av));
		dlen = (size_t)snprintf(data, sizeof(data),
		    "# minimal ceph.conf for %s\n[global]\n\tfsid = %s\n"
		    "\tmon_host = %s\n", fsid, fsid, av);
	} else {
		r = -22;
		snprintf(rs, sizeof(rs), "command not known");
	}
	if (dlen >= sizeof(data))
		dlen = sizeof(data) - 1;
	tool_server_log(srv, "%scommand \"%s\" -> %d (%zu bytes)", prefix_log,
	    prefix, r, dlen);
	m2_mon_command_ack_init(&ack, r, rs, &cmd);
	m2_buf_init(&b, front, sizeof(front));
	m2_mon_command_ack_build(&b, &ack);
	if ((e = m2_buf_finish(&b, &flen)) != M2_OK)
		return e;
	return send_reply(c, M2_MSG_MON_COMMAND_ACK, msg->h.tid, front, flen,
	    (const uint8_t *)data, dlen);
}

static m2_err
handle_subscribe(struct tool_server *srv, struct m2_conn *c,
    const struct m2_message *msg, const char *prefix_log)
{
	struct m2_mon_subscribe sub;
	struct m2_cur cur;
	char what[512];
	m2_err e;

	m2_cur_init(&cur, msg->front.p, msg->front.len);
	e = m2_mon_subscribe_parse_version(&cur, msg->h.version, &sub, NULL);
	if (e != M2_OK && e != M2_E_TRAILING) {
		tool_server_log(srv, "%sbad MMonSubscribe: %s", prefix_log,
		    m2_err_name(e));
		return M2_OK;
	}
	m2_mon_subscribe_dump(&sub, what, sizeof(what));
	tool_server_log(srv, "%ssubscribe %s", prefix_log, what);
	for (uint32_t i = 0; i < sub.n; i++) {
		struct m2_span w = sub.item[i].what;

		if (w.len == 6 && memcmp(w.p, "monmap", 6) == 0)
			e = send_monmap(srv, c);
		else if (w.len == 6 && memcmp(w.p, "config", 6) == 0)
			e = send_config(c);
		else
			e = M2_OK;
		if (e != M2_OK)
			return e;
	}
	return M2_OK;
}

/* see tool_server.h */
void
tool_mon_serve(struct tool_server *srv, struct m2_conn *c, const char *prefix)
{
	struct m2_message m;
	m2_err e = M2_OK;

	/* Ready: an idle peer may stay as long as Ceph's
	 * ms_connection_idle_timeout (900 s); handshakes keep the short one. */
	c->sock.timeout_ms = 900 * 1000;
	for (;;) {
		if ((e = m2_conn_recv(c, &m, 0)) != M2_OK)
			break;
		switch (m.h.type) {
		case M2_MSG_MON_GET_MAP:
			tool_server_log(srv, "%sget monmap", prefix);
			e = send_monmap(srv, c);
			break;
		case M2_MSG_MON_SUBSCRIBE:
			e = handle_subscribe(srv, c, &m, prefix);
			break;
		case M2_MSG_MON_COMMAND:
			e = handle_command(srv, c, &m, prefix);
			break;
		default:
			tool_server_log(srv, "%smessage type %u (%zu bytes) "
			    "ignored", prefix, m.h.type, m.front.len);
			break;
		}
		if (e != M2_OK)
			break;
	}
	tool_server_log(srv, "%sclosed: %s [%s]", prefix, c->why,
	    m2_err_name(e));
}
