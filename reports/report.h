/* report.h: the reports stage's one public header: renders an audit (the
 * verdicts and findings of polyfill-db/analysis.h) as human text or as the
 * JSON document of docs/report-schema.md. Output goes to a strbuf, so the
 * caller writes it whole or not at all. Nothing here decides a verdict. */
#ifndef PYMODE_REPORT_H
#define PYMODE_REPORT_H

#include "../polyfill-db/analysis.h"

#define REPORT_SCHEMA "pymode-report/2"

struct report_options {
	int color;    /* ANSI colour */
	int verbose;  /* also compatible-severity notes and every location */
	int has_gate; /* --fail-on given */
	enum verdict fail_on;
};

void report_text(struct strbuf *out, const struct audit *a, const struct report_options *o);
void report_json(struct strbuf *out, const struct audit *a, const struct report_options *o);
/* "elf x86_64"-style kinds list: "eager, guarded" into sb */
void report_kinds(struct strbuf *sb, unsigned kinds, const char *sep);

#endif
