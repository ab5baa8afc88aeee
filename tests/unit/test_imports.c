/* test_imports.c: the import lexer on hostile-but-valid Python: strings and
 * comments holding `import`, nested f-strings, decorators, match,
 * continuations, tabs, try/if TYPE_CHECKING/def/class nesting, encodings,
 * Python 2, NUL bytes, truncation at every offset, deep nesting; relative
 * resolution; condition evaluation. */
#include "../../common/common.h"
#include "../../scanner/pylex.h"
#include "../../scanner/scanner.h"
#include "test.h"

#include <stdlib.h>
#include <time.h>

static const struct cond_env env313 = { "wasi", "posix", "WASI", "cpython", 3, 13, 0 };
static const struct cond_env envwin = { "win32", "nt", "Windows", "cpython", 3, 8, 1 };

struct result {
	struct arena a;
	struct import_scan s;
};

static void scan_full(struct result *r, const char *src, size_t len, const char *module,
		      int is_package, const struct cond_env *env)
{
	memset(r, 0, sizeof(*r));
	r->s.arena = &r->a;
	imports_scan(&r->s, "t.py", module, is_package, src, len, env);
}

static void scan(struct result *r, const char *src)
{
	scan_full(r, src, strlen(src), "pkg.sub.mod", 0, &env313);
}

static void scan_str(struct result *r, const char *src, const char *module, int is_package,
		     const struct cond_env *env)
{
	scan_full(r, src, strlen(src), module, is_package, env);
}

static void done(struct result *r)
{
	import_scan_release(&r->s);
	arena_release(&r->a);
}

/* The nth (0-based) edge written as `aw`, or NULL. */
static const struct import_edge *edge_n(struct result *r, const char *aw, int nth)
{
	for (size_t i = 0; i < r->s.edges.n; i++)
		if (!strcmp(r->s.edges.v[i].as_written, aw) && nth-- == 0)
			return &r->s.edges.v[i];
	return NULL;
}

static const struct import_edge *edge(struct result *r, const char *aw)
{
	return edge_n(r, aw, 0);
}

static unsigned kinds(struct result *r, const char *aw)
{
	const struct import_edge *e = edge(r, aw);
	return e ? e->kinds : 0;
}

static int has_diag(struct result *r, enum scan_diag_kind k)
{
	for (size_t i = 0; i < r->s.diags.n; i++)
		if (r->s.diags.v[i].kind == k)
			return 1;
	return 0;
}

#define E EDGE_EAGER
#define L EDGE_LAZY
#define G EDGE_GUARDED
#define T EDGE_TYPING
#define C EDGE_CONDITIONAL
#define D EDGE_DYNAMIC

/* Every operator is one token of its length, at the end of the input too;
 * '<>' is Python 2. */
static void test_operators(void)
{
	static const char *const ops[] = {
		"**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", "<>", "->", ":=", "**",
		"//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "(", ")",
		"[", "]", "{", "}", ":", ";", ",", ".", "+", "-", "*", "/", "%", "&", "|", "^",
		"~", "<", ">", "=", "@", "!", NULL
	};

	for (int i = 0; ops[i]; i++) {
		for (int at_end = 0; at_end < 2; at_end++) {
			char src[16];
			struct pylex lx;
			struct pytok t;
			size_t n = strlen(ops[i]);

			/* brackets balanced so no bracket diagnostic, "b" after unless at the end */
			snprintf(src, sizeof(src), "a %s%s", ops[i], at_end ? "" : " b");
			pylex_init(&lx, src, strlen(src), NULL, NULL);
			CHECK_INT(pylex_next(&lx, &t), PT_NAME);
			CHECK_INT(pylex_next(&lx, &t), PT_OP);
			if (t.n != n)
				fprintf(stderr, "  operator '%s' (%s): %zu bytes\n", ops[i],
					at_end ? "at the end" : "then b", t.n);
			CHECK_INT(t.n, n);
		}
	}
	{
		struct result r;

		scan(&r, "x = 1 <> 2\n");
		CHECK(has_diag(&r, DIAG_PYTHON2));
		done(&r);
		scan(&r, "x = 1 <= 2 ** 3 // 4 >> 5\ny = ...\nz: int = 0 if x != y else -1\n");
		CHECK(!has_diag(&r, DIAG_PYTHON2) && !has_diag(&r, DIAG_SYNTAX));
		done(&r);
	}
}

static void test_statements(void)
{
	struct result r;
	const struct import_edge *e;

	scan(&r, "import a.b as c, d\n"
		 "from . import x\n"
		 "from ..a import (b,\n"
		 "    c as cc,\n"
		 ")\n"
		 "from x import *\n"
		 "from __future__ import annotations\n"
		 "from ... import up\n"
		 "from .... import too_far\n");
	CHECK_INT(r.s.edges.n, 7);
	e = edge(&r, "a.b");
	CHECK(e && e->line == 1 && e->level == 0 && e->names == NULL && e->kinds == E);
	CHECK_STR(e ? e->name : NULL, "a.b");
	CHECK(edge(&r, "d") && edge(&r, "d")->line == 1);
	CHECK(edge(&r, "c") == NULL);
	e = edge(&r, ".");
	CHECK(e && e->level == 1 && e->n_names == 1 && !strcmp(e->names[0], "x"));
	CHECK_STR(e ? e->name : NULL, "pkg.sub");
	e = edge(&r, "..a");
	CHECK(e && e->level == 2 && e->line == 3 && e->n_names == 2);
	CHECK(e && e->n_names == 2 && !strcmp(e->names[0], "b") && !strcmp(e->names[1], "c"));
	CHECK_STR(e ? e->name : NULL, "pkg.a");
	e = edge(&r, "x");
	CHECK(e && e->n_names == 1 && !strcmp(e->names[0], "*"));
	CHECK(edge(&r, "__future__") == NULL);
	e = edge(&r, "...");
	CHECK(e && e->level == 3);
	CHECK_STR(e ? e->name : "x", NULL); /* pkg.sub.mod climbs to nothing */
	e = edge(&r, "....");
	CHECK_STR(e ? e->name : "x", NULL);
	done(&r);

	/* the same from a package __init__ */
	scan_str(&r, "from . import x\nfrom .. import y\nfrom .z import w\n", "pkg.sub", 1, NULL);
	CHECK_STR(edge(&r, ".") ? edge(&r, ".")->name : NULL, "pkg.sub");
	CHECK_STR(edge(&r, "..") ? edge(&r, "..")->name : NULL, "pkg");
	CHECK_STR(edge(&r, ".z") ? edge(&r, ".z")->name : NULL, "pkg.sub.z");
	done(&r);

	/* module unknown: relative names unresolved */
	scan_str(&r, "from .a import b\nimport c\n", NULL, 0, NULL);
	CHECK(edge(&r, ".a") && edge(&r, ".a")->name == NULL);
	CHECK_STR(edge(&r, "c") ? edge(&r, "c")->name : NULL, "c");
	done(&r);
}

static void test_resolve(void)
{
	struct arena a = ARENA_INIT;

	CHECK_STR(imports_resolve(&a, "a.b.c", 0, 1, "x"), "a.b.x");
	CHECK_STR(imports_resolve(&a, "a.b.c", 0, 1, ""), "a.b");
	CHECK_STR(imports_resolve(&a, "a.b.c", 0, 2, "x.y"), "a.x.y");
	CHECK_STR(imports_resolve(&a, "a.b.c", 0, 3, "x"), NULL);
	CHECK_STR(imports_resolve(&a, "a.b", 1, 1, "x"), "a.b.x");
	CHECK_STR(imports_resolve(&a, "a.b", 1, 2, NULL), "a");
	CHECK_STR(imports_resolve(&a, "a.b", 1, 3, "x"), NULL);
	CHECK_STR(imports_resolve(&a, "a", 0, 1, "x"), NULL);
	CHECK_STR(imports_resolve(&a, "a", 1, 1, "x"), "a.x");
	CHECK_STR(imports_resolve(&a, "a.b.c", 0, 2, "..x"), "a.x");
	CHECK_STR(imports_resolve(&a, "a.b.c", 0, 0, "..x"), "a.x");
	CHECK_STR(imports_resolve(&a, NULL, 0, 1, "x"), NULL);
	CHECK_STR(imports_resolve(&a, NULL, 0, 0, "os"), "os");
	arena_release(&a);
}

static void test_hostile_text(void)
{
	struct result r;

	scan(&r, "# import no1\n"
		 "s = 'import no2'; t = \"from no3 import x\"\n"
		 "u = '''\nimport no4\n''' ; import yes1\n"
		 "v = r'\\'import no5'\n"
		 "w = b\"import no6\" rb'\\\\' Rb\"\" bR'x' BR\"y\"\n"
		 "x = f\"{x[\"a\"]} {f'{y:{z}>{w}}'} {{import no7}} {'}'}\"; import yes2\n"
		 "y = f'''{\n"
		 "  a  # a comment in a replacement field\n"
		 "}import no8''' ; import yes3\n"
		 "z = F\"{'''\nimport no9'''}\" rf\"\\{x}\" fR'{{}}' Fr\"\\\"\"\n"
		 "q = f\"{f\"{f\"{f\"{1}\"}\"}\"}\"; import yes4\n"
		 "u = U'x' u\"import no10\"\n"
		 "import \\\n"
		 "    yes5\n"
		 "from yes6 import (\n"
		 "    a,  # import no11\n"
		 "    b)\n");
	CHECK_INT(r.s.edges.n, 6);
	CHECK(edge(&r, "yes1") && edge(&r, "yes1")->line == 5);
	CHECK(edge(&r, "yes2") && edge(&r, "yes2")->line == 8);
	CHECK(edge(&r, "yes3") && edge(&r, "yes3")->line == 11);
	CHECK(edge(&r, "yes4") && edge(&r, "yes4")->line == 14);
	CHECK(edge(&r, "yes5") && edge(&r, "yes5")->line == 16);
	CHECK(edge(&r, "yes6") && edge(&r, "yes6")->line == 18);
	CHECK_INT(r.s.diags.n, 0);
	for (size_t i = 0; i < r.s.diags.n; i++)
		fprintf(stderr, "  diag %d:%d %s\n", r.s.diags.v[i].line, r.s.diags.v[i].col,
			r.s.diags.v[i].msg);
	done(&r);
}

