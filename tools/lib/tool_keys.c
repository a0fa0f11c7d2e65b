/* SPDX-License-Identifier: MIT */
/*
 * Keys for the tools (see tool_common.h): --key, or a keyring file read
 * with ref's keyring parser (m2/conf.h).  The keyring option may be a
 * list of paths with metavariables ($cluster, $name, ...), as in Ceph;
 * the first that opens is used.
 */
#include <stdlib.h>
#include <string.h>

#include "tool_common.h"

/* see tool_common.h */
int
tool_key_from_b64(const char *b64, uint8_t key[16])
{
	struct m2_cryptokey k;

	if (m2_cryptokey_from_base64((struct m2_span){ (const uint8_t *)b64,
	    strlen(b64) }, &k) != M2_OK || k.type != M2_CRYPTO_AES ||
	    k.len < 16)
		return -1;
	memcpy(key, k.secret, 16);
	return 0;
}

/* Parse the first keyring of o->keyring_path that opens into |kr|. */
static int
keyring_load(const struct tool_opts *o, struct m2_keyring *kr, char *path,
    size_t pathcap)
{
	struct m2_span items[M2_MAX_CONF_LIST];
	struct m2_conf_meta meta;
	char type[32], text[M2_CONF_TEXT_MAX];
	const char *dot;
	size_t n, len;

	memset(&meta, 0, sizeof(meta));
	dot = strchr(o->name, '.');
	snprintf(type, sizeof(type), "%.*s", dot ? (int)(dot - o->name) : 0,
	    o->name);
	meta.cluster = "ceph";
	meta.type = type;
	meta.id = dot ? dot + 1 : "";
	meta.name = o->name;
	if (m2_conf_list((struct m2_span){ (const uint8_t *)o->keyring_path,
	    strlen(o->keyring_path) }, items, M2_MAX_CONF_LIST, &n) != M2_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct m2_cur c;
		struct m2_diag d;
		m2_err e;

		if (m2_conf_expand(&meta, items[i], path, pathcap, &len) !=
		    M2_OK)
			continue;
		{
			FILE *f = fopen(path, "rb");

			if (f == NULL)
				continue;
			fclose(f);
		}
		if (tool_read_file(path, text, sizeof(text), &len) != 0)
			return -1;
		memset(&d, 0, sizeof(d));
		m2_cur_init(&c, (const uint8_t *)text, len);
		if ((e = m2_keyring_parse(&c, kr, &d)) != M2_OK) {
			fprintf(stderr, "keyring %s: %s at byte %zu (%s)\n",
			    path, m2_strerror(e), d.off,
			    d.field ? d.field : "?");
			return -1;
		}
		return 0;
	}
	fprintf(stderr, "no keyring found in \"%s\"\n", o->keyring_path);
	return -1;
}

/* see tool_common.h */
int
tool_load_key(struct tool_opts *o)
{
	struct m2_keyring *kr;
	const struct m2_keyring_entry *e;
	char path[1024];

	if (o->key_b64 != NULL) {
		if (tool_key_from_b64(o->key_b64, o->key) != 0) {
			fprintf(stderr, "bad --key (a base64 AES CryptoKey)\n");
			return -1;
		}
		o->have_key = 1;
		return 0;
	}
	if (o->keyring_path == NULL)
		return 0;
	if ((kr = calloc(1, sizeof(*kr))) == NULL)
		return -1;
	if (keyring_load(o, kr, path, sizeof(path)) != 0) {
		free(kr);
		return -1;
	}
	e = m2_keyring_find(kr, o->name);
	if (e == NULL && o->en.type == M2_ENTITY_TYPE_MON)
		e = m2_keyring_find(kr, "mon.");	/* monitors share "mon." */
	if (e != NULL && e->key.type == M2_CRYPTO_AES && e->key.len >= 16) {
		memcpy(o->key, e->key.secret, 16);
		o->have_key = 1;
	}
	free(kr);
	return 0;
}

/* see tool_common.h */
int
tool_keyring_walk(const struct tool_opts *o,
    int (*fn)(void *arg, const char *name, const uint8_t key[16],
    const char *const caps[]), void *arg)
{
	static const char *const svc_names[6] = { "mon", "mds", "osd", NULL,
	    "mgr", NULL };
	struct m2_keyring *kr;
	char path[1024];
	int rc = 0;

	if ((kr = calloc(1, sizeof(*kr))) == NULL)
		return -1;
	if (keyring_load(o, kr, path, sizeof(path)) != 0) {
		free(kr);
		return -1;
	}
	for (uint32_t i = 0; i < kr->n && rc == 0; i++) {
		const struct m2_keyring_entry *e = &kr->e[i];
		struct m2_span id = m2_conf_span(&kr->conf, e->id);
		char name[300], capbuf[6][1025];
		const char *caps[6] = { NULL };
		const char *tn = m2_entity_type_name(e->type);

		if (tn == NULL || e->key.type != M2_CRYPTO_AES ||
		    e->key.len < 16)
			continue;
		snprintf(name, sizeof(name), "%s.%.*s", tn, (int)id.len,
		    (const char *)id.p);
		for (uint32_t j = 0; j < e->ncaps; j++)
			for (int s = 0; s < 6; s++) {
				struct m2_span v;

				if (svc_names[s] == NULL ||
				    strcmp(svc_names[s], e->caps[j].service) != 0)
					continue;
				v = m2_conf_span(&kr->conf, e->caps[j].value);
				snprintf(capbuf[s], sizeof(capbuf[s]), "%.*s",
				    (int)v.len, (const char *)v.p);
				caps[s] = capbuf[s];
			}
		rc = fn(arg, name, e->key.secret, caps);
	}
	free(kr);
	return rc;
}
