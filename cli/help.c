/*
 * The commands' help, printed from one struct gt_help per command: for --help and
 * `gibtrace help CMD` as text, on bad arguments as usage lines, and for the man pages
 * (`gibtrace help --man [CMD]`, generated at build time) as roff with the man(7) macros.
 * One text for all of them, so the man pages cannot drift from --help.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "gibtrace-version.h"

static const struct gt_help_opt gibtrace_options[] = {
	{ "-h, --help", "list the commands (gibtrace help); after a command: its help" },
	{ "--version", "print gibtrace's version (gibtrace version)" },
	{ .flag = NULL },
};

static const struct gt_help gibtrace_help = {
	.usage = "gibtrace [--version] [--help] COMMAND [ARGS]",
	.description =
		"gibtrace models the s390 KVM GIB alert path, where the machine alerts the host to\n"
		"adapter interruptions that no running vcpu can take and the host decides when to\n"
		"re-arm the GISA's interruption alert mask (the \"IAM restore\"). It records that\n"
		"path on a host (gib.ko's gib:* tracepoints), replays the same load under another\n"
		"IAM restore policy, and compares policies on real and synthetic traces.\n"
		"\n"
		"Each command has its own page, gibtrace-COMMAND(1), and answers\n"
		"`gibtrace COMMAND --help` with the same text.",
	.options = gibtrace_options,
	.see_also = "share/doc/gibtrace/docs under the installation prefix (docs/ in the source "
		    "tree): core.md, policies.md, replay.md, recording.md, report.md, tuning.md, "
		    "trace-format.md",
};

/*
 * roff: the first len bytes of s, with its backslashes, minus signs and line-leading
 * control characters escaped.
 */
static void roff_text(FILE *fp, const char *s, int len)
{
	bool bol = true;

	for (int i = 0; i < len && s[i]; i++) {
		if (bol && (s[i] == '.' || s[i] == '\''))
			fputs("\\&", fp);
		bol = s[i] == '\n';
		if (s[i] == '\\')
			fputs("\\e", fp);
		else if (s[i] == '-')
			fputs("\\-", fp);
		else
			fputc(s[i], fp);
	}
}

/* the command name of a synopsis: its first line's second word */
static int usage_name(const struct gt_help *doc, const char **name)
{
	const char *s = doc->usage + strcspn(doc->usage, " ");

	s += *s == ' ';
	*name = s;
	return (int)strcspn(s, " \n");
}

/*
 * The synopsis, a line at a time: forms start with "gibtrace ", after first (the first
 * line's prefix) or other (the next forms'); a continuation line is indented under the
 * arguments of the form above it.
 */
static void print_usage(const struct gt_help *doc, FILE *fp, const char *first, const char *other,
			bool roff)
{
	const char *s = doc->usage;
	int indent = 0;

	for (int i = 0; *s; i++) {
		int len = (int)strcspn(s, "\n");

		if (!strncmp(s, "gibtrace ", 9)) {
			indent = 9 + (int)strcspn(s + 9, " \n") + 1;
			fputs(i ? other : first, fp);
		} else {
			fprintf(fp, "%s%*s", other, indent, "");
		}
		if (roff)
			roff_text(fp, s, len);
		else
			fprintf(fp, "%.*s", len, s);
		fputc('\n', fp);
		s += len + (s[len] == '\n');
	}
}

void gt_help__usage(const struct gt_help *doc, FILE *fp)
{
	const char *name;
	int len = usage_name(doc, &name);

	print_usage(doc, fp, "usage: ", "       ", false);
	fprintf(fp, "See 'gibtrace %.*s --help'.\n", len, name);
}

static void print_list(const struct gt_help_opt *o, FILE *fp, bool example)
{
	int width = 0;

	for (const struct gt_help_opt *p = o; p->flag; p++)
		if ((int)strlen(p->flag) > width)
			width = (int)strlen(p->flag);
	for (; o->flag; o++) {
		if (example)
			fprintf(fp, "  %s\n      %s\n", o->flag, o->text);
		else
			fprintf(fp, "  %-*s  %s\n", width, o->flag, o->text);
	}
}

void gt_help__print(const struct gt_cmd *cmd, FILE *fp)
{
	const struct gt_help *doc = cmd->doc;

	fprintf(fp, "gibtrace %s - %s\n\n", cmd->name, cmd->help);
	print_usage(doc, fp, "usage: ", "       ", false);
	if (doc->description)
		fprintf(fp, "\n%s\n", doc->description);
	if (doc->options && doc->options->flag) {
		fprintf(fp, "\nOptions:\n");
		print_list(doc->options, fp, false);
	}
	if (doc->examples && doc->examples->flag) {
		fprintf(fp, "\nExamples:\n");
		print_list(doc->examples, fp, true);
	}
	fprintf(fp, "\nSee also: gibtrace(1)%s%s\n", doc->see_also ? ", " : "",
		doc->see_also ? doc->see_also : "");
}