static void test_syntax_mix(void)
{
	struct result r;

	scan(&r, "@decorator(lambda x: x)\n"
		 "@other\n"
		 "def f(a: int = 1, *, b: 'str' = \"\") -> dict[str, int]:\n"
		 "    import lazy1\n"
		 "    if (n := len(a)) > 1: import lazy2\n"
		 "g = lambda: 0; import eager1\n"
		 "match command.split():\n"
		 "    case [action]:\n"
		 "        import eager2\n"
		 "    case {\"k\": v} if v: import eager3\n"
		 "    case _:\n"
		 "        pass\n"
		 "match = 1; case = 2; type = 3\n"
		 "type Alias[T] = list[T]\n"
		 "match(x)\n"
		 "import eager4\n"
		 "class A(B, metaclass=M):\n"
		 "    import eager5\n"
		 "    def m(self): import lazy3\n"
		 "    x: int = 3\n"
		 "async def h():\n"
		 "    async with a as b:\n"
		 "        import lazy4\n"
		 "    async for x in y: import lazy5\n"
		 "if x: pass\n"
		 "else: import eager6\n"
		 "x = 1; import eager7; y = 2;\n"
		 "while x:\n"
		 "    import eager8\n"
		 "else:\n"
		 "    import eager9\n");
	CHECK_INT(kinds(&r, "lazy1"), L);
	CHECK_INT(kinds(&r, "lazy2"), L);
	CHECK_INT(kinds(&r, "lazy3"), L);
	CHECK_INT(kinds(&r, "lazy4"), L);
	CHECK_INT(kinds(&r, "lazy5"), L);
	for (int i = 1; i <= 9; i++) {
		char name[24]; /* "eager" and any int: gcc -O1 checks the bound */
		snprintf(name, sizeof(name), "eager%d", i);
		if (kinds(&r, name) != E)
			fprintf(stderr, "  %s: kinds %u\n", name, kinds(&r, name));
		CHECK_INT(kinds(&r, name), E);
	}
	CHECK_INT(r.s.edges.n, 14);
	CHECK_INT(r.s.diags.n, 0);
	done(&r);
}

static void test_tabs(void)
{
	struct result r;

	scan(&r, "def f():\n"
		 "\tif x:\n"
		 "\t\timport lazy1\n"
		 "\timport lazy2\n"
		 "import eager1\n"
		 "class K:\n"
		 "\tdef g(self):\n"
		 "\t\tpass\n"
		 "\timport eager2\n"
		 "if y:\n"
		 "        import eager3\n"
		 "\n"
		 "   # odd comment indentation\n"
		 "        import eager4\n");
	CHECK_INT(kinds(&r, "lazy1"), L);
	CHECK_INT(kinds(&r, "lazy2"), L);
	CHECK_INT(kinds(&r, "eager1"), E);
	CHECK_INT(kinds(&r, "eager2"), E);
	CHECK_INT(kinds(&r, "eager3"), E);
	CHECK_INT(kinds(&r, "eager4"), E);
	CHECK_INT(r.s.diags.n, 0);
	done(&r);
}

