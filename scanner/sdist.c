/* sdist.c: does an sdist need a native build? From its member names (C,
 * C++, Cython, Rust, Fortran sources; Cargo.toml, CMakeLists.txt,
 * meson.build), pyproject.toml's [build-system], setup.py (tokenized, never
 * run) and setup.cfg. It does not open archives; the caller feeds it text.
 */
#include "pylex.h"
#include "toml.h"

#include <stdlib.h>
#include <string.h>

static void add_reason(struct sdist_build *b, const char *member, int line, const char *why)
{
	struct build_reason *r;

	/* one reason per kind and file is enough for a report */
	for (size_t i = 0; i < b->reasons.n; i++)
		if (!strcmp(b->reasons.v[i].why, why) &&
		    (line == 0 || !strcmp(b->reasons.v[i].file, member)))
			return;
	r = VEC_PUSH(&b->reasons);
	r->file = arena_strdup(b->arena, member);
	r->line = line;
	r->why = arena_strdup(b->arena, why);
	b->needs_native = 1;
}

void sdist_build_release(struct sdist_build *b)
{
	VEC_FREE(&b->reasons);
}

void sdist_note_file(struct sdist_build *b, const char *member)
{
	static const struct { const char *suffix, *why; } exts[] = {
		{ ".c", "C source" }, { ".h", "C header" }, { ".cc", "C++ source" },
		{ ".cpp", "C++ source" }, { ".cxx", "C++ source" }, { ".c++", "C++ source" },
		{ ".hpp", "C++ header" }, { ".pyx", "Cython source" }, { ".pxd", "Cython declarations" },
		{ ".rs", "Rust source" }, { ".f90", "Fortran source" }, { ".f", "Fortran source" },
		{ ".f95", "Fortran source" }, { ".m", "Objective-C source" }, { ".mm", "Objective-C source" },
	};
	static const struct { const char *name, *why; } files[] = {
		{ "Cargo.toml", "Cargo.toml (Rust build)" },
		{ "CMakeLists.txt", "CMakeLists.txt (CMake build)" },
		{ "meson.build", "meson.build (Meson build)" },
	};
	const char *base;

	if (!member)
		return;
	base = path_basename(member);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (!strcmp(base, files[i].name))
			return add_reason(b, member, 0, files[i].why);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with_ci(base, exts[i].suffix) && strlen(base) > strlen(exts[i].suffix))
			return add_reason(b, member, 0, exts[i].why);
}

/* ---- requirement names ---- */

