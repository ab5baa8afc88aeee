/* marker_dump.c: a test driver, not a unit test: reads marker string
 * bodies, one a line on stdin, and prints for each what marker_parse
 * (lines up to 4 KiB) decodes `os_name == '<body>'` to: its code points in hex, space-separated
 * ("-" for the empty string), or "!" and the error. tests/suites/unicode-names
 * compares it with Python's ast.literal_eval.
 *   -v  print the Unicode version of the name table first
 *   -x  decode `extra == '<body>'` instead: the string normalized as an
 *       extra name (Python's str.lower, then -_. runs as '-') */
#include "../../resolver/resolver.h"
#include "../../resolver/leaf.h"

#include <string.h>

/* the code points of a decoded string (C0 80 is the NUL of an escape) */
static void print_cps(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int any = 0;

	while (*p) {
		uint32_t cp;
		int len = p[0] < 0x80 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
		cp = len == 1 ? p[0] : (uint32_t)(p[0] & (0x7f >> len));
		for (int k = 1; k < len && p[k]; k++)
			cp = cp << 6 | (p[k] & 0x3f);
		printf("%s%X", any ? " " : "", cp);
		any = 1;
		p += len;
	}
	printf("%s\n", any ? "" : "-");
}

int main(int argc, char **argv)
{
	struct strbuf src = STRBUF_INIT;
	char line[4096];

	const char *var = "os_name";

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			printf("%s\n", uniname_version());
		else if (!strcmp(argv[i], "-x"))
			var = "extra";
	}
	while (fgets(line, sizeof(line), stdin)) {
		struct arena a = ARENA_INIT;
		struct perr err = PERR_INIT;
		const struct marker *m;
		line[strcspn(line, "\n")] = '\0';
		strbuf_reset(&src);
		strbuf_addf(&src, "%s == '%s'", var, line);
		if (marker_parse(&m, src.buf, src.len, &a, &err, NULL))
			printf("! %s\n", err.msg);
		else
			print_cps(m->rhs);
		arena_release(&a);
	}
	strbuf_release(&src);
	return 0;
}
