/* SPDX-License-Identifier: MIT */
/*
 * Common definitions for the m2 reference codec: attributes, spans and the
 * little-endian load and store helpers used at named offsets.
 */
#ifndef M2_COMMON_H
#define M2_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define M2_MUST_USE	__attribute__((warn_unused_result))
#else
#define M2_MUST_USE
#endif

/* A borrowed run of bytes: it points into memory the caller owns. */
struct m2_span {
	const uint8_t	*p;
	size_t		 len;
};

static inline uint16_t
m2_load_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (unsigned)p[1] << 8);
}

static inline uint32_t
m2_load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
m2_load_le64(const uint8_t *p)
{
	return (uint64_t)m2_load_le32(p) | (uint64_t)m2_load_le32(p + 4) << 32;
}

static inline uint16_t
m2_load_be16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline void
m2_store_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void
m2_store_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void
m2_store_le64(uint8_t *p, uint64_t v)
{
	m2_store_le32(p, (uint32_t)v);
	m2_store_le32(p + 4, (uint32_t)(v >> 32));
}

static inline void
m2_store_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

#endif