static void test_guarded(void)
{
	struct result r;

	scan(&r, "try:\n"
		 "    import g1\n"
		 "    try:\n"
		 "        import g2\n"
		 "    except ValueError:\n"
		 "        import g3\n"
		 "except (ImportError, AttributeError) as e:\n"
		 "    import n1\n"
		 "else:\n"
		 "    import g2e\n"
		 "finally:\n"
		 "    import n3\n"
		 "try:\n"
		 "    import n4\n"
		 "except ValueError:\n"
		 "    pass\n"
		 "except KeyError as e:\n"
		 "    pass\n"
		 "try: import g4\n"
		 "except: pass\n"
		 "try:\n"
		 "    import g5\n"
		 "except ValueError:\n"
		 "    pass\n"
		 "except ModuleNotFoundError:\n"
		 "    pass\n"
		 "try:\n"
		 "    import g6\n"
		 "except Exception:\n"
		 "    pass\n"
		 "try:\n"
		 "    import g7\n"
		 "except BaseException as exc:\n"
		 "    pass\n"
		 "try:\n"
		 "    import g8\n"
		 "except* ImportError:\n"
		 "    pass\n"
		 "try:\n"
		 "    import n5\n"
		 "finally:\n"
		 "    import n6\n"
		 "def f():\n"
		 "    try:\n"
		 "        if TYPE_CHECKING:\n"
		 "            import ltg\n"
		 "        def inner():\n"
		 "            import ln2\n"
		 "    except ImportError:\n"
		 "        pass\n"
		 "try:\n"
		 "    import g9\n"
		 "    def later():\n"
		 "        import ln1\n"
		 "    class K:\n"
		 "        import gk\n"
		 "        def m(self): import ln3\n"
		 "except ImportError:\n"
		 "    pass\n"
		 "else:\n"
		 "    def later2():\n"
		 "        import ln4\n");
	CHECK_INT(kinds(&r, "g1"), E | G);
	CHECK_INT(kinds(&r, "g2"), E | G);
	CHECK_INT(kinds(&r, "g3"), E | G);
	CHECK_INT(kinds(&r, "n1"), E);
	/* the else: of a guarded try runs only when its imports succeeded */
	CHECK_INT(kinds(&r, "g2e"), E | G);
	CHECK_INT(kinds(&r, "n3"), E);
	CHECK_INT(kinds(&r, "n4"), E);
	CHECK_INT(kinds(&r, "g4"), E | G);
	CHECK_INT(kinds(&r, "g5"), E | G);
	CHECK_INT(kinds(&r, "g6"), E | G);
	CHECK_INT(kinds(&r, "g7"), E | G);
	CHECK_INT(kinds(&r, "g8"), E | G);
	CHECK_INT(kinds(&r, "n5"), E);
	CHECK_INT(kinds(&r, "n6"), E);
	CHECK_INT(kinds(&r, "ltg"), L | G | T);
	/* a function defined in a guarded try imports later, when no handler
	 * is around: lazy, not guarded; one defined in the else: exists only
	 * when the guarded imports succeeded, so it keeps the guard */
	CHECK_INT(kinds(&r, "g9"), E | G);
	CHECK_INT(kinds(&r, "ln1"), L);
	CHECK_INT(kinds(&r, "ln2"), L);
	CHECK_INT(kinds(&r, "gk"), E | G);
	CHECK_INT(kinds(&r, "ln3"), L);
	CHECK_INT(kinds(&r, "ln4"), L | G);
	done(&r);

	/* contextlib.suppress(ImportError) around an import guards it as a
	 * try does; suppress() of another exception, or another with, does not */
	scan(&r, "import contextlib\n"
		 "with contextlib.suppress(ImportError):\n"
		 "    import sg1\n"
		 "with suppress(KeyError, ModuleNotFoundError) as s:\n"
		 "    from sg2 import x\n"
		 "with suppress(KeyError):\n"
		 "    import sn1\n"
		 "with open('f'):\n"
		 "    import sn2\n"
		 "def f():\n"
		 "    with suppress(ImportError): import sg3\n");
	CHECK_INT(kinds(&r, "sg1"), E | G);
	CHECK_INT(kinds(&r, "sg2"), E | G);
	CHECK_INT(kinds(&r, "sn1"), E);
	CHECK_INT(kinds(&r, "sn2"), E);
	CHECK_INT(kinds(&r, "sg3"), L | G);
	done(&r);

	/* an if on a flag from another module is left to the shaker: the test
	 * as written on each edge under it, the else negated; the module's own
	 * version flags are recorded with their value (want_names) */
	memset(&r, 0, sizeof(r));
	r.s.arena = &r.a;
	r.s.want_names = 1;
	{
		const char *src = "import sys, six\n"
				  "PY2 = sys.version_info[0] == 2\n"
				  "PY3 = sys.version_info[0] == 3\n"
				  "if six.PY2:\n"
				  "    import fl1\n"
				  "else:\n"
				  "    import fl2\n"
				  "if not IS_OLD:\n"
				  "    import fl3\n"
				  "else:\n"
				  "    import fl4\n"
				  "if PY2:\n"
				  "    import fl5\n"
				  "if six.PY2 and x:\n"
				  "    import fl6\n";
		imports_scan(&r.s, "t.py", "pkg.mod", 0, src, strlen(src), &env313);
	}
	CHECK_STR(edge(&r, "fl1") ? edge(&r, "fl1")->flag : NULL, "six.PY2");
	CHECK_STR(edge(&r, "fl2") ? edge(&r, "fl2")->flag : NULL, "not six.PY2");
	CHECK_STR(edge(&r, "fl3") ? edge(&r, "fl3")->flag : NULL, "not IS_OLD");
	CHECK_STR(edge(&r, "fl4") ? edge(&r, "fl4")->flag : NULL, "IS_OLD");
	CHECK(edge(&r, "fl5") && !edge(&r, "fl5")->flag && edge(&r, "fl5")->cond_value == 0);
	CHECK(edge(&r, "fl6") && !edge(&r, "fl6")->flag);
	CHECK_INT((int)r.s.flags.n, 2);
	if (r.s.flags.n == 2) {
		CHECK_STR(r.s.flags.v[0].name, "PY2");
		CHECK_INT(r.s.flags.v[0].value, 0);
		CHECK_STR(r.s.flags.v[1].name, "PY3");
		CHECK_INT(r.s.flags.v[1].value, 1);
	}
	done(&r);

	/* __import__("pydoc").pager(...): bound for the attribute alone (alias,
	 * and the pair mentioned); a dotted name or no attribute is not */
	memset(&r, 0, sizeof(r));
	r.s.arena = &r.a;
	r.s.want_names = 1;
	{
		const char *src = "def f(c):\n"
				  "    return __import__('pydoc').pager(c)\n"
				  "x = __import__('a.b').c\n"
				  "y = __import__('tarfile')\n";
		imports_scan(&r.s, "t.py", "pkg.mod", 0, src, strlen(src), &env313);
	}
	CHECK_STR(edge(&r, "pydoc") ? edge(&r, "pydoc")->alias : NULL, "pydoc");
	CHECK(edge(&r, "a.b") && !edge(&r, "a.b")->alias);
	CHECK(edge(&r, "tarfile") && !edge(&r, "tarfile")->alias);
	{
		int found = 0;
		for (size_t i = 0; i < r.s.names.n; i++)
			if (!strcmp(r.s.names.v[i], "pydoc.pager") && r.s.name_funcs.v[i] &&
			    !strcmp(r.s.name_funcs.v[i], "f"))
				found = 1;
		CHECK(found);
	}
	done(&r);

	/* no mentions: a def's return annotation, a dict display's string
	 * keys; its values and other strings are */
	memset(&r, 0, sizeof(r));
	r.s.arena = &r.a;
	r.s.want_names = 1;
	{
		const char *src = "def pager(self, a: ArgType = dflt) -> PagerContext:\n"
				  "    return make()\n"
				  "EMOJI = {\"pager\": \"x\", 'other_key': value_name}\n"
				  "h = getattr(obj, 'attr_name')\n"
				  "if _exists('spawnv') and x == 'tested_name':\n"
				  "    call('body_name')\n"
				  "if sys.platform == 'win32':\n"
				  "    windows_only_name()\n"
				  "else:\n"
				  "    posix_name()\n";
		imports_scan(&r.s, "t.py", "pkg.mod", 0, src, strlen(src), &env313);
	}
	{
		int ctx = 0, argt = 0, pager = 0, other = 0, value = 0, attr = 0, tested = 0, body = 0, body_bare = 0;
		int win = 0, posix = 0;
		for (size_t i = 0; i < r.s.names.n; i++) {
			const char *nm = r.s.names.v[i];
			ctx |= !strcmp(nm, "PagerContext");
			argt |= !strcmp(nm, "ArgType");
			pager |= !strcmp(nm, "pager");
			other |= !strcmp(nm, "other_key");
			value |= !strcmp(nm, "value_name");
			attr |= !strcmp(nm, "attr_name");
			tested |= !strcmp(nm, "spawnv") || !strcmp(nm, "tested_name");
			/* the whole first argument of a call: with its callee */
			body |= !strcmp(nm, "\"body_name\"call");
			body_bare |= !strcmp(nm, "body_name");
			win |= !strcmp(nm, "windows_only_name");
			posix |= !strcmp(nm, "posix_name");
		}
		/* code under a test false on the target uses nothing */
		CHECK(!win);
		CHECK(posix);
		CHECK(!tested);
		CHECK(body);
		CHECK(!body_bare);
		CHECK(!ctx);
		CHECK(argt);
		CHECK(!pager);
		CHECK(!other);
		CHECK(value);
		CHECK(attr);
	}
	done(&r);

	/* entry-point listings: the group as a literal, after select/get/[]
	 * on the same line, iter_entry_points' first argument; a group that is
	 * no literal becomes one use per literal of the file that may be one */
	memset(&r, 0, sizeof(r));
	r.s.arena = &r.a;
	r.s.want_names = 1;
	{
		const char *src = "from importlib.metadata import entry_points\n"
				  "a = entry_points(group='g.one')\n"
				  "b = entry_points().select(group=\"g.two\")\n"
				  "c = entry_points()['g-three']\n"
				  "def f():\n"
				  "    return iter_entry_points('g4')\n";
		imports_scan(&r.s, "t.py", "pkg.mod", 0, src, strlen(src), &env313);
	}
	CHECK_INT((int)r.s.entry_uses.n, 4);
	if (r.s.entry_uses.n == 4) {
		CHECK_STR(r.s.entry_uses.v[0].group, "g.one");
		CHECK_STR(r.s.entry_uses.v[1].group, "g.two");
		CHECK_STR(r.s.entry_uses.v[2].group, "g-three");
		CHECK_STR(r.s.entry_uses.v[3].group, "g4");
		CHECK_STR(r.s.entry_uses.v[3].funcs, "f");
	}
	done(&r);
	memset(&r, 0, sizeof(r));
	r.s.arena = &r.a;
	r.s.want_names = 1;
	{
		const char *src = "GROUP = 'plug.ins'\n"
				  "def find(name):\n"
				  "    eps = entry_points()\n"
				  "    return eps.select(group=name)\n";
		imports_scan(&r.s, "t.py", "pkg.mod", 0, src, strlen(src), &env313);
	}
	CHECK_INT((int)r.s.entry_uses.n, 1);
	if (r.s.entry_uses.n == 1)
		CHECK_STR(r.s.entry_uses.v[0].group, "plug.ins");
	done(&r);

	/* an `if` on a name an ImportError handler binds tests whether the
	 * import worked: its branches are guarded; other ifs are not */
	scan(&r, "try:\n"
		 "    import simplejson\n"
		 "    has_simplejson = True\n"
		 "except ImportError:\n"
		 "    has_simplejson = False\n"
		 "try:\n"
		 "    import ujson\n"
		 "except ImportError:\n"
		 "    ujson = None\n"
		 "try:\n"
		 "    import zz\n"
		 "except ValueError:\n"
		 "    has_zz = False\n"
		 "if has_simplejson:\n"
		 "    import f1\n"
		 "else:\n"
		 "    import f2\n"
		 "if ujson is not None:\n"
		 "    import f3\n"
		 "if not ujson:\n"
		 "    import f4\n"
		 "if has_zz:\n"
		 "    import n7\n"
		 "if has_simplejson and x:\n"
		 "    import n8\n"
		 "if x:\n"
		 "    import n9\n"
		 "elif has_simplejson:\n"
		 "    import f5\n"
		 "else:\n"
		 "    import f6\n");
	CHECK_INT(kinds(&r, "f1"), E | G);
	CHECK_INT(kinds(&r, "f2"), E | G);
	CHECK_INT(kinds(&r, "f3"), E | G);
	CHECK_INT(kinds(&r, "f4"), E | G);
	CHECK_INT(kinds(&r, "n7"), E);
	CHECK_INT(kinds(&r, "n8"), E);
	CHECK_INT(kinds(&r, "n9"), E);
	CHECK_INT(kinds(&r, "f5"), E | G);
	CHECK_INT(kinds(&r, "f6"), E | G);
	done(&r);
}

static void test_typing_and_nesting(void)
{
	struct result r;

	scan(&r, "from typing import TYPE_CHECKING\n"
		 "import typing, typing as t\n"
		 "if TYPE_CHECKING:\n"
		 "    import t1\n"
		 "else:\n"
		 "    import n1\n"
		 "if typing.TYPE_CHECKING:\n"
		 "    import t2\n"
		 "if t.TYPE_CHECKING: import t3\n"
		 "if not TYPE_CHECKING:\n"
		 "    import n2\n"
		 "else:\n"
		 "    import t4\n"
		 "def outer():\n"
		 "    class Inner:\n"
		 "        import lazy_in_class\n"
		 "        def m(self):\n"
		 "            import lazy_deep\n"
		 "    import lazy_after\n"
		 "class Top:\n"
		 "    import eager_class\n");
	CHECK_INT(kinds(&r, "t1"), E | T);
	CHECK_INT(kinds(&r, "n1"), E);
	CHECK_INT(kinds(&r, "t2"), E | T);
	CHECK_INT(kinds(&r, "t3"), E | T);
	CHECK_INT(kinds(&r, "n2"), E);
	CHECK_INT(kinds(&r, "t4"), E | T);
	CHECK_INT(kinds(&r, "lazy_in_class"), L);
	CHECK_INT(kinds(&r, "lazy_deep"), L);
	CHECK_INT(kinds(&r, "lazy_after"), L);
	CHECK_INT(kinds(&r, "eager_class"), E);
	done(&r);
}

