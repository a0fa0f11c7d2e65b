/* SPDX-License-Identifier: MIT */
/* Target: m2_entity_name_parse (and m2_entity_split under it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m2/m2.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Oracle: an accepted name prints back as "type.id", byte for byte. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct m2_entity_name n;
	char s[256], back[256];

	if (size >= sizeof(s) || memchr(data, 0, size) != NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (m2_entity_name_parse(s, &n)) {
		snprintf(back, sizeof(back), "%s.%s",
		    m2_entity_type_name(n.type), n.id);
		if (strcmp(back, s) != 0)
			abort();
	}
	return 0;
}
