/*
 * roundtrip.c - the groups roundtrip (every event type through the writer and
 * back), merge (the reader's (ts, cpu, file order) merge) and byteorder (files
 * written big-endian read the same on this host).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ft.h"

#define ARG(codec, bs) ((long)(codec) << 24 | (long)(bs))
#define ARG_CODEC(a) ((int)((a) >> 24))
#define ARG_BS(a) ((uint32_t)((a)&0xffffff))

static uint64_t next_ts(uint64_t ts)
{
	switch (rnd_below(5)) {
	case 0:
		return ts; /* equal timestamps */
	case 1:
		return ts + rnd_below(1000);
	case 2:
		return ts + rnd_below(1ull << 32);
	case 3:
		return ts + rnd_below(1ull << 50);
	default:
		return ts + 1;
	}
}

/*
 * n random events of every type over the cpus, each cpu's timestamps
 * non-decreasing, in a random interleaving; every type at least once
 */
static struct gt_event *gen_stream(size_t n, const uint32_t *cpus, size_t ncpus)
{
	struct gt_event *ev = malloc(n * sizeof(*ev));
	uint64_t ts[16];

	if (!ev || ncpus > 16)
		abort();
	for (size_t c = 0; c < ncpus; c++)
		ts[c] = rnd_below(1ull << 40);
	for (size_t i = 0; i < n; i++) {
		size_t c = rnd_below(ncpus);
		unsigned int type = i < ft_ntypes ? ft_types[i] :
				    rnd_below(10) ? ft_types[rnd_below(ft_ntypes)] :
						    GIB_EV_drop;

		ts[c] = next_ts(ts[c]);
		ev[i] = gen_event(type, cpus[c], ts[c]);
	}
	return ev;
}

static struct gt_event *expected_stream(const struct gt_event *ev, size_t n)
{
	struct gt_event *x = malloc((n ? n : 1) * sizeof(*x));

	if (!x)
		abort();
	for (size_t i = 0; i < n; i++)
		x[i] = ev_expected(&ev[i]);
	ev_sort(x, n);
	return x;
}

/* the parser's view of a file: blocks, end block, and its decoded records */
static int check_structure(const char *path, const struct gt_event *exp, size_t n,
			   uint32_t block_size, int codec, size_t *nblocks)
{
	struct ptrace t;
	struct gt_event *pev;
	size_t pn;
	uint8_t *buf;
	size_t len;
	const struct pblock *end;
	uint64_t lo = UINT64_MAX, hi = 0;

	ASSERT_EQ(file_read(path, &buf, &len), 0);
	ASSERT_EQ(parse_trace(buf, len, &t), 0);
	free(buf);
	ASSERT_TRUE(t.nb >= 1);
	end = &t.b[t.nb - 1];
	ASSERT_EQ(end->flags, GT_BLOCK_END);
	ASSERT_EQ(end->cpu, GT_BLOCK_END_CPU);
	ASSERT_EQ(end->stored, 0);
	ASSERT_EQ_U(end->nrecords, n);
	for (size_t i = 0; i < n; i++) {
		lo = exp[i].ts < lo ? exp[i].ts : lo;
		hi = exp[i].ts > hi ? exp[i].ts : hi;
	}
	if (n) {
		ASSERT_EQ_U(end->first, lo);
		ASSERT_EQ_U(end->last, hi);
	}
	for (size_t i = 0; i + 1 < t.nb; i++) {
		const struct pblock *b = &t.b[i];

		ASSERT_EQ(b->flags, 0);
		ASSERT_TRUE(b->raw <= block_size);
		ASSERT_TRUE(b->nrecords >= 1);
		ASSERT_EQ_U(b->first, b->ev[0].ts);
		ASSERT_EQ_U(b->last, b->ev[b->nev - 1].ts);
		if (codec == GT_CODEC_RAW)
			ASSERT_EQ(b->codec, GT_CODEC_RAW);
	}
	/* decoded by the independent parser: the same events */
	pev = ptrace_expect(&t, NULL, &pn);
	*nblocks = t.nb - 1;
	ptrace_free(&t);
	ASSERT_STREAM(pev, pn, exp, n);
	free(pev);
	return 0;
}

