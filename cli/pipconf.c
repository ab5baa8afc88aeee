/* pipconf.c: the index settings pip would use before its command line:
 * its configuration files (global, user, PIP_CONFIG_FILE; [global] then
 * [install]) and environment (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL,
 * PIP_FIND_LINKS, PIP_NO_INDEX; uv's UV_INDEX_URL), with pip's precedence.
 * It parses INI text and reads the environment; it resolves nothing. */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *conf_path(const char *dir, const char *rest)
{
	size_t n = strlen(dir) + strlen(rest) + 1;
	char *p = xmalloc(n);
	snprintf(p, n, "%s%s", dir, rest);
	return p;
}

static char *keep(struct pip_settings *s, char *p)
{
	*VEC_PUSH(&s->owned) = p;
	return p;
}

/* pip's strtobool: 1, 0, or -1 for anything else */
static int pip_bool(const char *v)
{
	static const char *const t[] = { "y", "yes", "t", "true", "on", "1", NULL };
	static const char *const f[] = { "n", "no", "f", "false", "off", "0", NULL };
	for (int i = 0; t[i]; i++)
		if (!strcasecmp(v, t[i]))
			return 1;
	for (int i = 0; f[i]; i++)
		if (!strcasecmp(v, f[i]))
			return 0;
	return -1;
}

/* a whitespace-separated list replaces *list (pip: a later source's value
 * replaces an earlier one's) */
static void set_list(struct pip_settings *s, struct pip_list *list, const char *v,
		     const char *from)
{
	list->n = 0;
	list->from = from;
	while (*v) {
		size_t n;
		while (*v && isspace((unsigned char)*v))
			v++;
		n = strcspn(v, " \t\r\n");
		if (n)
			*VEC_PUSH(list) = keep(s, xstrndup(v, n));
		v += n;
	}
	list->set = 1;
}

static void set_key(struct pip_settings *s, const char *key, const char *v, const char *from)
{
	if (!strcmp(key, "index-url")) {
		s->index_url = keep(s, xstrdup(v));
		while (*s->index_url && isspace((unsigned char)*s->index_url))
			s->index_url++;
		s->index_from = from;
	} else if (!strcmp(key, "extra-index-url")) {
		set_list(s, &s->extra, v, from);
	} else if (!strcmp(key, "find-links")) {
		set_list(s, &s->links, v, from);
	} else if (!strcmp(key, "no-index")) {
		int b = pip_bool(v);
		if (b >= 0)
			s->no_index = b;
	}
}

static void rstrip(char *p)
{
	size_t n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1]))
		p[--n] = 0;
}

/* One INI file as Python's configparser reads pip's: [section], key = value
 * or key: value, indented continuation lines, # and ; comments. Only
 * [global] and then [install] count; keys are lowercased, '_' is '-'. */
