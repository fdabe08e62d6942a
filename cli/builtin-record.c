/*
 * gibtrace record [-o FILE] [-e EVENTS] [--duration T] [--live] [-b BYTES]
 *                 [--backend bpf|tracefs] [--policy P] [-- COMMAND...]
 *
 * Records gib.ko's gib:* tracepoints into a trace file: with BPF programs
 * and one ring buffer (bpf/gib.bpf.c), or through an ftrace instance of its
 * own (--backend tracefs, bpf/rec-tracefs.c) where BPF is not allowed. Every
 * event the kernel side could not hand over is counted, per CPU, and written
 * into the trace as a drop record with its time span: nothing is lost
 * silently. Stops on SIGINT/SIGTERM, after --duration, or when COMMAND ends,
 * then drains what is left, and prints events and drops per type. --live
 * prints a line a second, as kvm_stat does. --policy P names the policy in
 * the header (replay --validate replays under it); for COMMAND `gibtrace run`
 * it comes from that command line. docs/recording.md.
 *
 * --target s390-kvm records kvm.ko on a real s390 KVM host instead
 * (bpf/s390/, docs/s390-host.md); --check prints its attach plan only.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gibtrace/scenario.h>
#include <gibtrace/trace.h>

#include "builtin.h"
#include "gib-bpf.h"
#include "policy-spec.h"
#include "recorder.h"
#include "s390/s390-kvm.h"

static const struct gt_help_opt record_options[] = {
	{ "-o FILE", "the trace file to write (default gib.gtr)" },
	{ "-e EVENT,...",
	  "record only these events (names of gibtrace info --types, with or without gib:); "
	  "default: every one" },
	{ "--duration T", "stop after T (a number with ns, us, ms or s; a bare number: seconds)" },
	{ "--live",
	  "print the events and drops of the last second, every second, as kvm_stat does" },
	{ "-b BYTES", "the ring buffer's size, a power of two >= 4096 (default 4194304)" },
	{ "--backend bpf|tracefs",
	  "BPF programs and one ring buffer (default), or an ftrace instance where BPF is not "
	  "allowed" },
	{ "--policy P",
	  "the policy to name in the trace's header, NAME[:param=value,...] (replay --validate "
	  "replays under it); for COMMAND `gibtrace run` it comes from that command line" },
	{ "-- COMMAND...",
	  "run COMMAND and record until it ends; its exit status becomes gibtrace record's" },
	{ "--target gib.ko|s390-kvm",
	  "what to record: gib.ko's tracepoints (default), or kvm.ko on an s390 KVM host "
	  "(docs/s390-host.md)" },
	{ "--probes auto|kprobe|fentry",
	  "s390-kvm: fentry/fexit if kvm.ko has BTF and a test attach works, else kprobes "
	  "(auto, the default), or force one" },
	{ "--btf FILE",
	  "s390-kvm: the kernel's BTF for CO-RE, for a kernel without /sys/kernel/btf/vmlinux" },
	{ "--kallsyms FILE", "s390-kvm: the symbols to check the attach points against" },
	{ "--check",
	  "s390-kvm: print the attach plan (what exists, what stands in) and exit: 0 if it can "
	  "record, 2 if not" },
	{ "--load-test",
	  "s390-kvm: load every kprobe and tracepoint program into this kernel, attach what it "
	  "has, detach and exit: 0 if they all pass its verifier, 2 if not" },
	{ .flag = NULL },
};

static const struct gt_help_opt record_examples[] = {
	{ "gibtrace record -o rec.gtr -- gibtrace run scenarios/ap-burst.scn --policy upstream",
	  "record a scenario run in gib.ko; the header names its policy and scenario" },
	{ "gibtrace record --backend tracefs --duration 10s --live -o rec.gtr",
	  "ten seconds of whatever gib.ko does, through ftrace, a line a second" },
	{ "gibtrace record --target s390-kvm --btf vmlinux.btf --duration 60s -o host.gtr",
	  "a minute of the alert path of an s390 KVM host whose kernel has no BTF" },
	{ .flag = NULL },
};

const struct gt_help gt_help_record = {
	.usage = "gibtrace record [-o FILE] [-e EVENT,...] [--duration T] [--live] [-b BYTES]\n"
		 "[--backend bpf|tracefs] [--policy P] [--target gib.ko|s390-kvm [--probes M]\n"
		 "[--btf FILE] [--kallsyms FILE] [--check|--load-test]] [-- COMMAND...]",
	.description =
		"Records gib.ko's gib:* tracepoints into a trace file: with BPF programs and one\n"
		"ring buffer, or through an ftrace instance of its own (--backend tracefs) where\n"
		"BPF is not allowed. Every event the kernel side could not hand over is counted, per\n"
		"CPU, and written into the trace as a drop record with its time span: nothing is\n"
		"lost silently.\n"
		"\n"
		"Stops on SIGINT or SIGTERM, after --duration, or when COMMAND ends, then drains\n"
		"what is left and prints the events and drops per type. Needs gib.ko loaded and the\n"
		"privileges to load BPF programs or use tracefs. Exits 2 when the recording cannot\n"
		"start or be written.",
	.options = record_options,
	.examples = record_examples,
	.see_also = "gibtrace-run(1), gibtrace-info(1), gibtrace-replay(1), docs/recording.md",
};

static volatile sig_atomic_t record_stop;

static void record_signal(int sig)
{
	(void)sig;
	record_stop = 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* seconds with ns, us, ms, s suffixes; a bare number is seconds */
