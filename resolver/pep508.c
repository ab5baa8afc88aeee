/* pep508.c: PEP 508 dependency specifications: name, extras, a version
 * specifier list (bare or parenthesised) or an "@ url" direct reference, and
 * a marker after ';'. Also name validation and PEP 503 normalisation.
 * Markers are parsed by marker.c, specifiers by specifier.c. */
#include "leaf.h"

#include <stdlib.h>
#include <string.h>

void leaf_normalize(struct strbuf *out, const char *s, size_t n)
{
	/* packaging's canonicalize_name: a leading or trailing separator
	 * stays, as one '-' ("foo_" is "foo-", another project than "foo") */
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '-' || c == '_' || c == '.') {
			if (i == 0 || !strchr("-_.", s[i - 1]))
				strbuf_addch(out, '-');
			continue;
		}
		strbuf_addch(out, leaf_tolower(c));
	}
}

char *req_name_normalize(struct arena *a, const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	char *r;

	leaf_normalize(&sb, s, n);
	r = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/* Length of the PEP 508 name at s (letterOrDigit, inner -_. runs, ending in
 * letterOrDigit); 0 when there is none. Trailing separators are not part of
 * it. */
static size_t ident_len(const char *s, size_t n)
{
	size_t i = 0, last = 0;

	if (!n || !leaf_isalnum((unsigned char)s[0]))
		return 0;
	while (i < n) {
		int c = (unsigned char)s[i];
		if (leaf_isalnum(c))
			last = i + 1;
		else if (c != '-' && c != '_' && c != '.')
			break;
		i++;
	}
	return last;
}

/* Length of a name or an extra as packaging 26's tokenizer reads one in a
 * requirement, IDENTIFIER = \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b: the whole run
 * of those characters, which must end in a word character (a letter, a
 * digit or '_': "foo_" is a name there, though not by PEP 508's pattern)
 * when what follows is not one, as every character that may follow a name
 * or an extra is. Sets *sep_end when the run ends in '-' or '.'; 0 when
 * there is no name at s. */
static size_t token_len(const char *s, size_t n, int *sep_end)
{
	size_t i = 0;

	*sep_end = 0;
	if (!n || !leaf_isalnum((unsigned char)s[0]))
		return 0;
	while (i < n && (leaf_isalnum((unsigned char)s[i]) || strchr("-_.", s[i])))
		i++;
	*sep_end = s[i - 1] == '-' || s[i - 1] == '.';
	return i;
}

int req_name_valid(const char *s, size_t n)
{
	return n && ident_len(s, n) == n;
}

struct rparser {
	const char *s;
	size_t i, n;
	struct arena *a;
	struct perr *err;
	int *col;
};

static void rskip(struct rparser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
		p->i++;
}

static int rfail(struct rparser *p, size_t pos, const char *fmt, const char *arg)
{
	char q[LEAF_QUOTE_MAX], why[LEAF_QUOTE_MAX + 128];

	if (p->col)
		*p->col = (int)pos + 1;
	leaf_quote(q, sizeof(q), p->s, p->n);
	snprintf(why, sizeof(why), fmt, arg);
	return perr_set(p->err, PM_INPUT, "invalid requirement '%s': %s", q, why);
}

static int is_version_char(int c)
{
	return leaf_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*' || c == '+' ||
	       c == '!';
}

static int is_op_char(int c)
{
	return c == '<' || c == '>' || c == '=' || c == '!' || c == '~';
}

/* Parses "op version (, op version)* ,?" at the cursor into out, as
 * packaging's tokenizer reads it: blanks (space, tab) around the commas,
 * Python's whitespace (any Unicode space, newlines too) between an
 * operator and its version, a version of PEP 440's characters (for ===:
 * any word without ';' or ')', maybe empty, whose commas split it into
 * more specifiers), and one trailing comma. */
static int parse_specs(struct rparser *p, struct spec_set *out)
{
	VEC(struct spec) specs = VEC_INIT;
	int rc = 0;

	for (;;) {
		size_t start, op_end, v_start, k;
		char op[4];
		struct spec *sp;

		rskip(p);
		start = p->i;
		while (p->i < p->n && is_op_char((unsigned char)p->s[p->i]) && p->i - start < 3)
			p->i++;
		op_end = p->i;
		if (op_end == start) {
			if (specs.n) /* after one trailing comma: "name>=1.0," */
				break;
			rc = rfail(p, start, "%s", "expected a version specifier (like '>=1.0')");
			break;
		}
		memcpy(op, p->s + start, op_end - start);
		op[op_end - start] = '\0';
		while (p->i < p->n && (k = leaf_pyspace(p->s + p->i, p->n - p->i)))
			p->i += k;
		v_start = p->i;
		if (!strcmp(op, "===")) {
			/* packaging's token for === runs over commas too
			 * ([^\s;)]*); SpecifierSet then splits it on ',' and
			 * drops blank parts: "===a,,>=1" is ===a and >=1 */
			size_t end, part;
			while (p->i < p->n && !leaf_pyspace(p->s + p->i, p->n - p->i) &&
			       p->s[p->i] != ';' && p->s[p->i] != ')')
				p->i++;
			end = p->i;
			for (part = start; part < end && !rc;) {
				size_t lo = part, hi = part;
				while (hi < end && p->s[hi] != ',')
					hi++;
				part = hi + 1;
				leaf_pystrip(p->s, &lo, &hi);
				if (lo == hi)
					continue;
				sp = VEC_PUSH(&specs);
				if ((rc = spec_parse(sp, p->s + lo, hi - lo, p->a, p->err)) && p->col)
					*p->col = (int)lo + 1;
			}
			if (rc)
				break;
			rskip(p);
			if (p->i < p->n && p->s[p->i] == ',') {
				p->i++;
				continue;
			}
			break;
		} else {
			while (p->i < p->n && is_version_char((unsigned char)p->s[p->i]))
				p->i++;
			if (p->i == v_start) {
				rc = rfail(p, v_start, "expected version after '%s'", op);
				break;
			}
		}
		sp = VEC_PUSH(&specs);
		if ((rc = spec_parse(sp, p->s + start, p->i - start, p->a, p->err))) {
			if (p->col)
				*p->col = (int)start + 1;
			break;
		}
		rskip(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		break;
	}
	if (!rc) {
		out->n = specs.n;
		out->v = arena_alloc(p->a, (specs.n ? specs.n : 1) * sizeof(*out->v));
		memcpy(out->v, specs.v, specs.n * sizeof(*out->v));
	}
	VEC_FREE(&specs);
	return rc;
}

static int parse_marker_tail(struct rparser *p, struct req *out)
{
	char why[LEAF_QUOTE_MAX + 128], q[LEAF_QUOTE_MAX];
	size_t pos = 0, start = p->i;

	if (!marker_parse_why(&out->marker, p->s + start, p->n - start, p->a, why, sizeof(why),
			      &pos))
		return 0;
	if (p->col)
		*p->col = (int)(start + pos) + 1;
	leaf_quote(q, sizeof(q), p->s + start, p->n - start);
	/* strip the leading blanks of the quoted marker for readability */
	return perr_set(p->err, PM_INPUT, "invalid marker '%s': %s",
			q + strspn(q, " \t"), why);
}

int req_parse(struct req *out, const char *s, size_t n, struct arena *a, struct perr *err,
	      int *col)
{
	struct rparser p = { s, 0, n, a, err, col };
	VEC(const char *) extras = VEC_INIT;
	size_t len, start;
	int rc = 0, sep_end;

	memset(out, 0, sizeof(*out));
	if (col)
		*col = 0;
	/* blanks only (space, tab) around it, as packaging: a CR or LF is
	 * an error, not whitespace */
	while (p.n > 0 && (s[p.n - 1] == ' ' || s[p.n - 1] == '\t'))
		p.n--;
	rskip(&p);
	if (p.i == p.n)
		return rfail(&p, p.i, "%s", "expected a package name");
	len = token_len(s + p.i, p.n - p.i, &sep_end);
	if (!len)
		return rfail(&p, p.i, "%s", "expected a package name");
	if (sep_end)
		return rfail(&p, p.i + len - 1, "%s",
			     "a package name must end with a letter, a digit or '_'");
	out->name = arena_strndup(a, s + p.i, len);
	out->key = req_name_normalize(a, s + p.i, len);
	p.i += len;
	rskip(&p);
	if (p.i < p.n && s[p.i] == '[') {
		p.i++;
		rskip(&p);
		if (p.i < p.n && s[p.i] == ']') {
			p.i++;
		} else {
			for (;;) {
				rskip(&p);
				len = token_len(s + p.i, p.n - p.i, &sep_end);
				if (!len || sep_end) {
					rc = rfail(&p, p.i + len - !!len, "%s", len
						   ? "an extra name must end with a letter, a digit or '_'"
						   : "expected an extra name");
					goto out;
				}
				*VEC_PUSH(&extras) = req_name_normalize(a, s + p.i, len);
				p.i += len;
				rskip(&p);
				if (p.i < p.n && s[p.i] == ',') {
					p.i++;
					continue;
				}
				if (p.i < p.n && s[p.i] == ']') {
					p.i++;
					break;
				}
				rc = rfail(&p, p.i, "%s", "expected ',' or ']' after an extra");
				goto out;
			}
		}
		rskip(&p);
	}
	out->n_extras = extras.n;
	out->extras = arena_alloc(a, (extras.n ? extras.n : 1) * sizeof(char *));
	if (extras.n)
		memcpy(out->extras, extras.v, extras.n * sizeof(char *));

	if (p.i < p.n && s[p.i] == '@') {
		p.i++;
		rskip(&p);
		start = p.i;
		/* the URL runs to a blank (space, tab), as packaging's */
		while (p.i < p.n && s[p.i] != ' ' && s[p.i] != '\t')
			p.i++;
		if (p.i == start) {
			rc = rfail(&p, start, "%s", "expected a URL after '@'");
			goto out;
		}
		out->url = arena_strndup(a, s + start, p.i - start);
		start = p.i;
		rskip(&p);
		if (p.i == p.n)
			goto out;
		if (s[p.i] != ';' || start == p.i) {
			rc = rfail(&p, p.i, "%s", "expected ' ;' and a marker, or the end, after the URL");
			goto out;
		}
		p.i++;
		rc = parse_marker_tail(&p, out);
		goto out;
	}
	if (p.i < p.n && s[p.i] == '(') {
		p.i++;
		rskip(&p);
		if (p.i < p.n && s[p.i] != ')' && (rc = parse_specs(&p, &out->specs)))
			goto out;
		rskip(&p);
		if (p.i >= p.n || s[p.i] != ')') {
			rc = rfail(&p, p.i, "%s", "expected ',' or ')'");
			goto out;
		}
		p.i++;
	} else if (p.i < p.n && is_op_char((unsigned char)s[p.i])) {
		if ((rc = parse_specs(&p, &out->specs)))
			goto out;
	}
	rskip(&p);
	if (p.i == p.n)
		goto out;
	if (s[p.i] != ';') {
		rc = rfail(&p, p.i, "%s", out->specs.n ? "expected ',', ';' or the end"
					: "expected a version specifier, '[', '@', ';' or the end");
		goto out;
	}
	p.i++;
	rc = parse_marker_tail(&p, out);
out:
	VEC_FREE(&extras);
	return rc;
}

void req_format(const struct req *r, struct strbuf *out)
{
	strbuf_addstr(out, r->name ? r->name : "");
	if (r->n_extras) {
		strbuf_addch(out, '[');
		for (size_t i = 0; i < r->n_extras; i++)
			strbuf_addf(out, "%s%s", i ? "," : "", r->extras[i]);
		strbuf_addch(out, ']');
	}
	spec_set_format(&r->specs, out);
	if (r->url)
		strbuf_addf(out, " @ %s%s", r->url, r->marker ? " " : "");
	if (r->marker) {
		strbuf_addstr(out, "; ");
		marker_format(r->marker, out);
	}
}