static void load_file(struct pip_settings *s, const char *path)
{
	FILE *f = fopen(path, "r");
	struct stat st;
	const char *sections[] = { "global", "install" };
	char *text;
	size_t len;

	if (!f)
		return;
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode) || st.st_size > (1 << 20)) {
		fclose(f);
		return;
	}
	text = xmalloc((size_t)st.st_size + 1);
	len = fread(text, 1, (size_t)st.st_size, f);
	text[len] = 0;
	fclose(f);
	const char *from = keep(s, xstrdup(path));
	for (int pass = 0; pass < 2; pass++) {
		char *copy = xstrdup(text), *save = NULL, *line;
		int in = 0;
		struct strbuf key = STRBUF_INIT, val = STRBUF_INIT;
		int have = 0;

		for (line = strtok_r(copy, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
			int cont = line && (line[0] == ' ' || line[0] == '\t');
			char *p = line;
			if (line)
				rstrip(line);
			if (line && cont && have && *line) {
				while (isspace((unsigned char)*p))
					p++;
				if (*p != '#' && *p != ';') {
					strbuf_addch(&val, '\n');
					strbuf_addstr(&val, p);
				}
				continue;
			}
			if (have) {
				set_key(s, key.buf, val.buf, from);
				have = 0;
			}
			if (!line)
				break;
			while (isspace((unsigned char)*p))
				p++;
			if (!*p || *p == '#' || *p == ';')
				continue;
			if (*p == '[') {
				char *e = strchr(p, ']');
				in = e && (size_t)(e - p - 1) == strlen(sections[pass]) &&
				     !strncmp(p + 1, sections[pass], strlen(sections[pass]));
				continue;
			}
			if (!in)
				continue;
			size_t k = strcspn(p, "=:");
			if (!p[k])
				continue;
			strbuf_reset(&key);
			strbuf_reset(&val);
			for (size_t i = 0; i < k; i++)
				strbuf_addch(&key, p[i] == '_' ? '-' : (char)tolower((unsigned char)p[i]));
			while (key.len && isspace((unsigned char)key.buf[key.len - 1]))
				key.buf[--key.len] = 0;
			p += k + 1;
			while (isspace((unsigned char)*p))
				p++;
			strbuf_addstr(&val, p);
			have = 1;
		}
		strbuf_release(&key);
		strbuf_release(&val);
		free(copy);
	}
	free(text);
}

static int file_exists(const char *p)
{
	struct stat st;
	return p && !stat(p, &st);
}

void pip_settings_load(struct pip_settings *s)
{
	const char *cf = getenv("PIP_CONFIG_FILE"), *home = getenv("HOME");
	const char *xdg_dirs = getenv("XDG_CONFIG_DIRS"), *xdg_home = getenv("XDG_CONFIG_HOME");
	const char *v;
	char *p;

	memset(s, 0, sizeof(*s));
	s->no_index = -1;
	/* global: each of $XDG_CONFIG_DIRS (/etc/xdg)/pip/pip.conf, then /etc/pip.conf */
	{
		char *dirs = xstrdup(xdg_dirs && *xdg_dirs ? xdg_dirs : "/etc/xdg"), *save = NULL;
		for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
			p = conf_path(d, "/pip/pip.conf");
			load_file(s, p);
			free(p);
		}
		free(dirs);
		load_file(s, "/etc/pip.conf");
	}
	/* user: ~/.pip/pip.conf (legacy), then $XDG_CONFIG_HOME/pip/pip.conf;
	 * not when PIP_CONFIG_FILE names a file that exists */
	if (!(cf && file_exists(cf)) && home && *home) {
		p = conf_path(home, "/.pip/pip.conf");
		load_file(s, p);
		free(p);
		p = xdg_home && *xdg_home ? conf_path(xdg_home, "/pip/pip.conf")
					  : conf_path(home, "/.config/pip/pip.conf");
		load_file(s, p);
		free(p);
	}
	if (cf && *cf)
		load_file(s, cf);
	/* the environment overrides every file */
	if ((v = getenv("UV_INDEX_URL")) && *v) {
		s->index_url = v;
		s->index_from = "UV_INDEX_URL";
	}
	if ((v = getenv("PIP_INDEX_URL")) && *v) {
		s->index_url = v;
		s->index_from = "PIP_INDEX_URL";
	}
	if ((v = getenv("PIP_EXTRA_INDEX_URL")))
		set_list(s, &s->extra, v, "PIP_EXTRA_INDEX_URL");
	if ((v = getenv("PIP_FIND_LINKS")))
		set_list(s, &s->links, v, "PIP_FIND_LINKS");
	if ((v = getenv("PIP_NO_INDEX")) && pip_bool(v) >= 0)
		s->no_index = pip_bool(v);
}

void pip_settings_release(struct pip_settings *s)
{
	for (size_t i = 0; i < s->owned.n; i++)
		free(s->owned.v[i]);
	VEC_FREE(&s->owned);
	VEC_FREE(&s->extra);
	VEC_FREE(&s->links);
}