static void test_conditional(void)
{
	struct result r;
	const struct import_edge *e;

	scan(&r, "import sys, os, platform\n"
		 "if sys.version_info >= (3, 11):\n"
		 "    import tomllib\n"
		 "else:\n"
		 "    import tomli\n"
		 "if sys.platform == 'win32':\n"
		 "    import winreg\n"
		 "elif sys.platform.startswith(\"linux\"):\n"
		 "    import fcntl\n"
		 "else:\n"
		 "    import other\n"
		 "if os.name  ==   'nt':\n"
		 "    if platform.system() == \"Windows\":\n"
		 "        import nested\n"
		 "if (sys.platform\n"
		 "        == 'emscripten'):\n"
		 "    import emscr\n"
		 "if foo:\n"
		 "    import plain\n"
		 "elif sys.implementation.name == 'pypy':\n"
		 "    import pypy_only\n"
		 "def f():\n"
		 "    try:\n"
		 "        if sys.platform == 'wasi': import wasi_lazy\n"
		 "    except ImportError:\n"
		 "        pass\n"
		 "if platform.python_implementation() == 'CPython':\n"
		 "    import cpy\n"
		 "if hasattr(sys, \"pypy_version_info\"):\n"
		 "    from __pypy__ import newlist_hint\n"
		 "if not hasattr( sys, 'pypy_version_info' ):\n"
		 "    import not_pypy\n"
		 "if hasattr(sys, 'getrefcount'):\n"
		 "    import refc\n");
	e = edge(&r, "tomllib");
	CHECK(e && e->kinds == (E | C));
	CHECK_STR(e ? e->condition : NULL, "sys.version_info >= (3, 11)");
	CHECK_INT(e ? e->cond_value : 9, 1);
	e = edge(&r, "tomli");
	CHECK_STR(e ? e->condition : NULL, "not (sys.version_info >= (3, 11))");
	CHECK_INT(e ? e->cond_value : 9, 0);
	e = edge(&r, "winreg");
	CHECK_STR(e ? e->condition : NULL, "sys.platform == 'win32'");
	CHECK_INT(e ? e->cond_value : 9, 0);
	e = edge(&r, "fcntl");
	CHECK_STR(e ? e->condition : NULL, "not (sys.platform == 'win32') and sys.platform.startswith(\"linux\")");
	CHECK_INT(e ? e->cond_value : 9, 0);
	e = edge(&r, "other");
	CHECK_STR(e ? e->condition : NULL, "not (sys.platform == 'win32') and not (sys.platform.startswith(\"linux\"))");
	CHECK_INT(e ? e->cond_value : 9, 1);
	e = edge(&r, "nested");
	CHECK_STR(e ? e->condition : NULL, "os.name == 'nt' and platform.system() == \"Windows\"");
	CHECK_INT(e ? e->cond_value : 9, 0);
	e = edge(&r, "emscr");
	CHECK_STR(e ? e->condition : NULL, "(sys.platform == 'emscripten')");
	CHECK_INT(e ? e->cond_value : 9, 0);
	CHECK_INT(kinds(&r, "plain"), E);
	e = edge(&r, "pypy_only");
	CHECK_STR(e ? e->condition : NULL, "not (foo) and sys.implementation.name == 'pypy'");
	CHECK_INT(e ? e->cond_value : 9, 0);
	e = edge(&r, "wasi_lazy");
	CHECK(e && e->kinds == (L | G | C));
	CHECK_INT(e ? e->cond_value : 9, 1);
	e = edge(&r, "cpy");
	CHECK_INT(e ? e->cond_value : 9, 1);
	/* PyPy's own attribute: false on CPython; another attribute is no
	 * platform test (a plain import) */
	e = edge(&r, "__pypy__");
	CHECK_INT(e ? e->cond_value : 9, 0);
	e = edge(&r, "not_pypy");
	CHECK_INT(e ? e->cond_value : 9, 1);
	CHECK_INT(kinds(&r, "refc"), E);
	CHECK_INT(edge(&r, "sys") ? edge(&r, "sys")->cond_value : 9, 1);
	done(&r);

	/* the same source on a NULL env: unknown */
	scan_str(&r, "if sys.platform == 'win32':\n    import w\n", NULL, 0, NULL);
	CHECK_INT(edge(&r, "w") ? edge(&r, "w")->cond_value : 9, -1);
	done(&r);
}

static void test_dynamic(void)
{
	struct result r;
	const struct import_edge *e;

	scan(&r, "import importlib\n"
		 "m = importlib.import_module(\"json.decoder\")\n"
		 "n = __import__('zlib', globals())\n"
		 "o = import_module('not_bound_yet')\n"
		 "from importlib import import_module\n"
		 "p = import_module('csv')\n"
		 "q = importlib.import_module('.rel', package=__name__)\n"
		 "r = importlib.import_module(name)\n"
		 "s = obj.import_module('nope1')\n"
		 "t = x.__import__('nope2')\n"
		 "u = __import__('a' + b)\n"
		 "v = __import__(f'nope3')\n"
		 "def __import__(x): pass\n"
		 "def g():\n"
		 "    return __import__(\n"
		 "        'lazy_dyn')\n"
		 "w = importlib.import_module('con' 'cat')\n");
	e = edge(&r, "json.decoder");
	CHECK(e && e->kinds == (E | D) && e->line == 2 && !e->names);
	CHECK_STR(e ? e->name : NULL, "json.decoder");
	CHECK(edge(&r, "zlib") && edge(&r, "zlib")->kinds == (E | D));
	CHECK(edge(&r, "not_bound_yet") != NULL); /* bound later in the file */
	CHECK(edge(&r, "csv") != NULL);
	e = edge(&r, ".rel");
	CHECK(e && e->level == 1 && e->name == NULL);
	CHECK(!edge(&r, "nope1") && !edge(&r, "nope2") && !edge(&r, "nope3"));
	CHECK(!edge(&r, "a"));
	e = edge(&r, "lazy_dyn");
	CHECK(e && e->kinds == (L | D) && e->line == 15);
	CHECK(edge(&r, "concat") != NULL);
	done(&r);

	/* import_module without the from-import is someone else's */
	scan(&r, "x = import_module('mine')\nfrom importlib import import_module as im\ny = im('aliased')\n");
	CHECK(edge(&r, "mine") == NULL);
	CHECK(edge(&r, "aliased") != NULL);
	done(&r);
}

/* The nth computed-name load, or NULL. */
static const struct import_edge *computed_n(struct result *r, size_t nth)
{
	return nth < r->s.computed.n ? &r->s.computed.v[nth] : NULL;
}

/* Loads by a computed name: rooted in the literal prefix, the relative
 * package, or the file's own package; unbounded from a top-level module. */
static void test_computed(void)
{
	struct result r;
	const struct import_edge *e;

	scan_str(&r, "import importlib, pkgutil\n"
		     "def load(module_name):\n"
		     "    mod = __import__(module_name, None, None, ['__all__'])\n"
		     "def style(mod):\n"
		     "    return __import__('pygments.styles.' + mod, None, None, ['x'])\n"
		     "x = importlib.import_module('.' + name, __name__)\n"
		     "y = importlib.import_module(f'pkg.plugins.{name}')\n"
		     "for _, n, _ in pkgutil.iter_modules(__path__):\n"
		     "    pass\n"
		     "z = importlib.import_module('json')\n"
		     "w = importlib.import_module('plugin_' + name)\n"
		     "v = pkgutil.walk_packages(other.sub.__path__, 'p.')\n"
		     "u = pkgutil.iter_modules()\n",
		 "pkg.lexers", 1, &env313);
	CHECK(r.s.computed.n == 7);
	e = computed_n(&r, 0);
	CHECK(e && e->line == 3 && (e->kinds & L) && (e->kinds & EDGE_COMPUTED) && !strcmp(e->funcs, "load"));
	CHECK_STR(e ? e->name : NULL, "pkg.lexers"); /* its own package */
	CHECK_STR(e ? e->as_written : NULL, "module_name");
	e = computed_n(&r, 1);
	CHECK_STR(e ? e->name : NULL, "pygments.styles");
	e = computed_n(&r, 2);
	CHECK(e && (e->kinds & E));
	CHECK_STR(e ? e->name : NULL, "pkg.lexers");
	CHECK_STR(computed_n(&r, 3) ? computed_n(&r, 3)->name : NULL, "pkg.plugins");
	CHECK_STR(computed_n(&r, 4) ? computed_n(&r, 4)->name : NULL, "pkg.lexers");
	CHECK(computed_n(&r, 4) && computed_n(&r, 4)->line == 8);
	CHECK(computed_n(&r, 5) && computed_n(&r, 5)->name == NULL); /* any top-level module */
	CHECK_STR(computed_n(&r, 6) ? computed_n(&r, 6)->name : NULL, "other.sub");
	CHECK(edge(&r, "json") != NULL); /* a literal stays an edge */
	CHECK(r.s.edges.n == 3);        /* importlib, pkgutil, json: no computed one */
	done(&r);

	/* an unclosed bracket is reported where CPython reports it: the
	 * outermost opening bracket, not the end of the file */
	scan(&r, "import json\nx = foo(1, [2,\ny = 2\nz = 3\n");
	CHECK(r.s.diags.n >= 1 && r.s.diags.v[0].kind == DIAG_SYNTAX && r.s.diags.v[0].line == 2 &&
	      r.s.diags.v[0].col == 8);
	CHECK_STR(r.s.diags.n ? r.s.diags.v[0].msg : NULL, "'(' was never closed");
	done(&r);

	/* a module of no package: unbounded; a bare import_module not bound to
	 * importlib is someone else's */
	scan_str(&r, "def _import_module(name):\n    __import__(name)\n"
		     "x = import_module(name)\n",
		 "six", 0, &env313);
	CHECK(r.s.computed.n == 1 && computed_n(&r, 0)->name == NULL);
	done(&r);
}

