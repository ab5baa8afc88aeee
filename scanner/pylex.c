/* pylex.c: a Python 3 tokenizer over a byte buffer: names, numbers, every
 * string form (prefixes, triple quotes, 3.12 f-strings with nested quotes and
 * format specs), operators, NEWLINE/INDENT/DEDENT with tabs, continuations,
 * PEP 263 cookies. It does not parse statements (imports.c does) and never
 * allocates; problems go to the diag callback and lexing carries on.
 */
#include "pylex.h"

#include <string.h>

static void diag(struct pylex *lx, enum scan_diag_kind k, size_t at, const char *msg)
{
	if (k == DIAG_PYTHON2)
		lx->py2_syntax = 1;
	if (lx->diag)
		lx->diag(lx->diag_ctx, k, lx->line, (int)(at >= lx->line_start ? at - lx->line_start : 0) + 1, msg);
}

void pylex_init(struct pylex *lx, const char *src, size_t len, pylex_diag_fn fn, void *ctx)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->at_bol = 1;
	lx->diag = fn;
	lx->diag_ctx = ctx;
}

static int is_id_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_id_char(unsigned char c)
{
	return is_id_start(c) || (c >= '0' && c <= '9');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* p at '\r' or '\n': steps over one line break and counts it. */
static size_t eat_newline(struct pylex *lx, size_t p)
{
	if (lx->src[p] == '\r' && p + 1 < lx->len && lx->src[p + 1] == '\n')
		p += 2;
	else
		p++;
	lx->line++;
	lx->line_start = p;
	return p;
}

/* String prefix flags for an identifier-looking run, or -1 if it is no
 * prefix. ur/ru are accepted with a Python 2 diagnostic. */
static int prefix_flags(struct pylex *lx, const char *s, size_t n, size_t at)
{
	unsigned f = 0;
	int u = 0;

	if (n > 2)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned bit;
		switch (s[i] | 0x20) {
		case 'r': bit = PYSTR_RAW; break;
		case 'b': bit = PYSTR_BYTES; break;
		case 'f': case 't': bit = PYSTR_FORMAT; break;
		case 'u': bit = PYSTR_UNICODE; u = 1; break;
		default: return -1;
		}
		if (f & bit)
			return -1;
		f |= bit;
	}
	if ((f & PYSTR_BYTES) && (f & PYSTR_FORMAT))
		return -1;
	if (u && n == 2) {
		if (!(f & PYSTR_RAW))
			return -1;
		diag(lx, DIAG_PYTHON2, at, "string prefix 'ur' is python 2 only");
	}
	return (int)f;
}

/* p at the opening quote of a non-f-string; returns the offset just past
 * its end (or where it broke off). */
static size_t skip_plain_string(struct pylex *lx, size_t p, unsigned *flags)
{
	const char *s = lx->src;
	size_t len = lx->len, start = p;
	char q = s[p];
	int triple = p + 2 < len && s[p + 1] == q && s[p + 2] == q;

	if (triple) {
		*flags |= PYSTR_TRIPLE;
		p += 3;
	} else {
		p++;
	}
	while (p < len) {
		char c = s[p];
		if (c == '\\') {
			p++;
			if (p < len) {
				if (s[p] == '\n' || s[p] == '\r')
					p = eat_newline(lx, p);
				else
					p++;
			}
		} else if (c == '\n' || c == '\r') {
			if (!triple) {
				diag(lx, DIAG_SYNTAX, start, "unterminated string literal");
				return p;
			}
			p = eat_newline(lx, p);
		} else if (c == q) {
			if (!triple)
				return p + 1;
			if (p + 2 < len && s[p + 1] == q && s[p + 2] == q)
				return p + 3;
			p++;
		} else {
			p++;
		}
	}
	diag(lx, DIAG_SYNTAX, start, triple ? "unterminated triple-quoted string literal"
					  : "unterminated string literal");
	return len;
}

enum { FS_STR, FS_EXPR, FS_SPEC };
struct fs_frame {
	char kind, q, triple, raw;
	int depth; /* brackets open inside an FS_EXPR */
};

