/* toml.h: private to scanner/: just enough of a TOML lexer for
 * pyproject.toml (comments, line breaks, basic and literal strings in both
 * forms, skipping values). Used by sdist.c ([build-system]) and pyproject.c
 * ([project]). Not a TOML parser: anything unexpected is skipped. */
#ifndef PYMODE_TOML_H
#define PYMODE_TOML_H

#include "scanner.h"

struct toml {
	const char *p, *end;
	int line;
};

/* Skips spaces, comments and (when nl) line breaks. */
void toml_ws(struct toml *t, int nl);
/* A basic or literal string (triple forms too); *s and *n the raw body
 * (escapes not decoded). -1 when there is no complete string at t->p. */
int toml_string(struct toml *t, const char **s, size_t *n);
/* The same, decoded (\" \\ \n \t \uXXXX ...) into an arena string. */
const char *toml_string_dup(struct toml *t, struct arena *a);
void toml_skip_line(struct toml *t);
/* Skips one value (string, array, inline table, or bare word) then the line. */
void toml_skip_value(struct toml *t);
/* A table header at t->p ("[ project . optional-dependencies ]"): its dotted
 * name without spaces or quotes into out (NUL-terminated, truncated); 1 for
 * "[[...]]" arrays of tables, 0 for tables. Moves past the line. */
int toml_header(struct toml *t, char *out, size_t size);
/* A key ("name", "a.b", "\"quoted\"") up to '=', without spaces or quotes,
 * into out; leaves t->p after '=' and the spaces. -1 when no '=' on the line. */
int toml_key(struct toml *t, char *out, size_t size);

#endif
