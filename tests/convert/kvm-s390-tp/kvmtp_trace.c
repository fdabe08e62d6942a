// SPDX-License-Identifier: GPL-2.0
/* kvmtp_trace.c - the definitions of kvmtp's upstream-named tracepoints */
#define CREATE_TRACE_POINTS
#include "kvmtp_trace.h"
