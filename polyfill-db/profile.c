/* profile.c: which profile of a runtime family a project gets. The rules
 * give each profile target its `family` and `select` (the compatibility
 * flag that forces it, the compatibility date from which it is the
 * default, the runtime it is; or `base`: what the runtime's base flag
 * alone gives, a date before every other profile's); this picks one the
 * way the runtime does: a profile's flag wins, else the latest `from` on
 * or before the date, else the base. Pure queries over the rules
 * database; no I/O. */
#include "rules_int.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct profile_member {
	const char *target, *python;
	const char *flag, *off_flag, *from, *runtime, *index, *base, *pyodide_npm;
	const char *sdk_from, *sdk_flag, *sdk_off_flag, *sdk_distribution, *sdk_module;
	const char *class_only_from, *class_only_flag, *class_only_off_flag;
};

static const char *dup_col(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? arena_strdup(a, (const char *)s) : NULL;
}

static size_t members(struct rules *r, const char *family, struct profile_member **out)
{
	sqlite3_stmt *st = NULL, *sel = NULL;
	VEC(struct profile_member) v = VEC_INIT;

	if (sqlite3_prepare_v2(r->db, "SELECT t.name, t.python FROM target t JOIN target_item i"
				      " ON i.target = t.name AND i.kind = 'family' WHERE i.key = ?"
				      " ORDER BY t.ord", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(r->db, "SELECT key, value FROM target_item WHERE target = ? AND kind = 'select'",
			       -1, &sel, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		*out = NULL;
		return 0;
	}
	sqlite3_bind_text(st, 1, family, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct profile_member *m = VEC_PUSH(&v);
		memset(m, 0, sizeof(*m));
		m->target = dup_col(&r->arena, st, 0);
		m->python = dup_col(&r->arena, st, 1);
		sqlite3_reset(sel);
		sqlite3_bind_text(sel, 1, m->target, -1, SQLITE_STATIC);
		while (sqlite3_step(sel) == SQLITE_ROW) {
			const char *k = (const char *)sqlite3_column_text(sel, 0);
			const char *val = dup_col(&r->arena, sel, 1);
			if (!k)
				continue;
			if (!strcmp(k, "flag"))
				m->flag = val;
			else if (!strcmp(k, "off_flag"))
				m->off_flag = val;
			else if (!strcmp(k, "from"))
				m->from = val;
			else if (!strcmp(k, "runtime"))
				m->runtime = val;
			else if (!strcmp(k, "index"))
				m->index = val;
			else if (!strcmp(k, "base"))
				m->base = val;
			else if (!strcmp(k, "pyodide_npm"))
				m->pyodide_npm = val;
			else if (!strcmp(k, "sdk_from"))
				m->sdk_from = val;
			else if (!strcmp(k, "sdk_flag"))
				m->sdk_flag = val;
			else if (!strcmp(k, "sdk_off_flag"))
				m->sdk_off_flag = val;
			else if (!strcmp(k, "sdk_distribution"))
				m->sdk_distribution = val;
			else if (!strcmp(k, "sdk_module"))
				m->sdk_module = val;
			else if (!strcmp(k, "class_only_from"))
				m->class_only_from = val;
			else if (!strcmp(k, "class_only_flag"))
				m->class_only_flag = val;
			else if (!strcmp(k, "class_only_off_flag"))
				m->class_only_off_flag = val;
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(sel);
	*out = v.v;
	return v.n;
}

static int has_flag(const char *const *flags, size_t n, const char *flag)
{
	for (size_t i = 0; flag && i < n; i++)
		if (!strcmp(flags[i], flag))
			return 1;
	return 0;
}

static int valid_date(const char *d)
{
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
			return 0;
	return 1;
}

/* The day before the earliest of dates (YYYY-MM-DD, NULL skipped), in a;
 * NULL when there is none. */
static const char *day_before_earliest(struct arena *a, const char *const *dates, size_t n)
{
	const char *min = NULL;
	struct tm tm;
	time_t t;
	char buf[16];

	for (size_t i = 0; i < n; i++)
		if (valid_date(dates[i]) && (!min || strcmp(dates[i], min) < 0))
			min = dates[i];
	if (!min)
		return NULL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(min) - 1900;
	tm.tm_mon = atoi(min + 5) - 1;
	tm.tm_mday = atoi(min + 8) - 1;
	tm.tm_hour = 12;
	t = timegm(&tm);
	if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%d", &tm))
		return NULL;
	return arena_strdup(a, buf);
}

int rules_pick_profile(struct rules *r, const char *family, const char *date, const char *const *flags,
		       size_t n_flags, const char *python, struct target_pick *out, struct perr *err)
{
	struct profile_member *m;
	size_t n = members(r, family, &m);
	const struct profile_member *best = NULL, *base = NULL;
	const char *first_from = NULL;
	struct arena *a = &r->arena;

	memset(out, 0, sizeof(*out));
	out->target = family;
	if (!n) {
		free(m);
		return 0;
	}
	if (date && !valid_date(date)) {
		free(m);
		return perr_set(err, PM_INPUT, "compatibility_date '%s' is not a date (YYYY-MM-DD)", date);
	}
	if (python) {
		struct strbuf known = STRBUF_INIT;
		for (size_t i = 0; i < n; i++) {
			strbuf_addf(&known, "%s%s", i ? ", " : "", m[i].python);
			if (!strcmp(m[i].python, python))
				best = &m[i];
		}
		if (!best) {
			int rc = perr_set(err, PM_USAGE, "%s has no Python %s profile (known: %s)", family, python,
					  known.buf);
			strbuf_release(&known);
			free(m);
			return rc;
		}
		strbuf_release(&known);
		out->why = arena_printf(a, "--python-version %s", python);
	}
	for (size_t i = 0; i < n; i++) {
		if (m[i].base && !base)
			base = &m[i];
		if (m[i].from && (!first_from || strcmp(m[i].from, first_from) < 0))
			first_from = m[i].from;
	}
	/* as the runtime decides: a profile is on by its flag, or implied
	 * from its date on, unless its off flag is given; the newest on wins */
	for (size_t i = 0; !python && i < n; i++) {
		const struct profile_member *c = &m[i];
		int on = has_flag(flags, n_flags, c->flag) ||
			 (date && c->from && strcmp(date, c->from) >= 0);
		if (!on || has_flag(flags, n_flags, c->off_flag))
			continue;
		if (!best || strcmp(c->python, best->python) > 0)
			best = c;
	}
	if (best && !out->why)
		out->why = has_flag(flags, n_flags, best->flag)
			   ? arena_printf(a, "compatibility flag %s", best->flag)
			   : arena_printf(a, "compatibility_date %s, on or after %s", date, best->from);
	/* a date before every other profile's: what the base flag alone gives */
	if (!best && date && base) {
		best = base;
		out->why = first_from ? arena_printf(a, "compatibility_date %s, before %s", date, first_from)
				      : arena_printf(a, "compatibility_date %s, %s alone", date, base->base);
	}
	if (!best) {
		/* no date and no flag: the family's own target, said so */
		for (size_t i = 0; i < n && !best; i++)
			if (!strcmp(m[i].target, family))
				best = &m[i];
		if (!best)
			best = &m[0];
		out->why = date ? arena_printf(a, "compatibility_date %s is before every profile", date)
				: "no wrangler config with a compatibility_date: the family's default";
		if (!date)
			out->note = arena_printf(a, "no compatibility_date: %s is assumed; a Worker created today "
						    "gets the newest profile (give --python-version X.Y, or a wrangler "
						    "config)", best->python);
	}
	out->target = best->target;
	out->python = best->python;
	out->runtime = best->runtime;
	out->index = best->index;
	out->from = best->from;
	out->pyodide_npm = best->pyodide_npm;
	/* a date that gets this profile, with none of its later features on by
	 * date: its `from`, or for the base the day before the earliest of the
	 * other profiles' dates and its features' */
	if (best->from)
		out->config_date = best->from;
	else {
		const char *d[] = { first_from, best->class_only_from, best->sdk_from };
		out->config_date = day_before_earliest(a, d, 3);
	}
	/* the SDK: from its date (or with its flag) the runtime imports it from python_modules */
	if (best->sdk_module && !has_flag(flags, n_flags, best->sdk_off_flag) &&
	    (has_flag(flags, n_flags, best->sdk_flag) || (date && best->sdk_from && strcmp(date, best->sdk_from) >= 0))) {
		out->sdk_vendored = 1;
		out->sdk_module = best->sdk_module;
		out->sdk_distribution = best->sdk_distribution;
		out->sdk_off_flag = best->sdk_off_flag;
	}
	/* global handlers (on_fetch): off from their date, or with the flag */
	if (!has_flag(flags, n_flags, best->class_only_off_flag) &&
	    (has_flag(flags, n_flags, best->class_only_flag) ||
	     (date && best->class_only_from && strcmp(date, best->class_only_from) >= 0))) {
		out->class_only = 1;
		out->class_only_flag = best->class_only_flag;
	}
	free(m);
	return 1;
}
