/* test_sdist.c: sdist native-build detection from member names,
 * pyproject.toml, setup.py (comments and strings do not count) and
 * setup.cfg; pure-Python sdists must stay pure. */
#include "../../common/common.h"
#include "../../scanner/scanner.h"
#include "test.h"

#include <stdlib.h>

struct sb {
	struct arena a;
	struct sdist_build b;
};

static void start(struct sb *s)
{
	memset(s, 0, sizeof(*s));
	s->b.arena = &s->a;
}

static void finish(struct sb *s)
{
	sdist_build_release(&s->b);
	arena_release(&s->a);
}

static const struct build_reason *reason(struct sb *s, const char *why)
{
	for (size_t i = 0; i < s->b.reasons.n; i++)
		if (!strcmp(s->b.reasons.v[i].why, why))
			return &s->b.reasons.v[i];
	return NULL;
}

static void test_files(void)
{
	static const char *const native[] = {
		"pkg-1.0/src/_speed.c", "pkg-1.0/x.CPP", "pkg-1.0/a.pyx", "pkg-1.0/a.pxd",
		"pkg-1.0/src/lib.rs", "pkg-1.0/Cargo.toml", "pkg-1.0/CMakeLists.txt",
		"pkg-1.0/meson.build", "pkg-1.0/f/solve.f90", "pkg-1.0/include/x.h", "p/x.cc",
	};
	static const char *const pure[] = {
		"pkg-1.0/pkg/__init__.py", "pkg-1.0/README.md", "pkg-1.0/setup.py",
		"pkg-1.0/pyproject.toml", "pkg-1.0/docs/conf.py", "pkg-1.0/c", "pkg-1.0/.c",
		"pkg-1.0/data.csv", "pkg-1.0/Cargo.lock", "pkg-1.0/meson_options.txt",
	};
	struct sb s;

	for (size_t i = 0; i < sizeof(native) / sizeof(native[0]); i++) {
		start(&s);
		sdist_note_file(&s.b, native[i]);
		if (!s.b.needs_native)
			fprintf(stderr, "  not native: %s\n", native[i]);
		CHECK(s.b.needs_native && s.b.reasons.n == 1 && s.b.reasons.v[0].line == 0);
		finish(&s);
	}
	start(&s);
	for (size_t i = 0; i < sizeof(pure) / sizeof(pure[0]); i++)
		sdist_note_file(&s.b, pure[i]);
	CHECK_INT(s.b.needs_native, 0);
	CHECK_INT(s.b.reasons.n, 0);
	/* many C files: one reason per kind */
	sdist_note_file(&s.b, "p/a.c");
	sdist_note_file(&s.b, "p/b.c");
	sdist_note_file(&s.b, "p/lib.rs");
	CHECK_INT(s.b.reasons.n, 2);
	CHECK(reason(&s, "C source") && !strcmp(reason(&s, "C source")->file, "p/a.c"));
	CHECK(reason(&s, "Rust source") != NULL);
	finish(&s);
}

static void read_pyproject(struct sb *s, const char *text)
{
	start(s);
	sdist_read_pyproject(&s->b, "pyproject.toml", text, strlen(text));
}

static void test_pyproject(void)
{
	struct sb s;
	const struct build_reason *r;

	read_pyproject(&s, "[project]\nname = \"x\"\ndependencies = [\n  \"cffi\",\n]\n"
			   "[build-system]\nrequires = [\"maturin>=1.0,<2.0\"]\n"
			   "build-backend = \"maturin\"\n");
	CHECK_INT(s.b.needs_native, 1);
	CHECK_STR(s.b.backend, "maturin");
	r = reason(&s, "build-backend 'maturin'");
	CHECK(r && r->line == 8);
	CHECK(reason(&s, "build requires 'maturin'") && reason(&s, "build requires 'maturin'")->line == 7);
	CHECK(reason(&s, "build requires 'cffi'") == NULL); /* a runtime dependency */
	finish(&s);

	read_pyproject(&s, "# comment [build-system]\n"
			   "[build-system]\n"
			   "requires = [\n"
			   "    'setuptools>=61',  # a comment, with 'quotes'\n"
			   "    \"wheel\",\n"
			   "    \"Cython>=3\",\n"
			   "]\n"
			   "build-backend = 'setuptools.build_meta'\n"
			   "[tool.x]\nbuild-backend = \"maturin\"\n");
	CHECK_INT(s.b.needs_native, 1);
	CHECK_STR(s.b.backend, "setuptools.build_meta");
	r = reason(&s, "build requires 'cython'");
	CHECK(r && r->line == 6);
	CHECK(reason(&s, "build-backend 'maturin'") == NULL);
	finish(&s);

	read_pyproject(&s, "[build-system]\nrequires = [\"setuptools\", \"setuptools-scm[toml]>=6\"]\n"
			   "build-backend = \"setuptools.build_meta\"\n");
	CHECK_INT(s.b.needs_native, 0);
	CHECK_STR(s.b.backend, "setuptools.build_meta");
	finish(&s);

	read_pyproject(&s, "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n");
	CHECK_INT(s.b.needs_native, 0);
	finish(&s);

	static const char *const native_backends[] = {
		"scikit_build_core.build", "mesonpy", "maturin",
	};
	for (size_t i = 0; i < 3; i++) {
		char buf[200];
		snprintf(buf, sizeof(buf), "[build-system]\nbuild-backend = \"%s\"\n", native_backends[i]);
		read_pyproject(&s, buf);
		CHECK_INT(s.b.needs_native, 1);
		finish(&s);
	}
	static const char *const native_requires[] = {
		"setuptools-rust", "setuptools_rust>=1", "scikit-build-core", "meson-python",
		"pybind11>=2.10", "cffi>=1.0; platform_python_implementation != 'PyPy'", "nanobind",
	};
	for (size_t i = 0; i < sizeof(native_requires) / sizeof(native_requires[0]); i++) {
		char buf[300];
		snprintf(buf, sizeof(buf), "[build-system]\nrequires = [\"setuptools\", \"%s\"]\n",
			 native_requires[i]);
		read_pyproject(&s, buf);
		if (!s.b.needs_native)
			fprintf(stderr, "  not native: %s\n", native_requires[i]);
		CHECK_INT(s.b.needs_native, 1);
		finish(&s);
	}
	/* hostile: unterminated everything */
	read_pyproject(&s, "[build-system\nrequires = [\"cffi");
	CHECK_INT(s.b.needs_native, 0);
	finish(&s);
	read_pyproject(&s, "[build-system]\nrequires = ['cython'");
	CHECK_INT(s.b.needs_native, 1);
	finish(&s);
}

