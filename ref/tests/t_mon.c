/* SPDX-License-Identifier: MIT */
/*
 * The monitor messages and the MonMap (m2/mon.h).  The bytes below are
 * what Ceph 16.2.15 sent in vectors/captures/none_cli_mon_dump_c2.json:
 * the builders must write them exactly from the values a client or a
 * fresh one-monitor cluster has, and m2_monmap_print must write what
 * `ceph mon dump` printed.
 *
 *	t_mon			run the tests
 *	t_mon print HEX		print the MonMap HEX as m2_monmap_print does
 *				(tests/test_mon_print.py)
 */
#include <stddef.h>

#include "t.h"

#define BUFMAX		4096

/* The MMonMap front the monitor sent (frame 5): le32 201, the MonMap. */
static const char	mon_map_front[] =
	"c9000000"
	"0906c3000000"				/* v9 compat 6, 195 bytes */
	"1a04851b3538460ea8f9877cc0271731"	/* fsid */
	"01000000"				/* epoch 1 */
	"df7f066bd2b3b50e" "df7f066bd2b3b50e"	/* last_changed, created */
	"010108000000ff00000000000000"		/* persistent 0xff */
	"0101080000000000000000000000"		/* optional 0 */
	"01000000" "0100000061"			/* 1 monitor, key "a" */
	"050158000000" "0100000061"		/* mon_info_t v5, name "a" */
	"0202000000"				/* addrvec, 2 */
	"0101011c000000020000000000000010000000020034127f000001"
	"0000000000000000"			/* v2:127.0.0.1:13330/0 */
	"0101011c000000010000000000000010000000020041997f000001"
	"0000000000000000"			/* v1:127.0.0.1:16793/0 */
	"0000" "0000" "00000000"		/* priority, weight, crush */
	"01000000" "0100000061"			/* ranks ["a"] */
	"10"					/* min_mon_release 16 */
	"00000000" "01" "00000000"		/* removed, strategy 1, dis. */
	"00" "00000000" "00000000";		/* stretch fields */

static const char	mon_dump_text[] =
	"epoch 1\n"
	"fsid 1a04851b-3538-460e-a8f9-877cc0271731\n"
	"last_changed 2026-11-25T06:27:43.246789+0000\n"
	"created 2026-11-25T06:27:43.246789+0000\n"
	"min_mon_release 16 (pacific)\n"
	"election_strategy: 1\n"
	"0: [v2:127.0.0.1:13330/0,v1:127.0.0.1:16793/0] mon.a\n";

/* MMonCommand the CLI sent (frame 10), and the monitor's ack (frame 11). */
static const char	command_front[] =
	"0000000000000000" "ffff" "0000000000000000"	/* paxos */
	"1a04851b3538460ea8f9877cc0271731"		/* fsid */
	"01000000" "16000000"
	"7b22707265666978223a20226d6f6e2064756d70227d";	/* mon dump */
static const char	ack_front[] =
	"0100000000000000" "ffff" "0000000000000000"	/* version 1 */
	"00000000"					/* r 0 */
	"15000000" "64756d706564206d6f6e6d61702065706f63682031"
	"01000000" "16000000"
	"7b22707265666978223a20226d6f6e2064756d70227d";

/* MMonSubscribe (frame 6): config 0, monmap 0, hostname "vm". */
static const char	subscribe_front[] =
	"02000000"
	"06000000636f6e666967" "0000000000000000" "00"
	"060000006d6f6e6d6170" "0000000000000000" "00"
	"02000000766d";

static uint8_t	in[BUFMAX], out[BUFMAX];
static char	text[BUFMAX];

static size_t
hex(const char *s)
{
	size_t	n = t_hex(s, in, sizeof(in));

	if (n > sizeof(in))
		abort();
	return n;
}

static int
print_main(const char *h)
{
	static struct m2_monmap	m;
	static uint8_t		buf[1 << 20];
	static char		txt[1 << 20];
	struct m2_cur		c;
	struct m2_diag		d;
	size_t			n = t_hex(h, buf, sizeof(buf));
	m2_err			e;

	if (n > sizeof(buf))
		return 2;
	m2_cur_init(&c, buf, n);
	if ((e = m2_monmap_parse(&c, &m, &d)) != M2_OK) {
		fprintf(stderr, "t_mon: %s at %zu (%s)\n", m2_err_name(e),
		    d.off, d.field);
		return 1;
	}
	if (m2_monmap_print(&m, txt, sizeof(txt)) >= sizeof(txt))
		return 2;
	fputs(txt, stdout);
	return 0;
}