static int t_all_types(long arg)
{
	static const uint32_t cpus[] = { 0, 1, 2, 3, 7, 300 };
	struct gt_writer_opts o = { .codec = ARG_CODEC(arg), .block_size = ARG_BS(arg) };
	const char *path = tpath("all-types.gtr");
	size_t n = 4000, nblocks;
	struct gt_event *ev = gen_stream(n, cpus, ARRAY_SIZE(cpus)), *exp;
	struct gt_header h;
	struct ft_read r;
	int rc = 1;

	exp = expected_stream(ev, n);
	header_fixed(&h);
	if (write_events(path, &h, &o, ev, n)) {
		FT_FAIL_("expected write_events(%s) == 0, got an error", path);
		goto out;
	}
	if (check_structure(path, exp, n, o.block_size ? o.block_size : 65536, o.codec, &nblocks))
		goto out;
	if (o.block_size == 256 && nblocks < 50) {
		FT_FAIL_("expected many blocks of 256 bytes, got %zu", nblocks);
		goto out;
	}
	if (read_all(path, 0, &r)) {
		FT_FAIL_("expected read_all == 0, got %d", r.err);
		goto out;
	}
	if (stream_diff(__FILE__, __LINE__, "read back", r.ev, r.n, exp, n))
		goto out_r;
	if (r.st.records != n || r.st.blocks != nblocks || !r.st.clean_end ||
	    r.st.end_records != n || r.st.defects || r.st.truncated || r.st.bad_blocks ||
	    r.st.lost_records || r.st.unknown_records || r.st.skipped_bytes) {
		FT_FAIL_("expected stats records=%zu blocks=%zu clean_end end_records=%zu and no "
			 "defect, got records=%llu blocks=%llu clean_end=%d end_records=%llu "
			 "defects=%u",
			 n, nblocks, n, (unsigned long long)r.st.records,
			 (unsigned long long)r.st.blocks, r.st.clean_end,
			 (unsigned long long)r.st.end_records, r.st.defects);
		goto out_r;
	}
	if (ft_msgs.n) {
		FT_FAIL_("expected no message, got \"%s\"", msg(0));
		goto out_r;
	}
	rc = 0;
out_r:
	read_free(&r);
out:
	gt_header__release(&h);
	free(ev);
	free(exp);
	return rc;
}

static int t_extreme_ts(long arg)
{
	static const uint64_t seq[][2] = {
		{ 0, 0 },
		{ 0, 0 },
		{ 0, UINT64_MAX }, /* a delta of 2^64 - 1: -1 as int64 */
		{ 1, 1 },
		{ 1, (1ull << 63) - 1 },
		{ 1, 1ull << 63 },
		{ 1, (1ull << 63) + 1 },
		{ 1, UINT64_MAX - 1 },
		{ 2, 5 },
		{ 2, 5 + (1ull << 63) }, /* a delta of exactly 2^63 */
		{ 2, UINT64_MAX },
		{ 3, 123456789012345678ull },
	};
	struct gt_writer_opts o = { .codec = (int)arg, .block_size = 256 };
	struct gt_event ev[ARRAY_SIZE(seq)], exp[ARRAY_SIZE(seq)];
	const char *path = tpath("extreme.gtr");
	struct gt_header h;
	struct ft_read r;
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(seq); i++) {
		ev[i] = gen_event(ft_types[i % ft_ntypes], (uint32_t)seq[i][0], seq[i][1]);
		ev[i].arg = UINT64_MAX - i; /* 10-byte varints */
		ev[i].val = UINT64_MAX;
		ev[i].vm = ev[i].vcpu = 0xffff;
		exp[i] = ev_expected(&ev[i]);
	}
	ev_sort(exp, ARRAY_SIZE(exp));
	header_fixed(&h);
	err = write_events(path, &h, &o, ev, ARRAY_SIZE(ev));
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_STREAM(r.ev, r.n, exp, ARRAY_SIZE(exp));
	ASSERT_TRUE(r.st.clean_end);
	ASSERT_EQ(r.st.defects, 0);
	read_free(&r);
	return 0;
}

