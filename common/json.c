/* json.c: a small streaming JSON writer over a strbuf. It knows nothing of
 * the report schema; reports/ decides what to write. */
#include "common.h"

#include <math.h>
#include <string.h>

void json_init(struct json *j, struct strbuf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void indent(struct json *j)
{
	strbuf_addch(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		strbuf_addstr(j->out, "  ");
}

static void before_value(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->need_comma[j->depth])
			strbuf_addch(j->out, ',');
		indent(j);
		j->need_comma[j->depth] = 1;
	}
}

static void open(struct json *j, char c)
{
	before_value(j);
	strbuf_addch(j->out, c);
	if (j->depth < 63)
		j->depth++;
	j->need_comma[j->depth] = 0;
}

static void close(struct json *j, char c)
{
	int had = j->need_comma[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	strbuf_addch(j->out, c);
	if (j->depth == 0)
		strbuf_addch(j->out, '\n');
}

void json_begin_object(struct json *j) { open(j, '{'); }
void json_end_object(struct json *j) { close(j, '}'); }
void json_begin_array(struct json *j) { open(j, '['); }
void json_end_array(struct json *j) { close(j, ']'); }

void json_key(struct json *j, const char *key)
{
	before_value(j);
	json_quote(j->out, key, strlen(key));
	strbuf_addstr(j->out, ": ");
	j->after_key = 1;
}

void json_quote(struct strbuf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	strbuf_addch(out, '"');
	while (i < n) {
		unsigned char c = p[i];
		if (c >= 0x80) {
			size_t ok = utf8_valid_prefix(p + i, n - i);
			if (ok == 0) {
				strbuf_addstr(out, "\\ufffd");
				i++;
				continue;
			}
			/* copy the valid multibyte run up to the next ASCII byte */
			size_t k = 0;
			while (k < ok && p[i + k] >= 0x80)
				k++;
			strbuf_add(out, p + i, k);
			i += k;
			continue;
		}
		switch (c) {
		case '"': strbuf_addstr(out, "\\\""); break;
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r': strbuf_addstr(out, "\\r"); break;
		case '\t': strbuf_addstr(out, "\\t"); break;
		default:
			if (c < 0x20)
				strbuf_addf(out, "\\u%04x", c);
			else
				strbuf_addch(out, c);
		}
		i++;
	}
	strbuf_addch(out, '"');
}

void json_string(struct json *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	before_value(j);
	json_quote(j->out, s, strlen(s));
}

void json_int(struct json *j, long long v)
{
	before_value(j);
	strbuf_addf(j->out, "%lld", v);
}

void json_double(struct json *j, double v)
{
	before_value(j);
	if (!isfinite(v))
		strbuf_addstr(j->out, "null");
	else
		strbuf_addf(j->out, "%.6g", v);
}

void json_bool(struct json *j, int v)
{
	before_value(j);
	strbuf_addstr(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	before_value(j);
	strbuf_addstr(j->out, "null");
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kv_bool(struct json *j, const char *key, int v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_kv_strings(struct json *j, const char *key, const char *const *v, size_t n)
{
	json_key(j, key);
	json_begin_array(j);
	for (size_t i = 0; i < n; i++)
		json_string(j, v[i]);
	json_end_array(j);
}
