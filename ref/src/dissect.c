/* SPDX-License-Identifier: MIT */
/*
 * The session dissector: two streams walked frame by frame through the
 * codec, with secure mode's switch and both AUTH_SIGNATUREs checked.
 * SPEC-NOTES §1-5 (banner, frames, secure mode, payloads, handshake).
 */
#include <stdint.h>

#include "internal.h"

enum {
	PH_BANNER,
	PH_FRAMES,
	PH_DONE
};

/* see m2/dissect.h */
const char *
m2_dir_name(int dir)
{
	return dir == M2_DIR_C2S ? "c2s" : "s2c";
}

/* see m2/dissect.h */
const char *
m2_sig_name(enum m2_sig s)
{
	switch (s) {
	case M2_SIG_NONE:
		return "none";
	case M2_SIG_UNCHECKED:
		return "unchecked";
	case M2_SIG_OK:
		return "ok";
	case M2_SIG_BAD:
		return "bad";
	}
	return "?";
}

/* see m2/dissect.h */
void
m2_dissect_init(struct m2_dissect *ds, const uint8_t *c2s, size_t c2s_len,
    const uint8_t *s2c, size_t s2c_len)
{
	memset(ds, 0, sizeof(*ds));
	ds->in[M2_DIR_C2S] = c2s;
	ds->in_len[M2_DIR_C2S] = c2s != NULL ? c2s_len : 0;
	ds->in[M2_DIR_S2C] = s2c;
	ds->in_len[M2_DIR_S2C] = s2c != NULL ? s2c_len : 0;
	ds->plain_frames[0] = ds->plain_frames[1] = SIZE_MAX;
	ds->gcm_dir = -1;
}

/* see m2/dissect.h */
void
m2_dissect_wipe(struct m2_dissect *ds)
{
	m2_gcm_wipe(&ds->gcm);
	ds->gcm_dir = -1;
	ds->session_key = NULL;
	ds->session_key_len = 0;
	ds->con_secret = NULL;
	ds->con_secret_len = 0;
}

/*
 * The banner at the start of a stream: "ceph v2\n", le16 n, n bytes.  The
 * head gives the length; the banner parser then sees exactly that many
 * bytes, or all there are if the stream is shorter.
 */
static m2_err
banner_read(const uint8_t *p, size_t n, struct m2_banner *b, size_t *len,
    struct m2_diag *d)
{
	struct m2_cur	c;
	size_t		bl = n;

	if (n >= M2_BANNER_HEAD_LEN) {
		bl = M2_BANNER_HEAD_LEN +
		    (size_t)m2_load_le16(p + M2_BANNER_PREFIX_LEN);
		if (bl > n)
			bl = n;
	}
	m2_cur_init(&c, p, bl);
	*len = bl;
	return m2_banner_parse(&c, b, d);
}

/*
 * Open the frame at offset |pos| of stream |dir| in format |fmt| (|g|
 * keyed for the secure formats).  The preamble's lengths are held
 * against the bytes that are there before anything past the head is
 * read.  On success |*len| is the frame's length on the wire; on failure
 * |d| holds the error with its offset in the stream.
 */
static m2_err
frame_read(struct m2_dissect *ds, int dir, size_t pos, enum m2_fmt fmt,
    struct m2_gcm *g, struct m2_frame *f, size_t *len, struct m2_diag *d)
{
	const uint8_t		*p = ds->in[dir] + pos;
	size_t			 left = ds->in_len[dir] - pos;
	size_t			 hl = m2_frame_head_len(fmt);
	struct m2_preamble	 pre;
	struct m2_diag		 ld;
	uint64_t		 rl;
	m2_err			 e;

	memset(&ld, 0, sizeof(ld));
	if (left < hl)
		return m2_diag_at(d, M2_E_TRUNC, pos + left, "frame.head");
	e = m2_frame_open_head(fmt, g, p, hl, &pre, ds->scratch,
	    ds->scratch_len, &ld);
	if (e == M2_OK) {
		rl = m2_frame_rest_len(fmt, &pre);
		if (rl > left - hl)
			return m2_diag_at(d, M2_E_TRUNC, pos + left, "frame");
		e = m2_frame_open_rest(fmt, g, &pre, p + hl, (size_t)rl,
		    ds->scratch, ds->scratch_len, f, &ld);
		if (e == M2_OK) {
			*len = hl + (size_t)rl;
			return M2_OK;
		}
	}
	if (ld.err != e)
		(void)m2_diag_at(&ld, e, 0, "frame");
	ld.off += pos;
	if (d != NULL)
		*d = ld;
	return e;
}

