/* SPDX-License-Identifier: MIT */
/* Target: m2_dissect_next m2_auth_signature_mac (a whole session) */
/* u8 klen (0xff: no key) | key | u8 slen | secret | le32 n | c2s[n] | s2c */
#include <stdlib.h>

#include "m2/m2.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct m2_dissect	ds;
	static uint8_t			scratch[1u << 20];
	struct m2_dissect_event		ev;
	size_t				kn, sn, at, split, steps = 0;

	if (size < 6 || size > sizeof(scratch))
		return 0;
	kn = data[0] == 0xff ? 0 : data[0];
	at = 1 + kn;
	if (at >= size || (sn = data[at]) > size - at - 1 ||
	    size - at - 1 - sn < 4)
		return 0;
	at += 1 + sn;
	if ((split = m2_load_le32(data + at)) > size - at - 4)
		return 0;
	m2_dissect_init(&ds, data + at + 4, split, data + at + 4 + split,
	    size - at - 4 - split);
	ds.have_session_key = data[0] != 0xff;
	ds.session_key = data + 1;
	ds.session_key_len = kn;
	ds.con_secret = data + 2 + kn;
	ds.con_secret_len = sn;
	ds.scratch = scratch;
	ds.scratch_len = sizeof(scratch);
	do {
		if (m2_dissect_next(&ds, &ev) != ev.err || ++steps > size)
			abort();		/* every event eats bytes */
	} while (ev.kind != M2_DISSECT_END);
	m2_dissect_wipe(&ds);
	return 0;
}
