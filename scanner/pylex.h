/* pylex.h: the scanner's private Python 3 tokenizer, shared by imports.c and
 * sdist.c. Only code inside scanner/ includes it. It turns bytes into tokens
 * (with INDENT/DEDENT and NEWLINE as CPython's tokenizer does); it knows
 * nothing of imports. Tokens point into the caller's buffer (borrowed); the
 * lexer allocates nothing per token or per character.
 */
#ifndef PYMODE_PYLEX_H
#define PYMODE_PYLEX_H

#include "scanner.h"

enum pytok_type {
	PT_END = 0,  /* end of input (after the closing NEWLINE and DEDENTs) */
	PT_NAME,     /* identifiers and keywords */
	PT_NUMBER,
	PT_STRING,   /* a whole literal, prefix and quotes included; f-strings too */
	PT_OP,       /* operators and brackets */
	PT_NEWLINE,  /* end of a logical line */
	PT_INDENT,
	PT_DEDENT
};

/* String-literal flags on PT_STRING tokens. */
enum {
	PYSTR_RAW = 1 << 0,
	PYSTR_BYTES = 1 << 1,
	PYSTR_FORMAT = 1 << 2, /* f-string (or t-string) */
	PYSTR_UNICODE = 1 << 3,
	PYSTR_TRIPLE = 1 << 4
};

struct pytok {
	enum pytok_type type;
	const char *s;  /* into the source; NULL for NEWLINE/INDENT/DEDENT/END */
	size_t n;
	int line, col;  /* 1-based line, 0-based byte column of the first byte */
	int space_before; /* whitespace, a comment or a line break came before it */
	unsigned str_flags; /* PYSTR_* for PT_STRING */
	int prefix_len;     /* PT_STRING: bytes of prefix before the quote */
};

/* Called for each problem; msg is a static string. */
typedef void (*pylex_diag_fn)(void *ctx, enum scan_diag_kind kind, int line, int col,
			      const char *msg);

#define PYLEX_MAX_INDENT 100 /* CPython's limit */
#define PYLEX_MAX_PAREN 200  /* CPython's limit */
#define PYLEX_MAX_FSTRING 64 /* nested f-string / replacement-field frames */

struct pylex {
	const char *src;
	size_t len, pos;
	int line;
	size_t line_start;   /* offset of the current line's first byte */
	int at_bol;          /* next token starts a physical line (indent check) */
	int depth;           /* bracket depth (may pass PYLEX_MAX_PAREN) */
	char parens[PYLEX_MAX_PAREN];
	int open_line, open_col; /* where the outermost open bracket is */
	int indents[PYLEX_MAX_INDENT + 1], altindents[PYLEX_MAX_INDENT + 1];
	int n_indent;        /* indents[0] == 0 is the module level */
	int pending_dedents;
	int pending_indent;
	int need_newline;    /* tokens were emitted since the last NEWLINE */
	int done;
	int py2_syntax;      /* set when Python 2 only syntax was met */
	pylex_diag_fn diag;
	void *diag_ctx;
};

/* Starts lexing src[0..len). The caller has handled BOM and encoding;
 * diag may be NULL. */
void pylex_init(struct pylex *lx, const char *src, size_t len, pylex_diag_fn diag, void *ctx);
/* Fills t with the next token; returns its type (PT_END forever at the end). */
enum pytok_type pylex_next(struct pylex *lx, struct pytok *t);

/* 1 when the token is the operator or name `s` exactly. Inline: the
 * scanner asks this of nearly every token, and the first byte decides
 * most answers. */
static inline int pytok_is(const struct pytok *t, const char *s)
{
	size_t i;

	if (!t->s || t->n == 0 || t->s[0] != s[0] || (t->type != PT_OP && t->type != PT_NAME))
		return 0;
	for (i = 1; i < t->n; i++)
		if (!s[i] || t->s[i] != s[i])
			return 0;
	return s[i] == 0;
}

static inline int pytok_is_name(const struct pytok *t, const char *s)
{
	return t->type == PT_NAME && pytok_is(t, s);
}

/* The body of a plain string literal (no f, no b, no escapes in a non-raw
 * string): *body and *n point into the token. Returns 0, or -1 when the literal
 * is not that simple. */
int pytok_plain_string(const struct pytok *t, const char **body, size_t *n);

/* PEP 263 and BOM handling: returns the offset where the source starts (3
 * after a UTF-8 BOM) and sets *encoding to "utf-8", "latin-1", "ascii", or
 * the cookie's text for anything else (then *known is 0). The cookie text is
 * copied into buf (size bufsz). */
size_t pylex_detect_encoding(const char *src, size_t len, char *buf, size_t bufsz,
			     int *known, int *cookie_line);

#endif
