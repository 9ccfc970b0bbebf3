/*
 * census.c — the census table.
 *
 *   group  op           class  conv    sites  bytes
 *   irq    save_fl      B      CALLEE     12    120
 *   ...
 *   irq    subtotal                       40    400
 *   total                                123   1000
 *
 * Rows follow pvops.def order; groups appear in the order of their first
 * op.  Class-A ops are never patched, so their counts print as "-", and so
 * does a group made only of them.
 */
#include <string.h>
#include "tools/proteus/census.h"

struct census_cols {
	int group, op;
};

static void census_row(FILE *out, const struct census_cols *w, const char *group, const char *op,
		       const char *class, const char *conv, const char *sites, const char *bytes)
{
	fprintf(out, "%-*s  %-*s  %-5s  %-6s  %6s  %8s\n", w->group, group, w->op, op, class, conv,
		sites, bytes);
}

static void census_counts(FILE *out, const struct census_cols *w, const char *group, const char *op,
			  const char *class, const char *conv, int any, unsigned sites,
			  unsigned long long bytes)
{
	char s[24] = "-", b[24] = "-";

	if (any) {
		snprintf(s, sizeof s, "%u", sites);
		snprintf(b, sizeof b, "%llu", bytes);
	}
	census_row(out, w, group, op, class, conv, s, b);
}

static void census_rule(FILE *out, const struct census_cols *w)
{
	int n = w->group + 2 + w->op + 2 + 5 + 2 + 6 + 2 + 6 + 2 + 8;

	while (n--)
		fputc('-', out);
	fputc('\n', out);
}

/* True when op i is the first of its group. */
static int census_group_first(const struct pvops *ops, unsigned i)
{
	for (unsigned j = 0; j < i; j++)
		if (strcmp(ops->ops[j].group, ops->ops[i].group) == 0)
			return 0;
	return 1;
}

static void census_group(FILE *out, const struct census_cols *w, const struct pvops *ops,
			 const struct sites_census *c, const char *group)
{
	unsigned sites = 0;
	unsigned long long bytes = 0;
	int any = 0;

	for (unsigned i = 0; i < ops->nr; i++) {
		const struct pvop_info *op = &ops->ops[i];
		char class[2] = { (char)op->class, 0 };
		int b = op->class == PVOP_CLASS_B;

		if (strcmp(op->group, group) != 0)
			continue;
		census_counts(out, w, group, op->name, class, op->conv, b, c->sites[i], c->bytes[i]);
		if (b) {
			any = 1;
			sites += c->sites[i];
			bytes += c->bytes[i];
		}
	}
	census_counts(out, w, group, "subtotal", "", "", any, sites, bytes);
}

void census_print(FILE *out, const struct pvops *ops, const struct sites_census *c)
{
	struct census_cols w = { (int)strlen("group"), (int)strlen("subtotal") };

	for (unsigned i = 0; i < ops->nr; i++) {
		int g = (int)strlen(ops->ops[i].group), n = (int)strlen(ops->ops[i].name);

		w.group = g > w.group ? g : w.group;
		w.op = n > w.op ? n : w.op;
	}
	census_row(out, &w, "group", "op", "class", "conv", "sites", "bytes");
	census_rule(out, &w);
	for (unsigned i = 0; i < ops->nr; i++)
		if (census_group_first(ops, i))
			census_group(out, &w, ops, c, ops->ops[i].group);
	census_rule(out, &w);
	census_counts(out, &w, "total", "", "", "", 1, c->total_sites, c->total_bytes);
}
