// SPDX-License-Identifier: GPL-2.0
/* kvmsi_trace.c - the definitions of kvmsi's upstream-named tracepoints */
#define CREATE_TRACE_POINTS
#include "kvmsi_trace.h"
