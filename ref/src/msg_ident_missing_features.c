/* SPDX-License-Identifier: MIT */
/*
 * The IDENT_MISSING_FEATURES payload (tag 10).  SPEC-NOTES §4.
 */
#include "internal.h"

/*
 * IDENT_MISSING_FEATURES.  SPEC §4.2 · ceph frames_v2.h
 * IdentMissingFeaturesFrame, ProtocolV2::handle_ident_missing_features
 * · kernel messenger_v2.c process_ident_missing_features
 *   le64 features (the server's required features the client lacks)
 */
m2_err
m2_msg_ident_missing_features_parse(struct m2_cur *c,
    struct m2_ident_missing_features *out, struct m2_diag *d)
{
	memset(out, 0, sizeof(*out));
	if (!m2_cur_le64(c, &out->features))
		return m2_diag_at(d, M2_E_TRUNC, m2_cur_off(c),
		    "ident_missing_features.features");
	if (m2_cur_len(c) != 0)
		return m2_diag_at(d, M2_E_TRAILING, m2_cur_off(c),
		    "ident_missing_features");
	return M2_OK;
}

/*
 * IDENT_MISSING_FEATURES, as ceph IdentMissingFeaturesFrame::Encode
 * (ProtocolV2::handle_client_ident) writes it; layout above.
 */
void
m2_msg_ident_missing_features_build(struct m2_buf *b,
    const struct m2_ident_missing_features *in)
{
	m2_buf_le64(b, in->features);
}

/* see m2/msg.h */
size_t
m2_msg_ident_missing_features_size(
    const struct m2_ident_missing_features *in)
{
	(void)in;
	return 8;
}

/* see m2/msg.h */
size_t
m2_msg_ident_missing_features_dump(
    const struct m2_ident_missing_features *in, char *s, size_t n)
{
	return m2_fmt(s, n, 0, "features=0x%llx",
	    (unsigned long long)in->features);
}

M2_CODEC_ROW(msg_ident_missing_features, struct m2_ident_missing_features,
    1, 0);