/* p at the opening quote of an f-string; returns the offset past its end.
 * PEP 701 rules: replacement fields may hold any string, even one using the
 * same quote, nested f-strings, comments and line breaks. */
static size_t skip_fstring(struct pylex *lx, size_t p, unsigned *flags)
{
	const char *s = lx->src;
	size_t len = lx->len, start = p;
	struct fs_frame st[PYLEX_MAX_FSTRING];
	int n = 0;

	st[0].kind = FS_STR;
	st[0].q = s[p];
	st[0].triple = p + 2 < len && s[p + 1] == s[p] && s[p + 2] == s[p];
	st[0].raw = (*flags & PYSTR_RAW) != 0;
	st[0].depth = 0;
	n = 1;
	if (st[0].triple)
		*flags |= PYSTR_TRIPLE;
	p += st[0].triple ? 3 : 1;

	while (n > 0) {
		struct fs_frame *f = &st[n - 1];
		char c;

		if (p >= len) {
			diag(lx, DIAG_SYNTAX, start, "unterminated f-string literal");
			return len;
		}
		c = s[p];
		if (f->kind != FS_EXPR) {
			if (c == '\\') {
				p++;
				if (p < len && s[p] != '{' && s[p] != '}') {
					if (s[p] == '\n' || s[p] == '\r')
						p = eat_newline(lx, p);
					else
						p++;
				}
			} else if (c == '{') {
				if (f->kind == FS_STR && p + 1 < len && s[p + 1] == '{') {
					p += 2;
					continue;
				}
				if (n == PYLEX_MAX_FSTRING) {
					diag(lx, DIAG_SYNTAX, p, "f-string nested too deeply");
					return p;
				}
				st[n] = *f;
				st[n].kind = FS_EXPR;
				st[n].depth = 0;
				n++;
				p++;
			} else if (c == '}') {
				if (f->kind == FS_SPEC) {
					n--;
					p++;
				} else if (p + 1 < len && s[p + 1] == '}') {
					p += 2;
				} else {
					diag(lx, DIAG_SYNTAX, p, "f-string: single '}' is not allowed");
					p++;
				}
			} else if (c == '\n' || c == '\r') {
				if (!f->triple) {
					diag(lx, DIAG_SYNTAX, start, "unterminated f-string literal");
					return p;
				}
				p = eat_newline(lx, p);
			} else if (c == f->q && (!f->triple || (p + 2 < len && s[p + 1] == c && s[p + 2] == c))) {
				p += f->triple ? 3 : 1;
				if (f->kind == FS_SPEC) {
					diag(lx, DIAG_SYNTAX, start, "f-string: expecting '}'");
					/* close everything up to this string's own frame */
					while (n > 0 && st[n - 1].kind != FS_STR)
						n--;
				}
				n--;
			} else {
				p++;
			}
			continue;
		}
		/* FS_EXPR: Python tokens until the closing brace */
		if (c == ' ' || c == '\t' || c == '\f') {
			p++;
		} else if (c == '\n' || c == '\r') {
			p = eat_newline(lx, p);
		} else if (c == '#') {
			while (p < len && s[p] != '\n' && s[p] != '\r')
				p++;
		} else if (c == '\\') {
			p++;
			if (p < len && (s[p] == '\n' || s[p] == '\r'))
				p = eat_newline(lx, p);
		} else if (c == '(' || c == '[' || c == '{') {
			f->depth++;
			p++;
		} else if (c == ')' || c == ']') {
			if (f->depth > 0)
				f->depth--;
			p++;
		} else if (c == '}') {
			if (f->depth > 0)
				f->depth--;
			else
				n--;
			p++;
		} else if (c == ':' && f->depth == 0) {
			f->kind = FS_SPEC;
			p++;
		} else if (c == '!' && p + 1 < len && s[p + 1] == '=') {
			p += 2;
		} else if (c == '"' || c == '\'' || is_id_start((unsigned char)c)) {
			size_t q = p;
			int pf = 0;
			while (q < len && is_id_char((unsigned char)s[q]))
				q++;
			if (q < len && (s[q] == '"' || s[q] == '\'')) {
				pf = prefix_flags(lx, s + p, q - p, p);
				if (pf < 0) {
					p = q;
					continue;
				}
			} else {
				p = q;
				continue;
			}
			if (pf & PYSTR_FORMAT) {
				if (n == PYLEX_MAX_FSTRING) {
					diag(lx, DIAG_SYNTAX, p, "f-string nested too deeply");
					return q;
				}
				st[n].kind = FS_STR;
				st[n].q = s[q];
				st[n].triple = q + 2 < len && s[q + 1] == s[q] && s[q + 2] == s[q];
				st[n].raw = (pf & PYSTR_RAW) != 0;
				st[n].depth = 0;
				n++;
				p = q + (st[n - 1].triple ? 3 : 1);
			} else {
				unsigned dummy = 0;
				p = skip_plain_string(lx, q, &dummy);
			}
		} else {
			p++;
		}
	}
	return p;
}