static int t_empty(long arg)
{
	struct gt_writer_opts o = { .codec = (int)arg };
	const char *path = tpath("empty.gtr");
	struct gt_header h;
	struct ft_read r;
	int err;

	header_fixed(&h);
	err = write_events(path, &h, &o, NULL, 0);
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_EQ(r.n, 0);
	ASSERT_EQ(r.st.blocks, 0);
	ASSERT_TRUE(r.st.clean_end);
	ASSERT_EQ(r.st.end_records, 0);
	ASSERT_EQ(r.st.defects, 0);
	read_free(&r);
	return 0;
}

static int t_header_fields(long arg)
{
	struct gt_writer_opts o = { .codec = GT_CODEC_ZSTD, .big_endian = arg };
	const char *path = tpath("header.gtr");
	char *big = malloc(10001);
	struct gt_header h;
	struct ft_read r;
	int err;

	ASSERT_TRUE(big != NULL);
	for (int i = 0; i < 10000; i++)
		big[i] = (char)('a' + i % 26);
	big[10000] = '\0';
	gt_header__init(&h);
	gt_header__set(&h, GT_TAG_SCENARIO, big);
	gt_header__set(&h, GT_TAG_CLOCK, "CLOCK_MONOTONIC");
	gt_header__set(&h, 77, "a tag from a later minor version");
	gt_header__set(&h, GT_TAG_POLICY, "");
	gt_header__set(&h, GT_TAG_PROVENANCE, "gibtrace record -o x \xc3\xa9t\xc3\xa9");
	gt_header__set(&h, 0xffff, "the highest tag");
	err = write_events(path, &h, &o, NULL, 0);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_EQ(r.h.major, GT_VERSION_MAJOR);
	ASSERT_EQ(r.h.minor, GT_VERSION_MINOR);
	ASSERT_EQ(r.h.big_endian, arg != 0);
	ASSERT_EQ(r.h.nfields, h.nfields);
	for (size_t i = 0; i < h.nfields; i++) {
		ASSERT_EQ(r.h.fields[i].tag, h.fields[i].tag);
		ASSERT_EQ(r.h.fields[i].len, h.fields[i].len);
		ASSERT_STR_EQ(r.h.fields[i].data, h.fields[i].data);
	}
	ASSERT_STR_EQ(gt_header__get(&r.h, 77), "a tag from a later minor version");
	read_free(&r);
	gt_header__release(&h);
	free(big);
	return 0;
}

static int t_writer_rejects(long arg)
{
	struct gt_writer_opts o = { .codec = GT_CODEC_RAW };
	struct gt_event ev = { .type = 11 }; /* a hole in the vocabulary */
	struct gt_header h;
	struct gt_writer *w;
	int err = 0;

	(void)arg;
	header_fixed(&h);
	w = gt_writer__open(tpath("rejects.gtr"), &h, &o, &err);
	ASSERT_TRUE(w != NULL);
	ASSERT_EQ(gt_writer__add(w, &ev), -EINVAL);
	ev.type = GIB_EV_MAX;
	ASSERT_EQ(gt_writer__add(w, &ev), -EINVAL);
	ev.type = GIB_EV_NONE;
	ASSERT_EQ(gt_writer__add(w, &ev), -EINVAL);
	ev = (struct gt_event){ .type = GIB_EV_gal_irq, .cpu = GT_BLOCK_END_CPU };
	ASSERT_EQ(gt_writer__add(w, &ev), -EINVAL);
	ASSERT_EQ(gt_writer__records(w), 0);
	ASSERT_EQ(gt_writer__close(w), 0);
	o.block_size = 100;
	ASSERT_TRUE(gt_writer__open(tpath("rejects.gtr"), &h, &o, &err) == NULL);
	ASSERT_EQ(err, -EINVAL);
	o = (struct gt_writer_opts){ .codec = 7 };
	ASSERT_TRUE(gt_writer__open(tpath("rejects.gtr"), &h, &o, &err) == NULL);
	ASSERT_EQ(err, -EINVAL);
	gt_header__release(&h);
	return 0;
}