static void test_encodings(void)
{
	struct result r;
	static const char bom[] = "\xef\xbb\xbfimport os\n";
	static const char latin1[] = "# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\nimport x\n";
	static const char latin1_l2[] = "#!/usr/bin/python\n# vim: set fileencoding=iso-8859-1 :\ns = '\xff'\nimport y\n";
	static const char bad[] = "s = '\xff\xfe'\nimport z\n";
	static const char koi[] = "# coding: koi8-r\nimport k\n";
	static const char late[] = "import q\n# coding: latin-1\ns = '\xe9'\n";
	static const char bomlatin[] = "\xef\xbb\xbf# coding: latin-1\nimport b\n";

	scan_full(&r, bom, sizeof(bom) - 1, NULL, 0, NULL);
	CHECK(edge(&r, "os") && edge(&r, "os")->line == 1);
	CHECK_INT(r.s.diags.n, 0);
	done(&r);
	scan_full(&r, latin1, sizeof(latin1) - 1, NULL, 0, NULL);
	CHECK(edge(&r, "x") && edge(&r, "x")->line == 3);
	CHECK_INT(r.s.diags.n, 0);
	done(&r);
	scan_full(&r, latin1_l2, sizeof(latin1_l2) - 1, NULL, 0, NULL);
	CHECK(edge(&r, "y") != NULL);
	CHECK_INT(r.s.diags.n, 0);
	done(&r);
	scan_full(&r, bad, sizeof(bad) - 1, NULL, 0, NULL);
	CHECK(has_diag(&r, DIAG_BAD_UTF8));
	CHECK(edge(&r, "z") != NULL);
	CHECK(r.s.diags.n && r.s.diags.v[0].line == 1 && r.s.diags.v[0].col == 6);
	done(&r);
	scan_full(&r, koi, sizeof(koi) - 1, NULL, 0, NULL);
	CHECK(has_diag(&r, DIAG_ENCODING));
	done(&r);
	scan_full(&r, late, sizeof(late) - 1, NULL, 0, NULL);
	CHECK(has_diag(&r, DIAG_BAD_UTF8)); /* a cookie on line 2 after code does not count */
	done(&r);
	scan_full(&r, bomlatin, sizeof(bomlatin) - 1, NULL, 0, NULL);
	CHECK(has_diag(&r, DIAG_ENCODING));
	done(&r);
}

static void test_python2_and_binary(void)
{
	struct result r;
	static const char *const py2[] = {
		"print 'hello'\n",
		"print x, y\n",
		"exec \"code\" in ns\n",
		"x = 0777\n",
		"x = `y`\n",
		"s = ur'x'\n",
		"try:\n    pass\nexcept ValueError, e:\n    pass\n",
		"x = 10L\n",
		"raise ValueError, 'x'\n",
		"if a <> b: pass\n",
	};
	static const char *const py3[] = {
		"print('x')\n", "print\n", "x = 0o777 + 0 + 00 + 0.5 + 0e1 + 012j\n",
		"print = 3\n", "exec(code)\n", "raise ValueError('a, b') from e\n",
		"print (x)\n",
	};
	static const char nul[] = "import os\n\0import sys\n";

	for (size_t i = 0; i < sizeof(py2) / sizeof(py2[0]); i++) {
		scan(&r, py2[i]);
		if (!has_diag(&r, DIAG_PYTHON2))
			fprintf(stderr, "  no python2 diagnostic for: %s", py2[i]);
		CHECK(has_diag(&r, DIAG_PYTHON2));
		done(&r);
	}
	for (size_t i = 0; i < sizeof(py3) / sizeof(py3[0]); i++) {
		scan(&r, py3[i]);
		if (r.s.diags.n)
			fprintf(stderr, "  unexpected diagnostic '%s' for: %s", r.s.diags.v[0].msg, py3[i]);
		CHECK_INT(r.s.diags.n, 0);
		done(&r);
	}
	/* a whole Python 2 file still yields its imports */
	scan(&r, "import urllib2\nprint 'x'\nfrom StringIO import StringIO\n");
	CHECK(edge(&r, "urllib2") && edge(&r, "StringIO"));
	CHECK_INT(r.s.diags.n, 1);
	done(&r);

	scan_full(&r, nul, sizeof(nul) - 1, NULL, 0, NULL);
	CHECK(has_diag(&r, DIAG_BINARY));
	CHECK(r.s.diags.n && r.s.diags.v[0].line == 2);
	CHECK_INT(r.s.edges.n, 0);
	done(&r);
}

static void test_syntax_errors(void)
{
	struct result r;
	static const char *const bad[] = {
		"s = 'unterminated\nimport a\n",
		"s = '''never closed\nimport a\n",
		"x = (1,\nimport a\n",
		"x = 1)\n",
		"x = f'{a'\n",
		"x = f'{a:{b}'\n",
		"def f():\n        pass\n    import x\n",
		"x = 1 \\ 2\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		scan(&r, bad[i]);
		if (!has_diag(&r, DIAG_SYNTAX))
			fprintf(stderr, "  no syntax diagnostic for: %s", bad[i]);
		CHECK(has_diag(&r, DIAG_SYNTAX));
		done(&r);
	}
}

/* Every prefix of a tricky sample, each in its own exact-size heap copy so
 * AddressSanitizer sees any read past the end. */
static void test_truncation(void)
{
	static const char sample[] =
		"\xef\xbb\xbf# -*- coding: utf-8 -*-\n"
		"import a.b as c, d; from . import (x,\n  y)\n"
		"s = f\"{x[\"k\"]!r:>{w}} {{}} {f'{1:{2}}'}\" rb'\\'' '''\n'''\n"
		"try:\n\tif TYPE_CHECKING:\n\t\timport t\nexcept (ImportError, E) as e:\n  pass\n"
		"if sys.version_info >= (3, 11): import tomllib\nelse: import tomli\n"
		"x = importlib.import_module('m'); y = __import__(\"n\")\n"
		"def f(a=(lambda: 1)):\n    match a:\n        case [1, *_]: import q \\\n  ; import r\n"
		"print 'x'\nz = 0777 + `x` # caf\xc3\xa9\n";
	size_t n = sizeof(sample) - 1;
	size_t total = 0;

	for (size_t k = 0; k <= n; k++) {
		char *copy = xmalloc(k ? k : 1);
		struct result r;
		memcpy(copy, sample, k);
		scan_full(&r, copy, k, "p.m", 0, &env313);
		total += r.s.edges.n;
		done(&r);
		free(copy);
	}
	CHECK(total > 0);
	/* and the whole sample gives what it should */
	struct result r;
	scan_full(&r, sample, n, "p.m", 0, &env313);
	CHECK(edge(&r, "a.b") && edge(&r, "d") && edge(&r, ".") && edge(&r, "t"));
	CHECK_INT(kinds(&r, "t"), E | G | T);
	CHECK(edge(&r, "tomllib") && edge(&r, "tomllib")->cond_value == 1);
	CHECK(edge(&r, "tomli") && edge(&r, "tomli")->cond_value == 0);
	CHECK(edge(&r, "m") && edge(&r, "n"));
	CHECK_INT(kinds(&r, "q"), L);
	CHECK_INT(kinds(&r, "r"), L);
	CHECK(has_diag(&r, DIAG_PYTHON2));
	done(&r);
}

static void test_deep_nesting(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct result r;

	/* 10000 open brackets */
	strbuf_addstr(&sb, "x = ");
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, "([{"[i % 3]);
	strbuf_addstr(&sb, "\nimport after\n");
	scan_full(&r, sb.buf, sb.len, NULL, 0, &env313);
	CHECK(has_diag(&r, DIAG_SYNTAX));
	done(&r);

	/* 10000 balanced parentheses inside an if test */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "if ");
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, '(');
	strbuf_addstr(&sb, "sys.platform == 'x'");
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, ')');
	strbuf_addstr(&sb, ":\n    import deep\nimport flat\n");
	scan_full(&r, sb.buf, sb.len, NULL, 0, &env313);
	CHECK(has_diag(&r, DIAG_SYNTAX));
	CHECK(edge(&r, "deep") && edge(&r, "deep")->cond_value == -1);
	CHECK_INT(kinds(&r, "flat"), E);
	done(&r);

	/* 300 levels of indentation */
	strbuf_reset(&sb);
	for (int i = 0; i < 300; i++) {
		for (int k = 0; k < i; k++)
			strbuf_addch(&sb, ' ');
		strbuf_addstr(&sb, "def f():\n");
	}
	for (int k = 0; k < 300; k++)
		strbuf_addch(&sb, ' ');
	strbuf_addstr(&sb, "import deepdef\nimport top\n");
	scan_full(&r, sb.buf, sb.len, NULL, 0, &env313);
	CHECK(has_diag(&r, DIAG_SYNTAX));
	CHECK_INT(kinds(&r, "deepdef"), L);
	CHECK_INT(kinds(&r, "top"), E);
	done(&r);

	/* deeply nested f-strings */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "x = ");
	for (int i = 0; i < 500; i++)
		strbuf_addstr(&sb, "f'{");
	strbuf_addstr(&sb, "\nimport after\n");
	scan_full(&r, sb.buf, sb.len, NULL, 0, &env313);
	CHECK(has_diag(&r, DIAG_SYNTAX));
	done(&r);
	strbuf_release(&sb);
}

