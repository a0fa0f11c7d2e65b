/* SPDX-License-Identifier: MIT */
/*
 * Auth none on both sides, and entity names (m2/conn.h).
 * ceph src/auth/none/AuthNoneClientHandler.h, AuthNoneServiceHandler.h;
 * the payload layout is the monitor request of SPEC-NOTES §7:
 *   u8 mode | le32 entity type | le32 len, id | le64 global_id
 */
#include "conn_int.h"

#include <stdatomic.h>

/* see m2/conn.h */
const char *
m2_entity_type_label(uint32_t type)
{
	const char *n = m2_entity_type_name(type);

	return n != NULL ? n : "unknown";
}

/* see m2/conn.h */
int
m2_entity_name_parse(const char *s, struct m2_entity_name *n)
{
	size_t len = strlen(s), dot;

	memset(n, 0, sizeof(*n));
	if (!m2_entity_split((const uint8_t *)s, len, &n->type, &dot) ||
	    len - dot - 1 >= sizeof(n->id)) {
		n->type = 0;
		return 0;
	}
	memcpy(n->id, s + dot + 1, len - dot);
	return 1;
}

static m2_err
none_request(void *arg, uint64_t global_id, struct m2_buf *out)
{
	const struct m2_auth_none *st = arg;
	size_t idlen = strlen(st->name.id);

	m2_buf_u8(out, st->mode);
	m2_buf_le32(out, st->name.type);
	m2_buf_lp32(out, (struct m2_span){ (const uint8_t *)st->name.id,
	    idlen });
	m2_buf_le64(out, global_id);
	return M2_OK;
}

static m2_err
none_done(void *arg, struct m2_span in, struct m2_auth_result *res,
    struct m2_diag *d)
{
	(void)arg;
	(void)in;
	(void)d;
	res->session_key_len = 0;
	res->con_secret_len = 0;
	return M2_OK;
}

/* see m2/conn.h */
void
m2_auth_none_client(struct m2_client_auth *a, struct m2_auth_none *st)
{
	memset(a, 0, sizeof(*a));
	a->method = M2_AUTH_NONE;
	a->arg = st;
	a->request = none_request;
	a->more = NULL;
	a->done = none_done;
}

/* see m2/conn.h */
int
m2_auth_none_server(void *arg, uint32_t method, uint32_t con_mode, int first,
    struct m2_span in, struct m2_buf *out, struct m2_auth_result *res,
    char *why, size_t why_len)
{
	_Atomic uint64_t *next = arg;
	struct m2_cur c, id;
	uint8_t mode;
	uint32_t type;
	uint64_t gid;

	(void)out;
	(void)con_mode;
	if (method != M2_AUTH_NONE || !first) {
		snprintf(why, why_len, "auth none takes one round");
		return -22;
	}
	m2_cur_init(&c, in.p, in.len);
	if (!m2_cur_u8(&c, &mode) || !m2_cur_le32(&c, &type) ||
	    !m2_cur_lp32(&c, &id) || !m2_cur_le64(&c, &gid)) {
		snprintf(why, why_len, "auth none: the request payload does "
		    "not decode (%zu bytes)", in.len);
		return -22;
	}
	if (gid == 0)
		gid = atomic_fetch_add(next, 1);
	res->global_id = gid;
	res->session_key_len = 0;
	res->con_secret_len = 0;
	snprintf(why, why_len, "entity %s.%.*s", m2_entity_type_label(type),
	    (int)(id.len > 64 ? 64 : id.len), (const char *)id.p);
	return 1;
}
