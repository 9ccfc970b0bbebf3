/*
 * census.h — printing the site census (our version of table 3 of the
 * paravirt_ops paper): sites and bytes per op, per group, in total.
 */
#ifndef PROTEUS_TOOL_CENSUS_H
#define PROTEUS_TOOL_CENSUS_H

#include <stdio.h>
#include "tools/proteus/sites.h"

void census_print(FILE *out, const struct pvops *ops, const struct sites_census *c);

#endif