static int parse_duration(const char *s, uint64_t *ns)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0)
		return -EINVAL;
	if (!*end || !strcmp(end, "s"))
		v *= 1e9;
	else if (!strcmp(end, "ms"))
		v *= 1e6;
	else if (!strcmp(end, "us"))
		v *= 1e3;
	else if (strcmp(end, "ns"))
		return -EINVAL;
	*ns = (uint64_t)v;
	return 0;
}

static int parse_events(const char *s, uint64_t *types)
{
	char *copy = strdup(s), *tok, *save = NULL;
	int err = 0;

	*types = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int t = gt_event_type__by_name(strncmp(tok, "gib:", 4) ? tok : tok + 4);

		if (t < 0 || t == GIB_EV_drop) {
			char valid[1024];
			size_t n = 0;

			for (size_t k = 0; k < gt_nevent_types && n < sizeof(valid); k++)
				if (gt_event_types[k].name && k != GIB_EV_drop)
					n += (size_t)snprintf(valid + n, sizeof(valid) - n, "%s%s",
							      n ? ", " : "",
							      gt_event_types[k].name);
			fprintf(stderr, "gibtrace record: unknown event '%s'; events: %s\n", tok,
				valid);
			err = -EINVAL;
			break;
		}
		*types |= 1ULL << t;
	}
	free(copy);
	return err;
}

/*
 * The policy and the scenario, for the header (replay --validate replays under
 * the header's policy). gib.ko cannot tell: its sessions are per open file,
 * and the recorder's own open of /dev/gib would see none of COMMAND's VMs. So
 * they come from --policy, or from COMMAND when it is `gibtrace run SCENARIO
 * [--policy P]` (P canonical, as `gibtrace run` prints it).
 */
static void provenance_from_command(struct gt_header *h, const char *policy, int argc,
				    const char **argv)
{
	const char *base = argc > 0 ? strrchr(argv[0], '/') : NULL, *spec = "upstream";
	const char *scn = NULL;
	const struct gib_policy *p;
	struct gib_params params;
	struct gt_scenario s;
	char canon[512];
	bool run;

	base = base ? base + 1 : argc > 0 ? argv[0] : "";
	run = argc > 1 && !strncmp(base, "gibtrace", 8) && !strcmp(argv[1], "run");
	for (int i = 2; run && i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc)
			spec = argv[++i];
		else if ((!strcmp(argv[i], "--device") || !strcmp(argv[i], "--drain")) &&
			 i + 1 < argc)
			i++;
		else if (argv[i][0] != '-' && !scn)
			scn = argv[i];
	}
	if (policy)
		spec = policy;
	else if (!run)
		return;
	if (!rp_policy_spec__parse(spec, &p, &params)) {
		rp_policy_spec__format(p, &params, canon, sizeof(canon));
		gt_header__set(h, GT_TAG_POLICY, canon);
	}
	if (scn && !gt_scenario__parse(&s, scn)) {
		gt_header__set(h, GT_TAG_SCENARIO, s.text ? s.text : s.name);
		gt_scenario__release(&s);
	}
}