static size_t scan_number(struct pylex *lx, size_t p)
{
	const char *s = lx->src;
	size_t len = lx->len, start = p;
	int only_digits = 1;

	if (s[p] == '0' && p + 1 < len && strchr("xXoObB", s[p + 1]) && s[p + 1]) {
		p += 2;
		while (p < len && (is_digit((unsigned char)s[p]) || s[p] == '_' ||
				   ((s[p] | 0x20) >= 'a' && (s[p] | 0x20) <= 'f')))
			p++;
		if (p < len && (s[p] == 'l' || s[p] == 'L')) {
			diag(lx, DIAG_PYTHON2, start, "long integer suffix is python 2 only");
			p++;
		}
		return p;
	}
	while (p < len && (is_digit((unsigned char)s[p]) || s[p] == '_'))
		p++;
	if (p < len && s[p] == '.') {
		only_digits = 0;
		p++;
		while (p < len && (is_digit((unsigned char)s[p]) || s[p] == '_'))
			p++;
	}
	if (p < len && (s[p] == 'e' || s[p] == 'E')) {
		size_t q = p + 1;
		if (q < len && (s[q] == '+' || s[q] == '-'))
			q++;
		if (q < len && is_digit((unsigned char)s[q])) {
			only_digits = 0;
			p = q;
			while (p < len && (is_digit((unsigned char)s[p]) || s[p] == '_'))
				p++;
		}
	}
	if (p < len && (s[p] == 'j' || s[p] == 'J')) {
		only_digits = 0;
		p++;
	}
	if (only_digits && s[start] == '0') {
		for (size_t i = start; i < p; i++)
			if (s[i] != '0' && s[i] != '_') {
				diag(lx, DIAG_PYTHON2, start, "octal literal without 0o is python 2 only");
				break;
			}
	}
	if (only_digits && p < len && (s[p] == 'l' || s[p] == 'L') &&
	    !(p + 1 < len && is_id_char((unsigned char)s[p + 1]))) {
		diag(lx, DIAG_PYTHON2, start, "long integer suffix is python 2 only");
		p++;
	}
	return p;
}

/* Operators of three bytes (**= //= >>= <<= ...) and two (== != <= >= <>
 * -> := ** // << >> and the augmented assignments), longest first; the
 * rest are one byte. Tested byte by byte, not against a table: the lexer
 * meets an operator every few bytes. */