/* a file that cannot be mapped (a FIFO) is read whole */
static int t_fifo(long arg)
{
	static const uint32_t cpus[] = { 0, 1 };
	struct gt_writer_opts o = { .codec = GT_CODEC_RAW, .block_size = 256 };
	const char *path = tpath("fifo-src.gtr"), *fifo = tpath("fifo");
	size_t n = 10000, len;
	struct gt_event *ev = gen_stream(n, cpus, 2), *exp = expected_stream(ev, n);
	struct gt_header h;
	struct ft_read r;
	uint8_t *buf;
	pid_t pid;
	int status, err;

	(void)arg;
	header_fixed(&h);
	err = write_events(path, &h, &o, ev, n);
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(file_read(path, &buf, &len), 0);
	ASSERT_TRUE(len > 65536); /* more than the reader's first buffer */
	ASSERT_EQ(mkfifo(fifo, 0600), 0);
	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (!pid) {
		int fd = open(fifo, O_WRONLY);
		size_t off = 0;

		while (fd >= 0 && off < len) {
			ssize_t k = write(fd, buf + off, len - off > 1000 ? 1000 : len - off);

			if (k <= 0)
				_exit(3);
			off += (size_t)k;
		}
		_exit(fd < 0 ? 4 : 0);
	}
	err = read_all(fifo, 0, &r);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ASSERT_EQ(err, 0);
	ASSERT_STREAM(r.ev, r.n, exp, n);
	ASSERT_EQ_U(r.st.file_bytes, len);
	ASSERT_TRUE(r.st.clean_end);
	read_free(&r);
	free(buf);
	free(ev);
	free(exp);
	return 0;
}

const struct ft_case ft_roundtrip_cases[] = {
	{ "roundtrip-all-types-raw-256", t_all_types, ARG(GT_CODEC_RAW, 256) },
	{ "roundtrip-all-types-raw-1000", t_all_types, ARG(GT_CODEC_RAW, 1000) },
	{ "roundtrip-all-types-raw-default", t_all_types, ARG(GT_CODEC_RAW, 0) },
	{ "roundtrip-all-types-zstd-256", t_all_types, ARG(GT_CODEC_ZSTD, 256) },
	{ "roundtrip-all-types-zstd-1000", t_all_types, ARG(GT_CODEC_ZSTD, 1000) },
	{ "roundtrip-all-types-zstd-default", t_all_types, ARG(GT_CODEC_ZSTD, 0) },
	{ "roundtrip-extreme-ts-raw", t_extreme_ts, GT_CODEC_RAW },
	{ "roundtrip-extreme-ts-zstd", t_extreme_ts, GT_CODEC_ZSTD },
	{ "roundtrip-empty-raw", t_empty, GT_CODEC_RAW },
	{ "roundtrip-empty-zstd", t_empty, GT_CODEC_ZSTD },
	{ "roundtrip-header-fields-le", t_header_fields, 0 },
	{ "roundtrip-header-fields-be", t_header_fields, 1 },
	{ "roundtrip-writer-rejects", t_writer_rejects, 0 },
	{ "roundtrip-fifo", t_fifo, 0 },
	{ NULL, NULL, 0 },
};