static void test_cond_eval(void)
{
	static const struct { const char *text; int wasi, win; } cases[] = {
		{ "sys.platform == \"win32\"", 0, 1 },
		{ "sys.platform != 'win32'", 1, 0 },
		{ "sys.platform.startswith(\"linux\")", 0, 0 },
		{ "sys.platform.startswith(('wa', 'win'))", 1, 1 },
		{ "sys.platform.endswith('si')", 1, 0 },
		{ "os.name == \"nt\"", 0, 1 },
		{ "sys.version_info >= (3, 8)", 1, 1 },
		{ "sys.version_info >= (3, 9)", 1, 0 },
		{ "sys.version_info[0] == 2", 0, 0 },
		{ "sys.version_info < (3,)", 0, 0 },
		{ "sys.version_info[:2] >= (3, 13)", 1, 0 },
		{ "sys.version_info.minor > 10", 1, 0 },
		{ "platform.system() == \"Windows\"", 0, 1 },
		{ "sys.implementation.name == \"pypy\"", 0, 0 },
		{ "\"pypy\" in sys.implementation.name", 0, 0 },
		{ "'py' in sys.implementation.name", 1, 1 },
		{ "sys.platform in ('win32', 'cygwin')", 0, 1 },
		{ "sys.platform not in ('win32', 'cygwin')", 1, 0 },
		/* list and set displays, for `in` (uuid.py's platform test) */
		{ "sys.platform in {'win32', 'darwin', 'emscripten', 'wasi'}", 1, 1 },
		{ "sys.platform in ['linux', 'darwin']", 0, 0 },
		{ "sys.platform not in {'win32'}", 1, 0 },
		{ "not (sys.platform in {'wasi', 'x'}) and not (sys.platform == 'linux')", 0, 1 },
		{ "sys.platform in {'win32', foo}", -1, -1 },
		{ "sys.platform in {'win32': 1}", -1, -1 },
		{ "sys.platform in {}", -1, -1 },
		{ "sys.platform in [p for p in ('wasi',)]", -1, -1 },
		{ "[3, 13] == sys.version_info[:2]", -1, -1 },
		{ "sys.platform in {'a', ('b', 'c')} or os.name == 'nt'", -1, 1 },
		{ "platform.python_implementation() == 'CPython'", 1, 1 },
		{ "not (sys.platform == 'win32') and os.name == 'posix'", 1, 0 },
		{ "sys.platform == 'win32' or os.name == 'nt'", 0, 1 },
		{ "(sys.platform == 'wasi' or foo) and sys.platform != 'win32'", 1, 0 },
		{ "foo and sys.platform == 'linux'", 0, 0 },
		{ "foo or sys.platform == 'wasi'", 1, -1 },
		{ "foo", -1, -1 },
		{ "sys.maxsize > 2**32", -1, -1 },
		{ "3 < sys.version_info.major <= 3", 0, 0 },
		{ "sys.version_info >= (3, 13, 0, 'final')", 1, 0 },
		{ "True", 1, 1 },
		{ "sys.platform ==", -1, -1 },
		{ "lambda: 0", -1, -1 },
		{ "", -1, -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int a = cond_eval(cases[i].text, &env313), b = cond_eval(cases[i].text, &envwin);
		if (a != cases[i].wasi || b != cases[i].win)
			fprintf(stderr, "  cond_eval(%s): wasi %d (want %d), win %d (want %d)\n",
				cases[i].text, a, cases[i].wasi, b, cases[i].win);
		CHECK(a == cases[i].wasi && b == cases[i].win);
	}
	CHECK_INT(cond_eval("sys.platform == 'wasi'", NULL), -1);
	CHECK_INT(cond_eval(NULL, &env313), -1);
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 10000; i++)
		strbuf_addch(&sb, '(');
	CHECK_INT(cond_eval(sb.buf, &env313), -1);
	strbuf_release(&sb);
	CHECK_STR(edge_kind_name(EDGE_EAGER), "eager");
	CHECK_STR(edge_kind_name(EDGE_CONDITIONAL), "conditional");
	CHECK_STR(edge_kind_name(EDGE_DYNAMIC), "dynamic");
}

/* Linear time: 20 MB of realistic source in well under a few seconds. */
static void test_speed(void)
{
	static const char chunk[] =
		"import os, sys\nfrom .x import (a, b)\n"
		"def f(x, *args, **kw):\n    \"\"\"doc string with import words\"\"\"\n"
		"    if sys.platform == 'win32':\n        import winreg\n"
		"    return f'{x!r:>10} {args[0]}' + \"s\" * 3  # comment\n"
		"class K(Base):\n    x: int = 0\n    def m(self): return [i for i in range(10)]\n";
	struct strbuf sb = STRBUF_INIT;
	struct result r;
	clock_t t0;
	double secs;

	while (sb.len < (20u << 20))
		strbuf_add(&sb, chunk, sizeof(chunk) - 1);
	t0 = clock();
	scan_full(&r, sb.buf, sb.len, "p.m", 0, &env313);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(r.s.edges.n > 100000);
	if (secs > 5)
		fprintf(stderr, "  20 MB took %.2f s\n", secs);
	CHECK(secs < 5);
	done(&r);
	strbuf_release(&sb);
}

static int has_name(struct result *r, const char *n)
{
	for (size_t i = 0; i < r->s.names.n; i++)
		if (!strcmp(r->s.names.v[i], n))
			return 1;
	return 0;
}

/* scans src as module m with want_names on, as the tree-shaker does */
static void scan_names(struct result *r, const char *src)
{
	memset(r, 0, sizeof(*r));
	r->s.arena = &r->a;
	r->s.want_names = 1;
	imports_scan(&r->s, "t.py", "m", 0, src, strlen(src), &env313);
}

/* how many mentions of n the scan records in funcs (NULL: module level) */
static int name_in(struct result *r, const char *n, const char *funcs)
{
	int c = 0;
	for (size_t i = 0; i < r->s.names.n; i++)
		if (!strcmp(r->s.names.v[i], n) &&
		    (funcs ? r->s.name_funcs.v[i] && !strcmp(r->s.name_funcs.v[i], funcs)
			   : !r->s.name_funcs.v[i]))
			c++;
	return c;
}

/* stores into X and a module __getattr__'s own names: no uses (shutil's
 * archive tables, concurrent.futures' ProcessPoolExecutor) */
/* a string "pkg.mod.attr" or "pkg.mod:attr" names attr of pkg.mod, as an
 * importer by string (jinja2's import_string) reads it; not a file name with
 * a dash, not "a..b", not a colon before the last part */
static void test_dotted_strings(void)
{
	struct result r;
	const char *src =
		"EXT = ['jinja2.ext.i18n', 'xml.sax.saxutils:escape']\n"
		"def f():\n"
		"    return load('pkg.sub.Thing'), 'my-file.txt', 'a..b', 'a:b.c', '.x'\n";

	scan_names(&r, src);
	CHECK_INT(name_in(&r, "jinja2.ext.i18n", "=EXT"), 1);
	CHECK_INT(name_in(&r, "xml.sax.saxutils.escape", "=EXT"), 1);
	CHECK_INT(name_in(&r, "pkg.sub.Thing", "f"), 1);
	CHECK(!has_name(&r, "my-file.txt") && !has_name(&r, "a..b") && !has_name(&r, "a.b.c") &&
	      !has_name(&r, "a:b.c") && !has_name(&r, ".x"));
	done(&r);
}

/* a module-level from-import that rebinds an earlier module-level def
 * (warnings' warn_explicit, then `from _warnings import ...`) records it;
 * not one used at module level before, nor a def after, nor one in a class
 * or function, nor a star import */
static void test_shadows(void)
{
	struct result r;
	const char *src =
		"def warn(m):\n    import linecache\n"
		"def warn_explicit(m):\n    import linecache\n"
		"def used(): pass\n"
		"used()\n"
		"class C:\n    def meth(self): pass\n"
		"try:\n"
		"    from _warnings import (filters, warn, warn_explicit as warn_explicit, used, meth, later)\n"
		"except ImportError:\n    pass\n"
		"def later(): pass\n"
		"def f():\n    from _x import warn\n"
		"from _y import *\n";
	const struct import_edge *e = NULL;

	scan_names(&r, src);
	for (size_t i = 0; i < r.s.edges.n; i++)
		if (!strcmp(r.s.edges.v[i].name, "_warnings"))
			e = &r.s.edges.v[i];
	CHECK(e && e->shadows && !strcmp(e->shadows, "warn warn_explicit"));
	for (size_t i = 0; i < r.s.edges.n; i++)
		if (strcmp(r.s.edges.v[i].name, "_warnings"))
			CHECK(!r.s.edges.v[i].shadows);
	done(&r);
}

