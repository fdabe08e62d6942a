/* The library's one error hook: every message goes through gt_error. */
#include <stdarg.h>
#include <stdio.h>

#include <gibtrace/trace.h>

static gt_error_fn error_fn;
static void *error_ctx;

void gt_set_error_hook(gt_error_fn fn, void *ctx)
{
	error_fn = fn;
	error_ctx = ctx;
}

void gt_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (error_fn)
		error_fn(msg, error_ctx);
	else
		fprintf(stderr, "gibtrace: %s\n", msg);
}