int cmd_record(int argc, const char **argv)
{
	const char *out = "gib.gtr", *backend = "bpf", *policy = NULL;
	uint64_t types = ~0ULL & ~(1ULL << GIB_EV_drop), duration = 0, start, next_tick;
	size_t bytes = 4 << 20;
	bool live = false, s390 = false, check = false, load_test = false;
	struct s390_kvm_opts s390_opts = { .mode = S390_PROBES_AUTO };
	struct rec_state rs;
	struct gt_header h;
	pid_t child = -1;
	char prov[2048];
	int i, err, status = 0, cmd = -1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			cmd = i + 1;
			break;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "-e") && i + 1 < argc) {
			if (parse_events(argv[++i], &types))
				return 1;
		} else if (!strcmp(argv[i], "--duration") && i + 1 < argc) {
			if (parse_duration(argv[++i], &duration))
				goto usage;
		} else if (!strcmp(argv[i], "--live")) {
			live = true;
		} else if (!strcmp(argv[i], "-b") && i + 1 < argc) {
			bytes = strtoul(argv[++i], NULL, 0);
			if (bytes < 4096 || (bytes & (bytes - 1))) {
				fprintf(stderr,
					"gibtrace record: -b takes a power of two >= 4096\n");
				return 1;
			}
		} else if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			const struct gib_policy *p;
			struct gib_params params;

			policy = argv[++i];
			if (rp_policy_spec__parse(policy, &p, &params))
				return 1;
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "gib.ko") && strcmp(argv[i], "s390-kvm"))
				goto usage;
			s390 = !strcmp(argv[i], "s390-kvm");
		} else if (!strcmp(argv[i], "--probes") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "kprobe"))
				s390_opts.mode = S390_PROBES_KPROBE;
			else if (!strcmp(argv[i], "fentry"))
				s390_opts.mode = S390_PROBES_FENTRY;
			else if (strcmp(argv[i], "auto"))
				goto usage;
		} else if (!strcmp(argv[i], "--btf") && i + 1 < argc) {
			s390_opts.btf = argv[++i];
		} else if (!strcmp(argv[i], "--kallsyms") && i + 1 < argc) {
			s390_opts.kallsyms = argv[++i];
		} else if (!strcmp(argv[i], "--check")) {
			check = true;
		} else if (!strcmp(argv[i], "--load-test")) {
			load_test = true;
		} else if (!strcmp(argv[i], "--backend") && i + 1 < argc) {
			backend = argv[++i];
			if (strcmp(backend, "bpf") && strcmp(backend, "tracefs"))
				goto usage;
		} else {
			goto usage;
		}
	}
	if (cmd >= argc)
		goto usage;
	if ((check || load_test) && !s390)
		goto usage;
	if (check)
		return s390_kvm__plan(&s390_opts, stdout) ? 2 : 0;
	if (load_test)
		return s390_kvm__load_test(&s390_opts, stdout) ? 2 : 0;
	if (s390 && strcmp(backend, "bpf")) {
		fprintf(stderr, "gibtrace record: --target s390-kvm records with BPF only\n");
		return 1;
	}

	gt_header__init(&h);
	gt_header__set_host(&h, "gibtrace record");
	/* s390-host: what kvm.ko showed; posts by the machine are not observable there */
	gt_header__set(&h, GT_TAG_ORIGIN, s390 ? "s390-host" : "gib.ko");
	gt_header__set(&h, GT_TAG_CLOCK, "CLOCK_MONOTONIC");
	provenance_from_command(&h, policy, cmd > 0 ? argc - cmd : 0, cmd > 0 ? argv + cmd : NULL);
	snprintf(prov, sizeof(prov), "gibtrace record %s%s -b %zu%s%s",
		 s390 ? "--target s390-kvm" : "--backend ", s390 ? "" : backend, bytes,
		 cmd > 0 ? " -- " : "", cmd > 0 ? argv[cmd] : "");
	gt_header__set(&h, GT_TAG_PROVENANCE, prov);
	err = rec_state__init(&rs, out, &h);
	gt_header__release(&h);
	if (err)
		return 2;
	if (s390)
		err = rec_s390__open(&rs, &s390_opts, types, bytes);
	else
		err = !strcmp(backend, "bpf") ? rec_bpf__open(&rs, types, bytes) :
						rec_tracefs__open(&rs, types, bytes);
	if (err) {
		rec_state__abort(&rs);
		unlink(out);
		return 2;
	}

	signal(SIGINT, record_signal);
	signal(SIGTERM, record_signal);
	if (cmd > 0) {
		child = fork();
		if (child == 0) {
			execvp(argv[cmd], (char *const *)argv + cmd);
			fprintf(stderr, "gibtrace record: %s: %s\n", argv[cmd], strerror(errno));
			_exit(127);
		}
		if (child < 0)
			record_stop = 1;
	}
	start = now_ns();
	next_tick = start + 1000000000ull;
	while (!record_stop && !rs.err) {
		if (rs.poll(&rs, 100) < 0)
			break;
		if (duration && now_ns() - start >= duration)
			break;
		if (child > 0 && waitpid(child, &status, WNOHANG) == child) {
			child = -1;
			break;
		}
		if (now_ns() >= next_tick) {
			rec_state__drops(&rs);
			if (live)
				rec_state__live(&rs, (double)(now_ns() - start) / 1e9);
			next_tick += 1000000000ull;
		}
	}
	if (child > 0) { /* stopped by a signal or the duration: so is COMMAND */
		kill(child, SIGTERM);
		waitpid(child, &status, 0);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	err = rec_state__finish(&rs, out);
	if (err)
		return 2;
	if (cmd > 0 && WIFEXITED(status) && WEXITSTATUS(status))
		return WEXITSTATUS(status);
	return 0;
usage:
	gt_help__usage(&gt_help_record, stderr);
	return 1;
}