/* cpu by cpu, highest first: out of global order; equal timestamps; one step back */
static int t_cpu_by_cpu(long arg)
{
	struct gt_writer_opts o = { .codec = (int)arg };
	const char *path = tpath("merge.gtr");
	struct gt_event ev[200], exp[200];
	size_t n = 0, cpu2_blocks = 0;
	struct gt_header h;
	struct ptrace t;
	struct ft_read r;
	uint8_t *buf;
	size_t len;
	int err;

	for (int cpu = 3; cpu >= 0; cpu--) {
		for (int k = 0; k < 30; k++)
			ev[n++] = gen_event(ft_types[(size_t)k % ft_ntypes], (uint32_t)cpu,
					    1000 * (uint64_t)(k / 2)); /* ties on every cpu */
		if (cpu == 2) /* steps back in time: a new block */
			for (int k = 0; k < 10; k++)
				ev[n++] = gen_event(GIB_EV_vcpu_kick, 2, 500 + 1000 * (uint64_t)k);
	}
	for (size_t i = 0; i < n; i++)
		exp[i] = ev_expected(&ev[i]);
	ev_sort(exp, n);
	header_fixed(&h);
	err = write_events(path, &h, &o, ev, n);
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(file_read(path, &buf, &len), 0);
	ASSERT_EQ(parse_trace(buf, len, &t), 0);
	free(buf);
	for (size_t i = 0; i < t.nb; i++)
		cpu2_blocks += t.b[i].cpu == 2;
	ASSERT_EQ(cpu2_blocks, 2);
	ASSERT_EQ(t.nb, 6); /* cpus 0, 1, 3, two of cpu 2, the end block */
	ptrace_free(&t);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_STREAM(r.ev, r.n, exp, n);
	/* the order itself, independently of ev_sort */
	for (size_t i = 1; i < r.n; i++) {
		const struct gt_event *a = &r.ev[i - 1], *b = &r.ev[i];

		ASSERT_TRUE(a->ts <= b->ts);
		if (a->ts == b->ts)
			ASSERT_TRUE(a->cpu <= b->cpu);
	}
	/* ts 500 of cpu 2 (the stepped-back block) comes between ts 0 and ts 1000 */
	ASSERT_EQ_U(r.ev[7].ts, 0);
	ASSERT_EQ_U(r.ev[8].ts, 500);
	ASSERT_EQ(r.ev[8].cpu, 2);
	ASSERT_EQ(r.st.defects, 0);
	read_free(&r);
	return 0;
}

/* all at one timestamp, written cpu 4 down to 0: lower cpu first, then file order */
static int t_equal_ts(long arg)
{
	struct gt_writer_opts o = { .codec = (int)arg, .block_size = 256 };
	const char *path = tpath("equal.gtr");
	struct gt_event ev[500], exp[500];
	size_t n = 0;
	struct gt_header h;
	struct ft_read r;
	int err;

	for (int round = 0; round < 100; round++)
		for (int cpu = 4; cpu >= 0; cpu--)
			ev[n++] = gen_event(ft_types[(size_t)round % ft_ntypes], (uint32_t)cpu, 42);
	for (size_t i = 0; i < n; i++)
		exp[i] = ev_expected(&ev[i]);
	ev_sort(exp, n);
	header_fixed(&h);
	err = write_events(path, &h, &o, ev, n);
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_STREAM(r.ev, r.n, exp, n);
	for (size_t i = 0; i < n; i++)
		ASSERT_EQ(r.ev[i].cpu, i / 100);
	read_free(&r);
	return 0;
}

/* random interleaving of 8 cpus, shared coarse clock (ties), random steps back */
static int t_random(long arg)
{
	struct gt_writer_opts o = { .codec = (int)arg, .block_size = 256 };
	const char *path = tpath("random.gtr");
	size_t n = 6000;
	struct gt_event *ev = malloc(n * sizeof(*ev)), *exp;
	uint64_t clock = 1000000, last[8] = { 0 };
	struct gt_header h;
	struct ft_read r;
	int err;

	ASSERT_TRUE(ev != NULL);
	for (size_t i = 0; i < n; i++) {
		uint32_t cpu = (uint32_t)rnd_below(8);
		uint64_t ts = clock + rnd_below(3);

		if (ts < last[cpu])
			ts = last[cpu];
		if (!rnd_below(50))
			ts -= rnd_below(ts < 5000 ? ts : 5000); /* a step back */
		last[cpu] = ts;
		clock += rnd_below(4);
		ev[i] = gen_event(ft_types[rnd_below(ft_ntypes)], cpu, ts);
	}
	exp = expected_stream(ev, n);
	header_fixed(&h);
	err = write_events(path, &h, &o, ev, n);
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(read_all(path, 0, &r), 0);
	ASSERT_STREAM(r.ev, r.n, exp, n);
	ASSERT_EQ(r.st.defects, 0);
	read_free(&r);
	free(ev);
	free(exp);
	return 0;
}

