#ifndef GIBTRACE_TUNE_PRINT_H
#define GIBTRACE_TUNE_PRINT_H

#include <stdbool.h>

#include "tune.h"

/* every result, the front marked: a table, or JSON, or CSV */
void gt_tune__print(const struct gt_tune_result *r, size_t n, bool json, bool csv);

#endif