/* The codec row for segment 0 of a frame with tag |tag|, or NULL. */
static const struct m2_codec *
payload_codec(unsigned tag)
{
	const char	*name = m2_tag_name(tag);
	char		 cname[48] = "msg_";
	size_t		 i;

	if (tag == M2_TAG_MESSAGE)
		return m2_codec_find("msg_header2");
	if (name == NULL)
		return NULL;
	for (i = 0; name[i] != '\0' && i + 5 < sizeof(cname); i++)
		cname[4 + i] = name[i] >= 'A' && name[i] <= 'Z' ?
		    (char)(name[i] - 'A' + 'a') : name[i];
	cname[4 + i] = '\0';
	return m2_codec_find(cname);
}

static int
auth_frame(unsigned tag)
{
	return tag == M2_TAG_AUTH_BAD_METHOD ||
	    tag == M2_TAG_AUTH_REPLY_MORE || tag == M2_TAG_AUTH_DONE;
}

/*
 * Read ahead, without events and in crc formats only, what the walk
 * needs before it gets there: the revision (both banners), the server's
 * frames up to AUTH_DONE (its auth frames, its con_mode, where its
 * signed bytes end) and the client's first 1 + K frames (its auth
 * method, where its signed bytes end).  Errors are left for the walk,
 * which meets them at the same place.  SPEC-NOTES §5; ceph ProtocolV2
 * handle_auth_done / finish_auth (pre_auth rxbuf and txbuf).
 */
static void
read_ahead(struct m2_dissect *ds)
{
	size_t			 blen[2] = { 0, 0 }, pos, flen, idx, k = 0;
	struct m2_auth_done	 done;
	struct m2_auth_request	 req;
	struct m2_frame		 f;
	struct m2_cur		 c;
	enum m2_fmt		 fmt;
	m2_err			 e;

	for (int dir = 0; dir < 2; dir++)
		if (ds->in_len[dir] != 0 && banner_read(ds->in[dir],
		    ds->in_len[dir], &ds->banner[dir], &blen[dir], NULL) ==
		    M2_OK)
			ds->have_banner[dir] = 1;
	if (ds->have_banner[0] && ds->have_banner[1])
		ds->rev1 = m2_banner_rev(ds->banner[0].supported,
		    ds->banner[1].supported);
	else if (ds->have_banner[0] || ds->have_banner[1])
		ds->rev1 = (ds->banner[ds->have_banner[1]].supported &
		    M2_FEATURE_REVISION_1) != 0;
	fmt = ds->rev1 ? M2_FMT_REV1_CRC : M2_FMT_REV0_CRC;

	if (ds->have_banner[M2_DIR_S2C]) {
		for (pos = blen[M2_DIR_S2C], idx = 0;
		    pos < ds->in_len[M2_DIR_S2C] && frame_read(ds, M2_DIR_S2C,
		    pos, fmt, NULL, &f, &flen, NULL) == M2_OK; idx++) {
			pos += flen;
			if (!auth_frame(f.tag))
				continue;
			k++;
			if (f.tag != M2_TAG_AUTH_DONE)
				continue;
			m2_cur_init(&c, f.seg[0].p, f.seg[0].len);
			switch (m2_msg_auth_done_parse(&c, &done, NULL)) {
			case M2_OK:
			case M2_E_TRAILING:
				ds->auth_done = 1;
				ds->con_mode = done.con_mode;
				ds->global_id = done.global_id;
				ds->signed_len[M2_DIR_S2C] = pos;
				if (done.con_mode == M2_CON_MODE_SECURE)
					ds->plain_frames[M2_DIR_S2C] = idx + 1;
				break;
			default:
				break;
			}
			break;
		}
	}
	if (!ds->have_banner[M2_DIR_C2S])
		return;
	for (pos = blen[M2_DIR_C2S], idx = 0; pos < ds->in_len[M2_DIR_C2S] &&
	    (!ds->auth_done || idx < 1 + k) && frame_read(ds, M2_DIR_C2S,
	    pos, fmt, NULL, &f, &flen, NULL) == M2_OK; idx++) {
		pos += flen;
		if (f.tag != M2_TAG_AUTH_REQUEST)
			continue;
		m2_cur_init(&c, f.seg[0].p, f.seg[0].len);
		e = m2_msg_auth_request_parse(&c, &req, NULL);
		if (e == M2_OK || e == M2_E_TRAILING)
			ds->auth_method = req.method;
	}
	if (ds->auth_done && idx == 1 + k) {
		ds->signed_len[M2_DIR_C2S] = pos;
		if (ds->con_mode == M2_CON_MODE_SECURE)
			ds->plain_frames[M2_DIR_C2S] = idx;
	}
}