static size_t scan_op(struct pylex *lx, size_t p)
{
	const char *s = lx->src;
	size_t avail = lx->len - p;
	unsigned char c = (unsigned char)s[p];
	unsigned char c1 = avail >= 2 ? (unsigned char)s[p + 1] : 0;
	unsigned char c2 = avail >= 3 ? (unsigned char)s[p + 2] : 0;
	int doubles = c == '*' || c == '/' || c == '<' || c == '>'; /* ** // << >> */

	switch (c) { /* brackets and commas: one character, always valid */
	case '(': case ')': case '[': case ']': case '{': case '}': case ',': case ';':
		return p + 1;
	}

	if ((doubles && c1 == c && c2 == '=') || (c == '.' && c1 == '.' && c2 == '.'))
		return p + 3;
	if (c1 == '=') {
		switch (c) {
		case '=': case '!': case '<': case '>': case ':': case '+': case '-': case '*':
		case '/': case '%': case '&': case '|': case '^': case '@':
			return p + 2;
		}
	}
	if ((doubles && c1 == c) || (c == '-' && c1 == '>'))
		return p + 2;
	if (c == '<' && c1 == '>') {
		diag(lx, DIAG_PYTHON2, p, "operator '<>' is python 2 only");
		return p + 2;
	}
	if (c == '`')
		diag(lx, DIAG_PYTHON2, p, "backquote repr is python 2 only");
	else if (!strchr("()[]{}:;,.+-*/%&|^~<>=@!", c) || c == 0)
		diag(lx, DIAG_SYNTAX, p, "invalid character in source");
	return p + 1;
}

static void bracket(struct pylex *lx, char c, size_t at)
{
	if (c == '(' || c == '[' || c == '{') {
		if (lx->depth == 0) {
			lx->open_line = lx->line;
			lx->open_col = (int)(at >= lx->line_start ? at - lx->line_start : 0) + 1;
		}
		if (lx->depth < PYLEX_MAX_PAREN)
			lx->parens[lx->depth] = c;
		else if (lx->depth == PYLEX_MAX_PAREN)
			diag(lx, DIAG_SYNTAX, at, "too many nested brackets");
		lx->depth++;
		return;
	}
	if (lx->depth == 0) {
		diag(lx, DIAG_SYNTAX, at, "unmatched closing bracket");
		return;
	}
	lx->depth--;
	if (lx->depth < PYLEX_MAX_PAREN) {
		char o = lx->parens[lx->depth];
		if ((o == '(' && c != ')') || (o == '[' && c != ']') || (o == '{' && c != '}'))
			diag(lx, DIAG_SYNTAX, at, "closing bracket does not match");
	}
}

/* At the start of a physical line outside brackets: measures indentation
 * and queues INDENT/DEDENT. Blank and comment-only lines do nothing. */
static void indentation(struct pylex *lx)
{
	const char *s = lx->src;
	size_t p = lx->pos;
	int col = 0, alt = 0;

	while (p < lx->len) {
		if (s[p] == ' ') {
			col++;
			alt++;
		} else if (s[p] == '\t') {
			col = (col / 8 + 1) * 8;
			alt++;
		} else if (s[p] == '\f') {
			col = alt = 0;
		} else {
			break;
		}
		p++;
	}
	lx->pos = p;
	if (p >= lx->len || s[p] == '#' || s[p] == '\n' || s[p] == '\r' ||
	    (s[p] == '\\' && p + 1 < lx->len && (s[p + 1] == '\n' || s[p + 1] == '\r')))
		return; /* blank line: at_bol stays set for the next one */
	lx->at_bol = 0;
	if (col == lx->indents[lx->n_indent]) {
		if (alt != lx->altindents[lx->n_indent])
			diag(lx, DIAG_SYNTAX, p, "inconsistent use of tabs and spaces in indentation");
	} else if (col > lx->indents[lx->n_indent]) {
		if (lx->n_indent >= PYLEX_MAX_INDENT) {
			diag(lx, DIAG_SYNTAX, p, "too many levels of indentation");
			return;
		}
		if (alt <= lx->altindents[lx->n_indent])
			diag(lx, DIAG_SYNTAX, p, "inconsistent use of tabs and spaces in indentation");
		lx->n_indent++;
		lx->indents[lx->n_indent] = col;
		lx->altindents[lx->n_indent] = alt;
		lx->pending_indent = 1;
	} else {
		while (lx->n_indent > 0 && lx->indents[lx->n_indent] > col) {
			lx->n_indent--;
			lx->pending_dedents++;
		}
		if (lx->indents[lx->n_indent] != col)
			diag(lx, DIAG_SYNTAX, p, "unindent does not match any outer indentation level");
	}
}

