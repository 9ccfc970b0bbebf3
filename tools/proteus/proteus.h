/*
 * proteus.h — the subcommands of the host tool.
 */
#ifndef PROTEUS_TOOL_PROTEUS_H
#define PROTEUS_TOOL_PROTEUS_H

#include <stdio.h>

void proteus_usage(FILE *out);
/* argv[0] is the subcommand's name; each returns the exit status. */
int sites_main(int argc, char **argv);
int run_main(int argc, char **argv);
int bench_main(int argc, char **argv);

#endif