/* does an option before o (from first) have the name of len bytes at name? */
static bool named_before(const struct gt_help_opt *first, const struct gt_help_opt *o,
			 const char *name, size_t len)
{
	for (; first < o; first++) {
		const char *s = first->flag;

		while (s && *s == '-') {
			if (strcspn(s, " ,") == len && !strncmp(s, name, len))
				return true;
			s = strstr(s, ", ");
			s = s ? s + 2 : NULL;
		}
	}
	return false;
}

void gt_help__option_names(const struct gt_cmd *cmd, FILE *fp)
{
	for (const struct gt_help_opt *o = cmd->doc->options; o && o->flag; o++) {
		const char *s = o->flag;

		/* "-v, --verbose" names two, "--policy NAME" one; "--policy all" is --policy again */
		while (s && *s == '-') {
			size_t len = strcspn(s, " ,");

			if (!named_before(cmd->doc->options, o, s, len))
				fprintf(fp, "%.*s\n", (int)len, s);
			s = strstr(s, ", ");
			s = s ? s + 2 : NULL;
		}
	}
}

int gt_help__asked(int argc, const char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

static void roff_line(FILE *fp, const char *s)
{
	roff_text(fp, s, (int)strlen(s));
	fputc('\n', fp);
}

/* paragraphs (blank-line separated) as .PP paragraphs, filled by the formatter */
static void roff_paragraphs(FILE *fp, const char *s)
{
	while (*s) {
		const char *end = strstr(s, "\n\n");
		int len = end ? (int)(end - s) : (int)strlen(s);

		fputs(".PP\n", fp);
		roff_text(fp, s, len);
		fputc('\n', fp);
		s += len;
		while (*s == '\n')
			s++;
	}
}

static void roff_list(FILE *fp, const struct gt_help_opt *o)
{
	for (; o->flag; o++) {
		fputs(".TP\n\\fB", fp);
		roff_text(fp, o->flag, (int)strlen(o->flag));
		fputs("\\fR\n", fp);
		roff_line(fp, o->text);
	}
}

static void roff_synopsis(FILE *fp, const struct gt_help *doc)
{
	fputs(".SH SYNOPSIS\n.nf\n", fp);
	print_usage(doc, fp, "", "", true);
	fputs(".fi\n", fp);
}

static void roff_header(FILE *fp, const char *page, const char *name, const char *help)
{
	fprintf(fp,
		".\\\" generated by `gibtrace help --man`: edit the command's struct gt_help\n");
	fprintf(fp, ".TH \"");
	for (const char *p = page; *p; p++)
		fputc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, fp);
	fprintf(fp, "\" 1 \"\" \"gibtrace %s\" \"gibtrace manual\"\n", GIBTRACE_VERSION);
	fputs(".nh\n.ad l\n.SH NAME\n", fp);
	roff_text(fp, name, (int)strlen(name));
	fputs(" \\- ", fp);
	roff_line(fp, help);
}

void gt_help__man(const struct gt_cmd *cmd, FILE *fp)
{
	const struct gt_help *doc = cmd ? cmd->doc : &gibtrace_help;
	char page[64];

	snprintf(page, sizeof(page), "gibtrace%s%s", cmd ? "-" : "", cmd ? cmd->name : "");
	roff_header(
		fp, page, page,
		cmd ? cmd->help :
		      "record and replay the s390 KVM GIB alert path under IAM restore policies");
	roff_synopsis(fp, doc);
	fputs(".SH DESCRIPTION\n", fp);
	if (doc->description)
		roff_paragraphs(fp, doc->description);
	if (!cmd) {
		fputs(".SH COMMANDS\n", fp);
		for (size_t i = 0; i < gt_ncommands; i++) {
			fputs(".TP\n\\fBgibtrace\\-", fp);
			roff_text(fp, gt_commands[i].name, (int)strlen(gt_commands[i].name));
			fputs("\\fR(1)\n", fp);
			roff_line(fp, gt_commands[i].help);
		}
	}
	if (doc->options && doc->options->flag) {
		fputs(".SH OPTIONS\n", fp);
		roff_list(fp, doc->options);
	}
	if (doc->examples && doc->examples->flag) {
		fputs(".SH EXAMPLES\n", fp);
		roff_list(fp, doc->examples);
	}
	fputs(".SH SEE ALSO\n", fp);
	if (!cmd) {
		for (size_t i = 0; i < gt_ncommands; i++) {
			fprintf(fp, "\\fBgibtrace\\-");
			roff_text(fp, gt_commands[i].name, (int)strlen(gt_commands[i].name));
			fprintf(fp, "\\fR(1)%s\n", i + 1 < gt_ncommands ? "," : "");
		}
		fputs(".PP\n", fp);
	} else {
		fputs("\\fBgibtrace\\fR(1)", fp);
		fputs(doc->see_also ? ",\n" : "\n", fp);
	}
	if (doc->see_also)
		roff_line(fp, doc->see_also);
}