static enum pytok_type emit(struct pytok *t, enum pytok_type type, int line)
{
	t->type = type;
	t->line = line;
	return type;
}

enum pytok_type pylex_next(struct pylex *lx, struct pytok *t)
{
	const char *s = lx->src;
	size_t len = lx->len;
	int space = 0;

	memset(t, 0, sizeof(*t));
	for (;;) {
		if (lx->pending_dedents) {
			lx->pending_dedents--;
			return emit(t, PT_DEDENT, lx->line);
		}
		if (lx->pending_indent) {
			lx->pending_indent = 0;
			return emit(t, PT_INDENT, lx->line);
		}
		if (lx->at_bol && lx->depth == 0) {
			indentation(lx);
			if (lx->pending_dedents || lx->pending_indent)
				continue;
		}
		lx->at_bol = 0;
		if (lx->pos >= len) {
			if (lx->depth > 0 && !lx->done) {
				/* where CPython reports it: "'(' was never closed" at
				 * the outermost open bracket */
				const char *what = lx->parens[0] == '[' ? "'[' was never closed"
						   : lx->parens[0] == '{' ? "'{' was never closed"
									  : "'(' was never closed";
				if (lx->diag)
					lx->diag(lx->diag_ctx, DIAG_SYNTAX, lx->open_line, lx->open_col, what);
				lx->depth = 0;
			}
			lx->done = 1;
			if (lx->need_newline) {
				lx->need_newline = 0;
				return emit(t, PT_NEWLINE, lx->line);
			}
			if (lx->n_indent > 0) {
				lx->n_indent--;
				return emit(t, PT_DEDENT, lx->line);
			}
			return emit(t, PT_END, lx->line);
		}
		char c = s[lx->pos];
		if (c == ' ' || c == '\t' || c == '\f') {
			lx->pos++;
			space = 1;
			continue;
		}
		if (c == '#') {
			while (lx->pos < len && s[lx->pos] != '\n' && s[lx->pos] != '\r')
				lx->pos++;
			space = 1;
			continue;
		}
		if (c == '\\') {
			size_t p = lx->pos + 1;
			if (p < len && (s[p] == '\n' || s[p] == '\r')) {
				lx->pos = eat_newline(lx, p);
				space = 1;
				continue;
			}
			diag(lx, DIAG_SYNTAX, lx->pos, p >= len ? "unexpected end of file after line continuation"
							      : "unexpected character after line continuation");
			lx->pos++;
			continue;
		}
		if (c == '\n' || c == '\r') {
			int line = lx->line;
			lx->pos = eat_newline(lx, lx->pos);
			space = 1;
			if (lx->depth > 0)
				continue;
			lx->at_bol = 1;
			if (lx->need_newline) {
				lx->need_newline = 0;
				return emit(t, PT_NEWLINE, line);
			}
			continue;
		}
		break;
	}

	size_t start = lx->pos, p = start;
	unsigned char c = (unsigned char)s[p];
	t->line = lx->line;
	t->col = (int)(start - lx->line_start);
	t->space_before = space;
	lx->need_newline = 1;

	if (is_id_start(c)) {
		while (p < len && is_id_char((unsigned char)s[p]))
			p++;
		if (p < len && (s[p] == '"' || s[p] == '\'')) {
			int pf = prefix_flags(lx, s + start, p - start, start);
			if (pf >= 0) {
				unsigned fl = (unsigned)pf;
				t->prefix_len = (int)(p - start);
				p = (fl & PYSTR_FORMAT) ? skip_fstring(lx, p, &fl) : skip_plain_string(lx, p, &fl);
				t->str_flags = fl;
				t->type = PT_STRING;
				goto done;
			}
		}
		t->type = PT_NAME;
	} else if (is_digit(c) || (c == '.' && p + 1 < len && is_digit((unsigned char)s[p + 1]))) {
		p = scan_number(lx, p);
		t->type = PT_NUMBER;
	} else if (c == '"' || c == '\'') {
		unsigned fl = 0;
		p = skip_plain_string(lx, p, &fl);
		t->str_flags = fl;
		t->type = PT_STRING;
	} else {
		p = scan_op(lx, p);
		if (p == start + 1 && strchr("()[]{}", c) && c)
			bracket(lx, (char)c, start);
		t->type = PT_OP;
	}
done:
	t->s = s + start;
	t->n = p - start;
	lx->pos = p;
	return t->type;
}