static void
test_monmap(void)
{
	static struct m2_monmap	m, built;
	struct m2_mon_map	mm;
	struct m2_addrvec	av;
	struct m2_cur		c;
	struct m2_buf		b;
	struct m2_diag		d;
	size_t			n = hex(mon_map_front), len, full;
	const uint8_t		*fsid;

	m2_cur_init(&c, in, n);
	T_OK(m2_mon_map_parse(&c, &mm, &d));
	T_EQ(mm.monmap.len, 201);
	m2_cur_init(&c, mm.monmap.p, mm.monmap.len);
	T_OK(m2_monmap_parse(&c, &m, &d));
	T_EQ(m.v, 9);
	T_EQ(m.epoch, 1);
	T_EQ(m.n_mons, 1);
	T_EQ(m.mon[0].addrs.n, 2);
	T_EQ(m.min_mon_release, 16);
	T_EQ(m.strategy, 1);

	/* what `ceph mon dump` printed (the ack's data segment) */
	full = m2_monmap_print(&m, text, sizeof(text));
	T_STR(text, mon_dump_text);
	T_EQ(full, strlen(mon_dump_text));
	T_EQ(m2_monmap_print(&m, NULL, 0), full);
	T_EQ(m2_monmap_print(&m, text, 10), full);
	T_EQ(strlen(text), 9);

	/* the builder: ceph-mon --mkfs's map, byte for byte */
	av = m.mon[0].addrs;
	fsid = m.fsid;
	m2_monmap_init(&built, fsid, 1, m.last_changed, "a", &av);
	m2_buf_init(&b, out, sizeof(out));
	m2_monmap_build(&b, &built);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, mm.monmap.len);
	T_MEM(out, mm.monmap.p, mm.monmap.len);
	T_EQ(m2_monmap_size(&built), len);

	/* and wrapped in MMonMap */
	mm.monmap.p = out;
	mm.monmap.len = len;
	m2_buf_init(&b, out + len, sizeof(out) - len);
	m2_mon_map_build(&b, &mm);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, n);
	T_MEM(out + mm.monmap.len, in, n);

	/* every strict prefix fails */
	for (size_t i = 0; i < mm.monmap.len; i++) {
		m2_cur_init(&c, out, i);
		T_CHECK(m2_monmap_parse(&c, &m, &d) != M2_OK, "prefix %zu", i);
	}
}

static void
test_command(void)
{
	static struct m2_mon_command		cmd, got;
	static struct m2_mon_command_ack	ack, gack;
	struct m2_cur				c;
	struct m2_buf				b;
	struct m2_diag				d;
	size_t					n, len;
	uint8_t					fsid[16];

	n = hex(command_front);
	memcpy(fsid, in + 18, 16);
	m2_mon_command_init(&cmd, fsid, "{\"prefix\": \"mon dump\"}");
	m2_buf_init(&b, out, sizeof(out));
	m2_mon_command_build(&b, &cmd);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, n);
	T_MEM(out, in, n);
	T_EQ(m2_mon_command_size(&cmd), n);
	m2_cur_init(&c, in, n);
	T_OK(m2_mon_command_parse(&c, &got, &d));
	(void)m2_mon_command_dump(&got, text, sizeof(text));
	T_STR(text, "version=0 session_mon=-1 session_mon_tid=0 "
	    "fsid=1a04851b-3538-460e-a8f9-877cc0271731 "
	    "cmd=[\"{\\\"prefix\\\": \\\"mon dump\\\"}\"]");

	/* the monitor's reply: version 1 is the monmap's last committed */
	n = hex(ack_front);
	m2_mon_command_ack_init(&ack, 0, "dumped monmap epoch 1", &cmd);
	ack.paxos.version = 1;
	m2_buf_init(&b, out, sizeof(out));
	m2_mon_command_ack_build(&b, &ack);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, n);
	T_MEM(out, in, n);
	m2_cur_init(&c, in, n);
	T_OK(m2_mon_command_ack_parse(&c, &gack, &d));
	T_EQ(gack.r, 0);
	T_EQ(gack.n_cmd, 1);

	/* r is signed */
	ack.r = -22;
	m2_buf_init(&b, out, sizeof(out));
	m2_mon_command_ack_build(&b, &ack);
	T_OK(m2_buf_finish(&b, &len));
	m2_cur_init(&c, out, len);
	T_OK(m2_mon_command_ack_parse(&c, &gack, &d));
	T_EQ(gack.r, -22);
}

static void
test_subscribe_config(void)
{
	static struct m2_mon_subscribe	s;
	static struct m2_mon_config	cf;
	struct m2_cur			c;
	struct m2_buf			b;
	struct m2_diag			d;
	size_t				n = hex(subscribe_front), len;

	m2_cur_init(&c, in, n);
	T_OK(m2_mon_subscribe_parse(&c, &s, &d));
	T_EQ(s.n, 2);
	(void)m2_mon_subscribe_dump(&s, text, sizeof(text));
	T_STR(text, "what=[\"config\"={start=0 flags=0x0},"
	    "\"monmap\"={start=0 flags=0x0}] hostname=\"vm\"");

	/* version 2: the same items, no hostname */
	m2_cur_init(&c, in, n - 6);
	T_OK(m2_mon_subscribe_parse_version(&c, 2, &s, &d));
	T_EQ(s.no_hostname, 1);
	m2_buf_init(&b, out, sizeof(out));
	m2_mon_subscribe_build(&b, &s);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, n - 6);
	m2_cur_init(&c, in, n);
	T_ERR(m2_mon_subscribe_parse_version(&c, 2, &s, &d), M2_E_TRAILING);
	m2_cur_init(&c, in, n);
	T_ERR(m2_mon_subscribe_parse_version(&c, 1, &s, &d), M2_E_BADVAL);

	/* MConfig: the monitor's empty map, then two options */
	memset(&cf, 0, sizeof(cf));
	m2_buf_init(&b, out, sizeof(out));
	m2_mon_config_build(&b, &cf);
	T_OK(m2_buf_finish(&b, &len));
	T_EQ(len, 4);
	T_MEM(out, "\0\0\0\0", 4);
	T_OK(m2_mon_config_add(&cf, "a", "1"));
	T_OK(m2_mon_config_add(&cf, "b", ""));
	(void)m2_mon_config_dump(&cf, text, sizeof(text));
	T_STR(text, "config=[\"a\"=\"1\",\"b\"=\"\"]");
	while (cf.n < M2_MAX_CONFIG)
		T_OK(m2_mon_config_add(&cf, "x", "y"));
	T_ERR(m2_mon_config_add(&cf, "x", "y"), M2_E_LIMIT);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "print") == 0)
		return print_main(argv[2]);
	test_monmap();
	test_command();
	test_subscribe_config();
	return T_DONE();
}