static void test_store_mentions(void)
{
	struct result r;
	const char *src =
		"_FORMATS = {'tar': (_make_tar, [], 'tar')}\n"
		"_FORMATS['zip'] = (_make_zip, [], 'zip')\n"
		"_make_tar.supports_root_dir = True\n"
		"registry[key()] = handler\n"
		"UUID = UUIDParameterType()\n"
		"PARSER = mod.Parser(strict=True)\n"
		"def use(f):\n"
		"    return _FORMATS[f]\n"
		"def __getattr__(name):\n"
		"    global Lazy\n"
		"    if name == 'Lazy':\n"
		"        from lazy import Lazy as L\n"
		"        return L\n"
		"    raise AttributeError(name)\n";

	scan_names(&r, src);
	CHECK_INT(name_in(&r, "_make_tar", "=_FORMATS"), 1);
	CHECK_INT(name_in(&r, "_make_zip", "=_FORMATS"), 1);
	CHECK_INT(name_in(&r, "zip", "=_FORMATS"), 1);      /* the key (names are kept once) */
	CHECK_INT(name_in(&r, "zip", NULL), 0);
	CHECK_INT(name_in(&r, ".supports_root_dir", "=_make_tar"), 1);
	CHECK_INT(name_in(&r, "_make_tar", NULL), 0);        /* the store is no use */
	CHECK_INT(name_in(&r, "_FORMATS", NULL), 0);
	CHECK_INT(name_in(&r, "_FORMATS", "use"), 1);
	CHECK_INT(name_in(&r, "key(", NULL), 1);             /* a call runs now */
	CHECK_INT(name_in(&r, "key", "=registry"), 1);       /* its name is used once registry is */
	CHECK_INT(name_in(&r, "handler", "=registry"), 1);
	/* an instance made at module level: the call runs now, the class's
	 * name (its other methods) is used once the instance is */
	CHECK_INT(name_in(&r, "UUIDParameterType(", NULL), 1);
	CHECK_INT(name_in(&r, "UUIDParameterType", "=UUID"), 1);
	CHECK_INT(name_in(&r, "UUIDParameterType", NULL), 0);
	CHECK_INT(name_in(&r, "mod.Parser(", NULL), 1);
	CHECK_INT(name_in(&r, "mod.Parser", "=PARSER"), 1);
	CHECK_INT(name_in(&r, "Lazy", "__getattr__"), 0);   /* global, the compared literal */
	CHECK_STR(edge(&r, "lazy") ? edge(&r, "lazy")->funcs : NULL, "__getattr__.=Lazy");
	done(&r);
}

/* a function's parameters and locals are no mentions of the module's
 * functions, nor is an attribute (os.uname is no call of uname()) */
static void test_local_mentions(void)
{
	struct result r;
	const char *src =
		"def system(): return 1\n"
		"def _ver(system='', release=default_release(), *args, **kw):\n"
		"    if not release:\n"
		"        release = version\n"
		"    for node, machine in pairs:\n"
		"        node(machine)\n"
		"    with open(p) as fh:\n"
		"        fh.read()\n"
		"    total: int = 0\n"
		"    return system, release, args, kw, total, getattr(o, 'fh')\n"
		"def _cached():\n"
		"    global cache\n"
		"    cache = cache or build()\n"
		"    return cache\n"
		"def info():\n"
		"    return os.uname().machine\n";

	scan_names(&r, src);
	CHECK_INT(name_in(&r, "system", NULL), 0);          /* a parameter name, at the def */
	CHECK_INT(name_in(&r, "default_release", NULL), 1); /* a default runs at the def */
	CHECK_INT(name_in(&r, "system", "_ver"), 0);        /* the parameter */
	CHECK_INT(name_in(&r, "release", "_ver"), 0);       /* parameter and assignment target */
	CHECK_INT(name_in(&r, "args", "_ver") + name_in(&r, "kw", "_ver"), 0);
	CHECK_INT(name_in(&r, "version", "_ver"), 1);       /* read, never bound: a global */
	CHECK_INT(name_in(&r, "node", "_ver") + name_in(&r, "machine", "_ver"), 0); /* for targets */
	CHECK_INT(name_in(&r, "pairs", "_ver"), 1);
	CHECK_INT(name_in(&r, "total", "_ver"), 0);         /* annotated assignment */
	CHECK_INT(name_in(&r, "fh", "_ver"), 1);            /* `as fh`, but getattr's 'fh' stays */
	CHECK_INT(name_in(&r, ".read", "_ver"), 1);         /* attributes are kept apart */
	CHECK_INT(name_in(&r, "cache", "_cached"), 1);      /* global: not a local */
	CHECK_INT(name_in(&r, "build", "_cached"), 1);
	CHECK_INT(name_in(&r, "uname", "info"), 0);
	CHECK_INT(name_in(&r, ".uname", "info") + name_in(&r, ".machine", "info"), 2);
	CHECK_INT(name_in(&r, "os.uname", "info"), 1);      /* the pair, for an importer's binding */
	done(&r);
}

/* what the tree-shaker reads: enclosing functions, mentioned names, codec
 * literals, except-ImportError fallbacks, __main__ blocks */
static void test_shaker_facts(void)
{
	struct result r;
	const struct import_edge *e;
	const char *src =
		"import os\n"
		"def popen(cmd):\n"
		"    import subprocess\n"
		"    def inner():\n"
		"        import shlex\n"
		"    return inner\n"
		"@register\n"
		"def hook():\n"
		"    import json\n"
		"@property\n"
		"def prop(self):\n"
		"    import csv\n"
		"try:\n"
		"    from _datetime import *\n"
		"except ImportError:\n"
		"    from _pydatetime import *\n"
		"x = s.encode('idna') + b.decode(\"UTF-16\") + open(p, encoding='latin-1').read()\n"
		"y = codecs.lookup('punycode'); getattr(o, 'strptime')\n"
		/* CPython's C fast paths: no codec module (but codecs.encode
		 * goes through the registry) */
		"z = s.encode('US-ASCII') + b.decode('iso8859-1') + str(b, 'latin1') + bytes(s, 'utf_16')\n"
		"w = codecs.encode(s, 'Latin-1') + s.encode('cp1252')\n"
		"__all__ = ['hidden_name']\n"
		"if __name__ == '__main__':\n"
		"    import argparse\n"
		"    only_main()\n"
		"class C:\n"
		"    def meth(self):\n"
		"        import glob\n"
		"from typing import TYPE_CHECKING\n"
		"if TYPE_CHECKING:\n"
		"    typing_only_name()\n";

	scan_names(&r, src);
	CHECK_STR(edge(&r, "os") ? edge(&r, "os")->funcs : "x", NULL);
	CHECK_STR(edge(&r, "subprocess") ? edge(&r, "subprocess")->funcs : NULL, "popen");
	CHECK_STR(edge(&r, "shlex") ? edge(&r, "shlex")->funcs : NULL, "popen.inner");
	CHECK_STR(edge(&r, "json") ? edge(&r, "json")->funcs : NULL, "@hook");
	CHECK_STR(edge(&r, "csv") ? edge(&r, "csv")->funcs : NULL, "prop"); /* @property registers nothing */
	CHECK_STR(edge(&r, "glob") ? edge(&r, "glob")->funcs : NULL, "^C.meth");
	CHECK_STR(edge(&r, "_datetime") ? edge(&r, "_datetime")->fallback_for : "x", NULL);
	CHECK_STR(edge(&r, "_pydatetime") ? edge(&r, "_pydatetime")->fallback_for : NULL, "_datetime");
	e = edge(&r, "argparse");
	CHECK(e && (e->kinds & EDGE_CONDITIONAL) && e->cond_value == 0);
	CHECK_STR(e ? e->condition : NULL, IMPORTS_MAIN_CONDITION);
	CHECK(has_name(&r, "inner"));      /* mentioned in `return inner` */
	CHECK(!has_name(&r, "popen"));     /* only defined */
	CHECK(has_name(&r, ".encode") && has_name(&r, ".lookup")); /* attributes */
	CHECK(!has_name(&r, "encode"));
	CHECK(has_name(&r, "strptime"));   /* a getattr string */
	CHECK(!has_name(&r, "hidden_name")); /* __all__ strings are not uses */
	CHECK(!has_name(&r, "only_main"));
	CHECK(!has_name(&r, "typing_only_name"));
	CHECK(!has_name(&r, "def") && !has_name(&r, "import"));
	CHECK_INT(r.s.codecs.n, 5);
	if (r.s.codecs.n == 5) {
		CHECK_STR(r.s.codecs.v[0].name, "idna");
		CHECK_STR(r.s.codecs.v[1].name, "latin-1"); /* open(): the registry */
		CHECK_STR(r.s.codecs.v[2].name, "punycode");
		CHECK_STR(r.s.codecs.v[3].name, "Latin-1");
		CHECK_STR(r.s.codecs.v[4].name, "cp1252");
	}
	done(&r);
	/* without want_names nothing is recorded */
	scan(&r, src);
	CHECK_INT(r.s.names.n, 0);
	CHECK_INT(r.s.codecs.n, 0);
	done(&r);
}

/* calls for the memory estimate's call following (the shaker's eager.c):
 * "f(" and "m.f(" for a call, "f(?opt" under `if opt:` where opt is a
 * parameter with a false default, "f(kw=" for a keyword passed a value
 * that is no false literal */