/* Return error |e| with event |ev| of |kind|; the first one is kept. */
static m2_err
fail(struct m2_dissect *ds, struct m2_dissect_event *ev,
    enum m2_dissect_kind kind, m2_err e)
{
	ev->kind = kind;
	ev->err = e;
	if (ev->diag.err != e)
		(void)m2_diag_at(&ev->diag, e, ev->off,
		    kind == M2_DISSECT_BANNER ? "banner" : "frame");
	if (ds->err == M2_OK) {
		ds->err = e;
		ds->err_dir = ev->dir;
		ds->diag = ev->diag;
	}
	return e;
}

static m2_err
step_banner(struct m2_dissect *ds, int dir, struct m2_dissect_event *ev)
{
	size_t	bl;
	m2_err	e;

	ev->dir = dir;
	e = banner_read(ds->in[dir], ds->in_len[dir], &ev->banner, &bl,
	    &ev->diag);
	ev->len = bl;
	if (e != M2_OK) {
		ds->phase[dir] = PH_DONE;
		return fail(ds, ev, M2_DISSECT_ERROR, e);
	}
	ev->kind = M2_DISSECT_BANNER;
	ds->pos[dir] = bl;
	ds->phase[dir] = PH_FRAMES;
	/* Ceph closes without a frame when this fails (SPEC §1). */
	if (dir == M2_DIR_S2C && ds->have_banner[M2_DIR_C2S] &&
	    m2_banner_check(&ds->banner[M2_DIR_C2S],
	    &ds->banner[M2_DIR_S2C]) != M2_OK)
		return fail(ds, ev, M2_DISSECT_BANNER, m2_diag_at(&ev->diag,
		    M2_E_COMPAT, 0, "banner.required"));
	return M2_OK;
}

/* Key ds->gcm to open stream |dir|: its receiver's nonce (SPEC §3). */
static m2_err
gcm_for(struct m2_dissect *ds, int dir)
{
	uint8_t	key[M2_GCM_KEY_LEN], rxn[M2_GCM_NONCE_LEN];
	uint8_t	txn[M2_GCM_NONCE_LEN];
	m2_err	e;

	m2_gcm_wipe(&ds->gcm);
	ds->gcm_dir = -1;
	e = m2_secure_keys(ds->con_secret, ds->con_secret_len,
	    dir == M2_DIR_C2S ? M2_ROLE_SERVER : M2_ROLE_CLIENT, key, rxn,
	    txn);
	if (e == M2_OK)
		e = m2_gcm_init(&ds->gcm, key, rxn, ds->rev1);
	memset(key, 0, sizeof(key));
	if (e == M2_OK)
		ds->gcm_dir = dir;
	return e;
}

/* Check the first AUTH_SIGNATURE sent in |dir| (see m2/dissect.h). */
static enum m2_sig
check_signature(struct m2_dissect *ds, int dir,
    const struct m2_auth_signature *s)
{
	uint8_t		 want[M2_SIGNATURE_LEN];
	const uint8_t	*key = NULL;
	size_t		 key_len = 0;
	int		 peer = 1 - dir;

	if (ds->have_session_key) {
		key = ds->session_key;
		key_len = ds->session_key != NULL ? ds->session_key_len : 0;
	} else if (ds->auth_method != M2_AUTH_NONE) {
		return M2_SIG_UNCHECKED;
	}
	if (!ds->auth_done || ds->signed_len[peer] == 0 ||
	    m2_auth_signature_mac(key, key_len, ds->in[peer],
	    ds->signed_len[peer], want) != M2_OK)
		return M2_SIG_UNCHECKED;
	return memcmp(want, s->sig, sizeof(want)) == 0 ? M2_SIG_OK :
	    M2_SIG_BAD;
}