int pytok_plain_string(const struct pytok *t, const char **body, size_t *n)
{
	size_t q, b, e;

	if (t->type != PT_STRING || (t->str_flags & (PYSTR_BYTES | PYSTR_FORMAT)))
		return -1;
	q = (t->str_flags & PYSTR_TRIPLE) ? 3 : 1;
	b = (size_t)t->prefix_len + q;
	if (t->n < b + q)
		return -1; /* unterminated */
	e = t->n - q;
	if (t->s[e] != t->s[(size_t)t->prefix_len])
		return -1;
	if (!(t->str_flags & PYSTR_RAW) && memchr(t->s + b, '\\', e - b))
		return -1;
	*body = t->s + b;
	*n = e - b;
	return 0;
}

/* ---- PEP 263 ---- */

static int cookie_on_line(const char *s, size_t b, size_t e, char *buf, size_t bufsz, int *comment)
{
	size_t p = b;

	while (p < e && (s[p] == ' ' || s[p] == '\t' || s[p] == '\f'))
		p++;
	*comment = p >= e || s[p] == '#';
	if (p >= e || s[p] != '#')
		return 0;
	for (; p + 7 <= e; p++) {
		if (memcmp(s + p, "coding", 6) || (s[p + 6] != ':' && s[p + 6] != '='))
			continue;
		size_t q = p + 7, k = 0;
		while (q < e && (s[q] == ' ' || s[q] == '\t'))
			q++;
		while (q < e && k + 1 < bufsz &&
		       (is_id_char((unsigned char)s[q]) || s[q] == '-' || s[q] == '.') &&
		       (unsigned char)s[q] < 0x80) {
			char ch = s[q++];
			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			buf[k++] = ch == '_' ? '-' : ch;
		}
		buf[k] = 0;
		if (k > 0)
			return 1;
	}
	return 0;
}

static int name_is(const char *name, const char *const *list)
{
	for (int i = 0; list[i]; i++) {
		size_t n = strlen(list[i]);
		if (!strncmp(name, list[i], n) && (name[n] == 0 || name[n] == '-'))
			return 1;
	}
	return 0;
}

size_t pylex_detect_encoding(const char *src, size_t len, char *buf, size_t bufsz,
			     int *known, int *cookie_line)
{
	static const char *const utf8[] = { "utf-8", "utf8", NULL };
	static const char *const latin1[] = { "latin-1", "latin1", "iso-8859-1", "iso8859-1",
					      "iso-latin-1", "l1", NULL };
	static const char *const ascii[] = { "ascii", "us-ascii", NULL };
	size_t off = 0, b;
	char name[64];
	int found = 0;

	if (len >= 3 && (unsigned char)src[0] == 0xef && (unsigned char)src[1] == 0xbb &&
	    (unsigned char)src[2] == 0xbf)
		off = 3;
	*cookie_line = 0;
	*known = 1;
	b = off;
	for (int line = 1; line <= 2 && b < len; line++) {
		size_t e = b;
		int comment;
		while (e < len && src[e] != '\n' && src[e] != '\r')
			e++;
		if (cookie_on_line(src, b, e, name, sizeof(name), &comment)) {
			found = 1;
			*cookie_line = line;
			break;
		}
		if (!comment)
			break;
		b = e < len ? e + 1 : e;
		if (e < len && src[e] == '\r' && b < len && src[b] == '\n')
			b++;
	}
	if (!found || name_is(name, utf8))
		snprintf(buf, bufsz, "utf-8");
	else if (name_is(name, latin1))
		snprintf(buf, bufsz, "latin-1");
	else if (name_is(name, ascii))
		snprintf(buf, bufsz, "ascii");
	else {
		snprintf(buf, bufsz, "%s", name);
		*known = 0;
	}
	return off;
}