const struct ft_case ft_merge_cases[] = {
	{ "merge-cpu-by-cpu-raw", t_cpu_by_cpu, GT_CODEC_RAW },
	{ "merge-cpu-by-cpu-zstd", t_cpu_by_cpu, GT_CODEC_ZSTD },
	{ "merge-equal-ts-raw", t_equal_ts, GT_CODEC_RAW },
	{ "merge-equal-ts-zstd", t_equal_ts, GT_CODEC_ZSTD },
	{ "merge-random-raw", t_random, GT_CODEC_RAW },
	{ "merge-random-zstd", t_random, GT_CODEC_ZSTD },
	{ NULL, NULL, 0 },
};

static int t_byteorder(long arg)
{
	static const uint32_t cpus[] = { 0, 1, 2, 5 };
	struct gt_writer_opts le = { .codec = (int)arg, .block_size = 300 }, be = le;
	const char *p_le = tpath("le.gtr"), *p_be = tpath("be.gtr");
	size_t n = 2000;
	struct gt_event *ev = gen_stream(n, cpus, ARRAY_SIZE(cpus)), *exp = expected_stream(ev, n);
	struct ft_read a, b;
	struct ptrace ta, tb;
	struct gt_header h;
	uint8_t *ba, *bb;
	size_t la, lb;
	int err;

	be.big_endian = true;
	header_fixed(&h);
	err = write_events(p_le, &h, &le, ev, n);
	if (!err)
		err = write_events(p_be, &h, &be, ev, n);
	gt_header__release(&h);
	ASSERT_EQ(err, 0);
	ASSERT_EQ(file_read(p_le, &ba, &la), 0);
	ASSERT_EQ(file_read(p_be, &bb, &lb), 0);
	ASSERT_EQ(parse_trace(ba, la, &ta), 0);
	ASSERT_EQ(parse_trace(bb, lb, &tb), 0);
	ASSERT_TRUE(!ta.be && tb.be);
	/* the byte-order mark and a block magic, byte by byte */
	ASSERT_TRUE(!memcmp(ba + 8, "\x04\x03\x02\x01", 4));
	ASSERT_TRUE(!memcmp(bb + 8, "\x01\x02\x03\x04", 4));
	ASSERT_TRUE(!memcmp(ba + ta.hsize, "KBTG", 4));
	ASSERT_TRUE(!memcmp(bb + tb.hsize, "GTBK", 4));
	ASSERT_TRUE(la != lb || memcmp(ba, bb, la));
	ASSERT_EQ(ta.nb, tb.nb);
	for (size_t i = 0; i < ta.nb; i++) {
		ASSERT_EQ(ta.b[i].cpu, tb.b[i].cpu);
		ASSERT_EQ(ta.b[i].raw, tb.b[i].raw);
		ASSERT_EQ(ta.b[i].nrecords, tb.b[i].nrecords);
	}
	ptrace_free(&ta);
	ptrace_free(&tb);
	free(ba);
	free(bb);
	ASSERT_EQ(read_all(p_le, 0, &a), 0);
	ASSERT_EQ(read_all(p_be, 0, &b), 0);
	ASSERT_TRUE(!a.h.big_endian);
	ASSERT_TRUE(b.h.big_endian);
	ASSERT_STREAM(a.ev, a.n, exp, n);
	ASSERT_STREAM(b.ev, b.n, a.ev, a.n);
	ASSERT_EQ(b.h.nfields, a.h.nfields);
	for (size_t i = 0; i < a.h.nfields; i++) {
		ASSERT_EQ(b.h.fields[i].tag, a.h.fields[i].tag);
		ASSERT_STR_EQ(b.h.fields[i].data, a.h.fields[i].data);
	}
	ASSERT_EQ(b.st.blocks, a.st.blocks);
	ASSERT_TRUE(b.st.clean_end);
	ASSERT_EQ(b.st.end_records, n);
	ASSERT_EQ(b.st.defects, 0);
	read_free(&a);
	read_free(&b);
	free(ev);
	free(exp);
	return 0;
}

const struct ft_case ft_byteorder_cases[] = {
	{ "byteorder-raw", t_byteorder, GT_CODEC_RAW },
	{ "byteorder-zstd", t_byteorder, GT_CODEC_ZSTD },
	{ NULL, NULL, 0 },
};
