/*
 * verdict.c — finding the kernel's verdict line in its output (verdict.h).
 *
 * Lines end in '\n'; the '\r's before it (UART line endings, added again
 * by every tty that relays them, as a domU's console through dom0) are dropped.
 * Only the start of each line is kept, enough to hold the longest verdict
 * line; longer lines are never verdicts.
 */
#include <string.h>
#include "tools/proteus/verdict.h"

void verdict_init(struct verdict_scan *v)
{
	memset(v, 0, sizeof *v);
}

static enum verdict verdict_parse(const char *s, size_t n)
{
	static const struct { const char *word; enum verdict v; } words[] = {
		{ "passed", VERDICT_PASSED },
		{ "failed", VERDICT_FAILED },
		{ "panic", VERDICT_PANIC },
	};
	size_t plen = sizeof VERDICT_PREFIX - 1;

	while (n && s[n - 1] == '\r')   /* a tty relaying a UART may add more than one */
		n--;
	if (n <= plen || memcmp(s, VERDICT_PREFIX, plen))
		return VERDICT_NONE;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (n - plen == strlen(words[i].word) && !memcmp(s + plen, words[i].word, n - plen))
			return words[i].v;
	return VERDICT_NONE;
}

void verdict_push(struct verdict_scan *v, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			enum verdict got = v->len <= sizeof v->line ? verdict_parse(v->line, v->len)
								  : VERDICT_NONE;
			if (got != VERDICT_NONE)
				v->last = got;
			v->len = 0;
			continue;
		}
		if (v->len < sizeof v->line)
			v->line[v->len] = p[i];
		v->len++;
	}
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASSED: return "passed";
	case VERDICT_FAILED: return "failed";
	case VERDICT_PANIC: return "panic";
	case VERDICT_NONE:
	default: return "none";
	}
}