static m2_err
step_frame(struct m2_dissect *ds, int dir, struct m2_dissect_event *ev)
{
	size_t		 pos = ds->pos[dir], flen;
	int		 secure = ds->nframes[dir] >= ds->plain_frames[dir];
	struct m2_gcm	*g = NULL;
	struct m2_cur	 c;
	m2_err		 e;

	ev->dir = dir;
	ev->off = pos;
	ev->index = ds->nframes[dir];
	ev->fmt = ds->rev1 ?
	    (secure ? M2_FMT_REV1_SECURE : M2_FMT_REV1_CRC) :
	    (secure ? M2_FMT_REV0_SECURE : M2_FMT_REV0_CRC);
	if (secure) {
		if (ds->con_secret_len < M2_CON_SECRET_MIN ||
		    ds->con_secret == NULL) {
			ev->kind = M2_DISSECT_OPAQUE;
			ev->len = ds->in_len[dir] - pos;
			ds->phase[dir] = PH_DONE;
			return M2_OK;
		}
		if (ds->gcm_dir != dir && (e = gcm_for(ds, dir)) != M2_OK) {
			ds->phase[dir] = PH_DONE;
			return fail(ds, ev, M2_DISSECT_ERROR, e);
		}
		g = &ds->gcm;
	}
	e = frame_read(ds, dir, pos, ev->fmt, g, &ev->frame, &flen,
	    &ev->diag);
	if (e != M2_OK) {
		ev->len = ds->in_len[dir] - pos;
		ds->phase[dir] = PH_DONE;
		return fail(ds, ev, M2_DISSECT_ERROR, e);
	}
	ev->kind = M2_DISSECT_FRAME;
	ev->len = flen;
	ds->pos[dir] += flen;
	ds->nframes[dir]++;

	if ((ev->codec = payload_codec(ev->frame.tag)) == NULL)
		return fail(ds, ev, M2_DISSECT_FRAME, m2_diag_at(&ev->diag,
		    M2_E_BADTAG, pos, "frame.tag"));
	m2_cur_init(&c, ev->frame.seg[0].p, ev->frame.seg[0].len);
	if (!secure)
		c.origin = ds->in[dir];	/* diag offsets in the stream */
	e = ev->codec->parse(&c, ds->obj, &ev->diag);
	if (e != M2_OK && secure)
		ev->diag.off = pos;
	ev->payload_err = e;
	if (e == M2_OK || e == M2_E_TRAILING)
		ev->payload = ds->obj;
	/* Control payloads may grow (AMB-05); header2 may not (AMB-12). */
	if (e != M2_OK && (e != M2_E_TRAILING || ds->strict ||
	    ev->frame.tag == M2_TAG_MESSAGE))
		return fail(ds, ev, M2_DISSECT_FRAME, e);
	memset(&ev->diag, 0, sizeof(ev->diag));

	if (ev->frame.tag == M2_TAG_AUTH_SIGNATURE &&
	    ds->sig[dir] == M2_SIG_NONE) {
		ev->sig = check_signature(ds, dir,
		    (const struct m2_auth_signature *)ev->payload);
		ds->sig[dir] = ev->sig;
		if (ev->sig == M2_SIG_BAD)
			return fail(ds, ev, M2_DISSECT_FRAME, m2_diag_at(
			    &ev->diag, M2_E_BADSIG, pos, "auth_signature.sig"));
	}
	return M2_OK;
}

/* see m2/dissect.h */
m2_err
m2_dissect_next(struct m2_dissect *ds, struct m2_dissect_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (!ds->started) {
		read_ahead(ds);
		ds->started = 1;
	}
	for (; ds->dir < 2; ds->dir++) {
		int	dir = ds->dir;

		if (ds->phase[dir] == PH_BANNER && ds->in_len[dir] != 0)
			return step_banner(ds, dir, ev);
		if (ds->phase[dir] == PH_FRAMES &&
		    ds->pos[dir] < ds->in_len[dir])
			return step_frame(ds, dir, ev);
		ds->phase[dir] = PH_DONE;
	}
	ev->kind = M2_DISSECT_END;
	ev->dir = -1;
	return M2_OK;
}