static void read_setup(struct sb *s, const char *text)
{
	start(s);
	sdist_read_setup_py(&s->b, "setup.py", text, strlen(text));
}

static void test_setup_py(void)
{
	struct sb s;
	const struct build_reason *r;

	read_setup(&s, "from setuptools import setup, find_packages\n"
		       "# Extension( is mentioned in a comment, ext_modules=[x] too\n"
		       "\"\"\"cythonize(...) in a docstring; cffi_modules=['x']\"\"\"\n"
		       "setup(name='x', packages=find_packages(), ext_modules=[],\n"
		       "      description='no Extension( here')\n");
	CHECK_INT(s.b.needs_native, 0);
	CHECK_INT(s.b.reasons.n, 0);
	finish(&s);

	read_setup(&s, "from setuptools import setup, Extension\n"
		       "from Cython.Build import cythonize\n"
		       "exts = [Extension('x._speed',\n"
		       "                  ['x/_speed.c'])]\n"
		       "setup(\n"
		       "    ext_modules=cythonize(exts),\n"
		       "    cffi_modules=['build.py:ffi'],\n"
		       "    rust_extensions=[RustExtension('x.rs')],\n"
		       ")\n");
	CHECK_INT(s.b.needs_native, 1);
	r = reason(&s, "Extension( in setup.py");
	CHECK(r && r->line == 3);
	r = reason(&s, "cythonize( in setup.py");
	CHECK(r && r->line == 6);
	r = reason(&s, "ext_modules in setup.py");
	CHECK(r && r->line == 6);
	r = reason(&s, "cffi_modules in setup.py");
	CHECK(r && r->line == 7);
	r = reason(&s, "rust_extensions in setup.py");
	CHECK(r && r->line == 8);
	finish(&s);

	read_setup(&s, "import setuptools\nsetuptools.setup(ext_modules=[setuptools.Extension('a', ['a.c'])])\n");
	CHECK_INT(s.b.needs_native, 1);
	finish(&s);

	/* Python 2 setup.py and garbage must not crash */
	read_setup(&s, "print 'x'\nsetup(ext_modules = [Extension('a', sources=['a.c'])]\n");
	CHECK_INT(s.b.needs_native, 1);
	finish(&s);
	read_setup(&s, "'''unterminated\nExtension(");
	CHECK_INT(s.b.needs_native, 0);
	finish(&s);
}

static void read_cfg(struct sb *s, const char *text)
{
	start(s);
	sdist_read_setup_cfg(&s->b, "setup.cfg", text, strlen(text));
}

static void test_setup_cfg(void)
{
	struct sb s;

	read_cfg(&s, "[metadata]\nname = x\n[options]\npackages = find:\ninstall_requires =\n    cffi\n");
	CHECK_INT(s.b.needs_native, 0);
	finish(&s);
	read_cfg(&s, "[options]\nsetup_requires =\n    setuptools\n    cffi>=1.0\n[options.packages.find]\n");
	CHECK_INT(s.b.needs_native, 1);
	CHECK(reason(&s, "setup_requires 'cffi'") && reason(&s, "setup_requires 'cffi'")->line == 4);
	finish(&s);
	read_cfg(&s, "[options]\nsetup_requires = Cython; setuptools\n");
	CHECK_INT(s.b.needs_native, 1);
	finish(&s);
	read_cfg(&s, "[ext_modules]\nfoo = x.c\n");
	CHECK_INT(s.b.needs_native, 1);
	finish(&s);
}

int main(void)
{
	test_files();
	test_pyproject();
	test_setup_py();
	test_setup_cfg();
	return TEST_DONE("test_sdist");
}