static void test_calls(void)
{
	struct result r;
	const char *src =
		"import idna\n"
		"x = setup()\n"
		"def encode(s, strict=False, uts46: bool = False, n=1, flag=True):\n"
		"    if uts46:\n"
		"        s = uts46_remap(s)\n"
		"        if strict:\n"
		"            check(s)\n"
		"    else:\n"
		"        plain(s)\n"
		"    if n:\n"
		"        counted(s)\n"
		"    if flag:\n"
		"        flagged(s)\n"
		"    s.strip().lower()\n"
		"    return alabel(s)\n"
		"def main():\n"
		"    idna.encode('x', uts46=True, strict=False, transitional=None, n=0, std3=1)\n"
		"    ref = idna.decode\n"
		"    return ref\n";

	scan_names(&r, src);
	CHECK_INT(name_in(&r, "setup(", NULL), 1);
	CHECK_INT(name_in(&r, "uts46_remap(?uts46", "encode"), 1);
	CHECK_INT(name_in(&r, "uts46_remap(", "encode"), 0);
	CHECK_INT(name_in(&r, "check(?strict", "encode"), 1); /* the innermost option */
	CHECK_INT(name_in(&r, "plain(", "encode"), 1);         /* else: the option is not passed */
	CHECK_INT(name_in(&r, "counted(", "encode"), 1);       /* n's default is no false literal */
	CHECK_INT(name_in(&r, "flagged(", "encode"), 1);       /* True: runs unless told not to */
	CHECK_INT(name_in(&r, "alabel(", "encode"), 1);
	CHECK_INT(name_in(&r, "uts46_remap", "encode"), 1);    /* the plain mention stays */
	CHECK_INT(name_in(&r, "s.strip(", "encode"), 1);
	CHECK_INT(name_in(&r, "strip.lower(", "encode"), 0);   /* a chained call is a method's */
	CHECK_INT(name_in(&r, "idna.encode(", "main"), 1);
	CHECK_INT(name_in(&r, "idna.encode(uts46=", "main"), 1);
	CHECK_INT(name_in(&r, "idna.encode(std3=", "main"), 1);
	CHECK_INT(name_in(&r, "idna.encode(strict=", "main"), 0);       /* False */
	CHECK_INT(name_in(&r, "idna.encode(transitional=", "main"), 0); /* None */
	CHECK_INT(name_in(&r, "idna.encode(n=", "main"), 0);            /* 0 */
	CHECK_INT(name_in(&r, "idna.decode(", "main"), 0);              /* named, not called */
	done(&r);
}

/* the memory model's inputs: tokens, operands (names, numbers, strings)
 * and the string literals that allocate (not '', one ASCII character or a
 * one-character escape: the interpreter's cached ones) */
static void test_counts(void)
{
	struct result r;
	scan(&r, "x = ('M', 'ab', \"\", b'\\n', '\\x41', r'\\n', f'{y}', 12, \"\"\"doc\"\"\"\"\"\"z\"\"\")\n");
	/* x = ( 10 literals, the last two adjacent, and 8 commas ) */
	CHECK_INT(r.s.file_tokens, 3 + 10 + 8 + 1);
	CHECK_INT(r.s.file_operands, 1 + 10);
	/* 'ab', '\x41' (an escape of 4 bytes: counted), r'\n' (two
	 * characters), the f-string, """doc"""; not """z""" (one character): 5 */
	CHECK_INT(r.s.file_strings, 5);
	done(&r);
}

/* an import in an `except` handler that catches no ImportError runs only
 * when that error is raised: marked on_error (hashlib's `except
 * ValueError: import logging`); one under `except ImportError:` is a
 * fallback, not on_error */
static void test_on_error(void)
{
	struct result r;
	scan(&r, "try:\n    import a\nexcept ValueError:\n    import logging\n"
		 "try:\n    import b\nexcept ImportError:\n    import c\n");
	CHECK(edge(&r, "logging") && edge(&r, "logging")->on_error);
	CHECK(edge(&r, "a") && !edge(&r, "a")->on_error);
	CHECK(edge(&r, "c") && !edge(&r, "c")->on_error);
	done(&r);
}

/* an import in a function under an if, elif, else or case of it, or in a
 * def nested in it, is a branch: calling the function need not run it;
 * one in the function's own straight-line code (loops, with, try) and
 * every module-level one are not */
static void test_branch(void)
{
	struct result r;
	scan(&r, "import top\nif X:\n    import modif\n"
		 "def f(p):\n    import first\n    for i in p:\n        import inloop\n"
		 "    with p:\n        import inwith\n"
		 "    if p:\n        import inif\n    elif q:\n        import inelif\n    else:\n        import inelse\n"
		 "    match p:\n        case 1:\n            import incase\n"
		 "    def g():\n        import nested\n    try:\n        import intry\n    finally:\n        pass\n"
		 "class C:\n    def m(self):\n        import method\n        if self:\n            import methodif\n");
	CHECK(edge(&r, "top") && !edge(&r, "top")->branch);
	CHECK(edge(&r, "modif") && !edge(&r, "modif")->branch);
	CHECK(edge(&r, "first") && !edge(&r, "first")->branch);
	CHECK(edge(&r, "inloop") && !edge(&r, "inloop")->branch);
	CHECK(edge(&r, "inwith") && !edge(&r, "inwith")->branch);
	CHECK(edge(&r, "intry") && !edge(&r, "intry")->branch);
	CHECK(edge(&r, "method") && !edge(&r, "method")->branch);
	CHECK(edge(&r, "inif") && edge(&r, "inif")->branch);
	CHECK(edge(&r, "inelif") && edge(&r, "inelif")->branch);
	CHECK(edge(&r, "inelse") && edge(&r, "inelse")->branch);
	CHECK(edge(&r, "incase") && edge(&r, "incase")->branch);
	CHECK(edge(&r, "nested") && edge(&r, "nested")->branch);
	CHECK(edge(&r, "methodif") && edge(&r, "methodif")->branch);
	done(&r);
}

/* `for NAME in ("a", "b"): __import__(NAME)` (requests.packages) imports
 * each string; a loop over anything else, or a call on another name, is
 * no edge of a string */
static void test_loop_imports(void)
{
	struct result r;
	scan(&r, "for package in (\"urllib3\", \"idna\"):\n    locals()[package] = __import__(package)\n"
		 "for m in ['json', 'csv']:\n    importlib.import_module(m)\n"
		 "for x in ('pkg.a', y):\n    __import__(x)\n"
		 "for z in ('gzip',):\n    __import__(other)\n"
		 "for c in ('lzma'):\n    __import__(c)\n"
		 "def f():\n    for n in ('bz2',):\n        __import__(n)\n");
	CHECK(edge(&r, "urllib3") && (edge(&r, "urllib3")->kinds & EDGE_DYNAMIC));
	CHECK(edge(&r, "idna") && edge(&r, "idna")->name && !strcmp(edge(&r, "idna")->name, "idna"));
	CHECK(edge(&r, "json") && edge(&r, "csv"));
	CHECK(edge(&r, "pkg.a") == NULL);
	CHECK(edge(&r, "gzip") == NULL);
	CHECK(edge(&r, "lzma") == NULL); /* a string's characters */
	CHECK(edge(&r, "bz2") && (edge(&r, "bz2")->kinds & EDGE_LAZY));
	done(&r);
}

/* the most constants of tuple and list displays in one code unit (the
 * module's code, a def's or a class's body): not a call's arguments, a
 * subscript, a dict or an f-string; a display after a keyword counts */
static void test_seq_consts(void)
{
	struct result r;
	scan(&r, "M = (1, 'a', 'bb')\n"
		 "def f():\n    x = [(0x1, 'M'), (0x2, 'M', 'x'), f(1, 2), g[1, 2]]\n"
		 "    if x in (1, 2):\n        return {'a': 1}\n"
		 "class C:\n    T = ['k', 'l', \"m\", f'x']\n    def m(self):\n        return ('p',)\n"
		 "N = [3, 4]\n");
	CHECK_INT(r.s.file_seq_consts, 7); /* f's: 2 + 3 + 2 */
	done(&r);
	scan(&r, "M = (1, 'a', 'bb')\ndef f():\n    return (1,)\nN = [3, 4]\n");
	CHECK_INT(r.s.file_seq_consts, 5); /* the module's: 3 + 2 around f */
	done(&r);
	scan(&r, "x = 1\n");
	CHECK_INT(r.s.file_seq_consts, 0);
	done(&r);
}

/* the most list, set and dict comprehensions in one code unit, each once
 * however many for clauses it has, nested ones too (all inlined into the
 * unit); not a generator expression (a unit of its own) or a for loop */
static void test_comps(void)
{
	struct result r;
	scan(&r, "A = [x for x in y]\n"
		 "def f(y):\n    a = [[x for x in z] for z in y if z]\n"
		 "    b = {k: v for k, v in y for q in k}\n    c = sum(x for x in y)\n"
		 "    d = f([x for x in y])\n    for q in y:\n        pass\n    return {q for q in y}\n"
		 "class C:\n    T = [x for x in 'ab']\n");
	CHECK_INT(r.s.file_comps, 5); /* f's: 2 + 1 + 1 + 1 */
	done(&r);
	scan(&r, "A = [x for x in y]\nB = (x for x in y)\nC = [1, 2]\nD = {x: 1 for x in y}\n"
		 "def f():\n    return [x for x in y]\n");
	CHECK_INT(r.s.file_comps, 2); /* the module's */
	done(&r);
	scan(&r, "for x in y:\n    z = (x, [1])\n");
	CHECK_INT(r.s.file_comps, 0);
	done(&r);
}

int main(void)
{
	test_counts();
	test_seq_consts();
	test_comps();
	test_on_error();
	test_branch();
	test_loop_imports();
	test_operators();
	test_statements();
	test_resolve();
	test_hostile_text();
	test_syntax_mix();
	test_tabs();
	test_guarded();
	test_typing_and_nesting();
	test_conditional();
	test_dynamic();
	test_computed();
	test_encodings();
	test_python2_and_binary();
	test_syntax_errors();
	test_truncation();
	test_deep_nesting();
	test_cond_eval();
	test_speed();
	test_shaker_facts();
	test_store_mentions();
	test_dotted_strings();
	test_shadows();
	test_local_mentions();
	test_calls();
	return TEST_DONE("test_imports");
}
