/* SPDX-License-Identifier: MIT */
/*
 * The config file for the tools (see tool_common.h), read with ref's
 * ceph.conf parser (m2/conf.h) and looked up in Ceph's section order for
 * the tool's entity name: [client.admin], [client], [global].
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tool_common.h"

struct tool_conf {
	struct m2_conf	 cf;
	char		 vals[64][M2_CONF_VALUE_MAX + 1];	/* NUL copies */
	size_t		 nvals;
};

/* see tool_common.h */
int
tool_read_file(const char *path, char *buf, size_t cap, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, cap, f);
	if (n == cap && fgetc(f) != EOF) {
		fprintf(stderr, "%s: longer than %zu bytes\n", path, cap);
		fclose(f);
		return -1;
	}
	fclose(f);
	*len = n;
	return 0;
}

/* see tool_common.h */
int
tool_conf_load(struct tool_opts *o)
{
	struct tool_conf *tc;
	struct m2_cur c;
	struct m2_diag d;
	size_t len;
	m2_err e;

	if (tool_read_file(o->conf_path, o->conf_buf, sizeof(o->conf_buf),
	    &len) != 0)
		return -1;
	if ((tc = calloc(1, sizeof(*tc))) == NULL)
		return -1;
	memset(&d, 0, sizeof(d));
	m2_cur_init(&c, (const uint8_t *)o->conf_buf, len);
	if ((e = m2_ceph_conf_parse(&c, &tc->cf, &d)) != M2_OK) {
		fprintf(stderr, "%s: %s at byte %zu (%s)\n", o->conf_path,
		    m2_strerror(e), d.off, d.field ? d.field : "?");
		free(tc);
		return -1;
	}
	o->conf = tc;
	return 0;
}

/* see tool_common.h */
const char *
tool_conf_lookup(const struct tool_opts *o, const char *name)
{
	struct tool_conf *tc = o->conf;
	const char *secs[4];
	char type[32];
	struct m2_span v;
	char *out;

	if (tc == NULL)
		return NULL;
	m2_conf_sections(o->name, type, sizeof(type), secs);
	if (!m2_conf_get(&tc->cf, secs, name, &v))
		return NULL;
	if (tc->nvals == sizeof(tc->vals) / sizeof(tc->vals[0]) ||
	    v.len > M2_CONF_VALUE_MAX)
		return NULL;
	out = tc->vals[tc->nvals++];
	memcpy(out, v.p, v.len);
	out[v.len] = '\0';
	return out;
}

/* see tool_common.h */
void
tool_conf_free(struct tool_opts *o)
{
	free(o->conf);
	o->conf = NULL;
}
