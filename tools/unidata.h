/* unidata.h: what tools/gen-uninames.c and tools/gen-unicase.c share to
 * read the Unicode Character Database of Debian's unicode-data package:
 * the error exit, opening a file of it, and a field of a line. Each tool
 * includes it once, after defining UNIDATA_PROG (its name in messages).
 * Build-time tools only: nothing here is linked into pymode-pkg. */
#ifndef UNIDATA_H
#define UNIDATA_H
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "%s: ", UNIDATA_PROG);
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(1);
}

static FILE *open_data(const char *dir, const char *file, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", dir, file);
	if (!(f = fopen(path, "r")))
		die("cannot read %s: %s (Debian's unicode-data package has it: tools/install-deps "
		    "installs it)", path, strerror(errno));
	return f;
}

/* field k (0-based) of a ';'-separated line (a '#' ends it), trimmed */
static const char *field(const char *line, int k, char *buf, size_t size)
{
	const char *p = line;
	size_t len;

	for (int i = 0; i < k; i++) {
		p = strpbrk(p, ";#");
		if (!p || *p == '#')
			return NULL;
		p++;
	}
	len = strcspn(p, ";#\r\n");
	while (len && p[len - 1] == ' ')
		len--;
	while (len && *p == ' ')
		p++, len--;
	if (len >= size)
		return NULL;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

#endif