/* PEP 503 name of a requirement string's leading project name, into out. */
static void req_name(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i = 0, k = 0;
	int dash = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i < n && k + 1 < outsz; i++) {
		char c = s[i];
		if (c == '-' || c == '_' || c == '.') {
			dash = 1;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			break;
		if (dash && k > 0 && k + 2 < outsz)
			out[k++] = '-';
		dash = 0;
		out[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[k] = 0;
}

static const char *native_requirement(const char *name)
{
	static const char *const native[] = {
		"maturin", "setuptools-rust", "scikit-build-core", "scikit-build", "meson-python",
		"meson", "pybind11", "nanobind", "cffi", "cython", "cmake", "py-build-cmake",
		"sip", "pythran", NULL
	};
	for (int i = 0; native[i]; i++)
		if (!strcmp(name, native[i]))
			return native[i];
	return NULL;
}

static void note_requirement(struct sdist_build *b, const char *member, int line,
			     const char *s, size_t n, const char *what)
{
	char name[128];
	const char *hit;

	req_name(s, n, name, sizeof(name));
	hit = native_requirement(name);
	if (hit)
		add_reason(b, member, line, arena_printf(b->arena, "%s '%s'", what, hit));
}

/* ---- pyproject.toml: [build-system] (the lexer is toml.h's) ---- */

void sdist_read_pyproject(struct sdist_build *b, const char *member, const char *text, size_t n)
{
	static const char *const native_backends[] = {
		"maturin", "setuptools_rust", "scikit_build_core", "skbuild", "mesonpy", "pymsbuild",
		"py_build_cmake", "sipbuild", "enscons", "cmeel", NULL
	};
	struct toml t = { text, text + n, 1 };
	int in_bs = 0;

	if (!text)
		return;
	while (t.p < t.end) {
		toml_ws(&t, 1);
		if (t.p >= t.end)
			break;
		int line = t.line;
		if (*t.p == '[') {
			const char *h = t.p;
			toml_skip_line(&t);
			size_t hl = (size_t)(t.p - h);
			in_bs = hl >= 14 && !memcmp(h, "[build-system]", 14);
			if (!in_bs && hl > 14 && h[1] != '[') {
				/* [ build-system ] with spaces */
				const char *q = h + 1;
				while (q < t.p && (*q == ' ' || *q == '\t'))
					q++;
				in_bs = (size_t)(t.p - q) >= 13 && !memcmp(q, "build-system", 12) &&
					(q[12] == ' ' || q[12] == ']');
			}
			continue;
		}
		/* key = value */
		const char *k = t.p;
		while (t.p < t.end && *t.p != '=' && *t.p != '\n')
			t.p++;
		if (t.p >= t.end || *t.p != '=') {
			continue;
		}
		const char *ke = t.p;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		size_t kl = (size_t)(ke - k);
		t.p++;
		toml_ws(&t, 0);
		if (in_bs && kl == 13 && !memcmp(k, "build-backend", 13)) {
			const char *s;
			size_t sl;
			if (toml_string(&t, &s, &sl) == 0) {
				b->backend = arena_strndup(b->arena, s, sl);
				for (int i = 0; native_backends[i]; i++) {
					size_t bl = strlen(native_backends[i]);
					if (sl >= bl && !memcmp(s, native_backends[i], bl) &&
					    (sl == bl || s[bl] == '.' || s[bl] == ':'))
						add_reason(b, member, line,
							   arena_printf(b->arena, "build-backend '%s'", b->backend));
				}
			}
			toml_skip_line(&t);
		} else if (in_bs && kl == 8 && !memcmp(k, "requires", 8) && t.p < t.end && *t.p == '[') {
			t.p++;
			for (;;) {
				const char *s;
				size_t sl;
				toml_ws(&t, 1);
				if (t.p >= t.end || *t.p == ']')
					break;
				int sline = t.line;
				if (toml_string(&t, &s, &sl) < 0)
					break;
				note_requirement(b, member, sline, s, sl, "build requires");
				toml_ws(&t, 1);
				if (t.p < t.end && *t.p == ',')
					t.p++;
			}
			toml_skip_line(&t);
		} else {
			toml_skip_value(&t); /* multi-line arrays and tables whole */
		}
	}
}

/* ---- setup.py: tokens, never run ---- */

void sdist_read_setup_py(struct sdist_build *b, const char *member, const char *text, size_t n)
{
	struct pylex lx;
	struct pytok t, prev, prev2;

	if (!text || memchr(text, 0, n))
		return;
	memset(&prev, 0, sizeof(prev));
	memset(&prev2, 0, sizeof(prev2));
	pylex_init(&lx, text, n, NULL, NULL);
	while (pylex_next(&lx, &t) != PT_END) {
		/* NAME '(' : a call */
		if (pytok_is(&t, "(") && prev.type == PT_NAME) {
			if (prev.n >= 9 && !memcmp(prev.s + prev.n - 9, "Extension", 9) &&
			    !pytok_is_name(&prev2, "class") && !pytok_is_name(&prev2, "def"))
				add_reason(b, member, prev.line, "Extension( in setup.py");
			else if (pytok_is_name(&prev, "cythonize") && !pytok_is_name(&prev2, "def"))
				add_reason(b, member, prev.line, "cythonize( in setup.py");
		}
		/* ext_modules / cffi_modules / rust_extensions = <not an empty list> */
		if (prev2.type == PT_NAME && pytok_is(&prev, "=") &&
		    (pytok_is_name(&prev2, "ext_modules") || pytok_is_name(&prev2, "cffi_modules") ||
		     pytok_is_name(&prev2, "rust_extensions"))) {
			struct pytok nx, key = prev2;
			int empty = 0;
			if (pytok_is(&t, "[") || pytok_is(&t, "(")) {
				pylex_next(&lx, &nx);
				empty = pytok_is(&nx, "]") || pytok_is(&nx, ")");
				prev2 = t;
				t = nx;
			} else if (pytok_is_name(&t, "None")) {
				empty = 1;
			}
			if (!empty)
				add_reason(b, member, key.line,
					   arena_printf(b->arena, "%.*s in setup.py", (int)key.n, key.s));
		}
		prev2 = prev;
		prev = t;
	}
}

/* ---- setup.cfg ---- */

void sdist_read_setup_cfg(struct sdist_build *b, const char *member, const char *text, size_t n)
{
	const char *p = text, *end = text + n;
	int line = 0, in_options = 0, in_requires = 0;

	if (!text)
		return;
	while (p < end) {
		const char *ls = p, *le;
		line++;
		while (p < end && *p != '\n')
			p++;
		le = p;
		if (p < end)
			p++;
		if (le > ls && le[-1] == '\r')
			le--;
		const char *s = ls;
		int indented = s < le && (*s == ' ' || *s == '\t');
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		if (s == le || *s == '#' || *s == ';')
			continue;
		if (!indented && *s == '[') {
			const char *e = memchr(s, ']', (size_t)(le - s));
			size_t sl = e ? (size_t)(e - s - 1) : 0;
			in_requires = 0;
			in_options = sl == 7 && !memcmp(s + 1, "options", 7);
			if ((sl >= 11 && !memcmp(s + 1, "ext_modules", 11)) ||
			    (sl >= 9 && !memcmp(s + 1, "extension", 9)))
				add_reason(b, member, line, "ext_modules section in setup.cfg");
			continue;
		}
		if (indented && in_requires) {
			note_requirement(b, member, line, s, (size_t)(le - s), "setup_requires");
			continue;
		}
		in_requires = 0;
		const char *eq = s;
		while (eq < le && *eq != '=' && *eq != ':')
			eq++;
		if (eq == le)
			continue;
		const char *ke = eq;
		while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		size_t kl = (size_t)(ke - s);
		if (kl == 11 && !memcmp(s, "ext_modules", 11))
			add_reason(b, member, line, "ext_modules in setup.cfg");
		if (in_options && kl == 14 && !memcmp(s, "setup_requires", 14)) {
			const char *v = eq + 1;
			in_requires = 1;
			/* values on the same line, separated by ';' or ',' */
			while (v < le) {
				const char *ve = v;
				while (ve < le && *ve != ',' && *ve != ';')
					ve++;
				note_requirement(b, member, line, v, (size_t)(ve - v), "setup_requires");
				v = ve < le ? ve + 1 : ve;
			}
		}
	}
}
