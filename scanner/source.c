/* source.c: one iterator over the members of an input, whatever it is: a
 * zip (wheels, .zip sdists; libzip), a tar (.tar.gz/.bz2/.xz sdists;
 * libarchive) or a directory (installed site-packages, app trees). Archives
 * are read in place, never extracted; reads are bounded. It does not know
 * what a wheel or a module is (distribution.c does). */
#include "scanner.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

static struct archive_limits limits = {
	ARCHIVE_DEFAULT_BYTES, 8 * ARCHIVE_DEFAULT_BYTES, ARCHIVE_DEFAULT_MEMBERS
};
static unsigned long long run_used; /* bytes inflated from archives so far */

void source_set_limits(const struct archive_limits *l)
{
	limits.archive_bytes = l->archive_bytes ? l->archive_bytes : ARCHIVE_DEFAULT_BYTES;
	limits.run_bytes = l->run_bytes ? l->run_bytes : 8 * limits.archive_bytes;
	limits.members = l->members ? l->members : ARCHIVE_DEFAULT_MEMBERS;
}

struct dir_entry {
	char *rel;  /* relative path */
	int is_dir, is_link;
	long long size;
};

struct source {
	enum source_type type;
	char *path;
	const void *mem; /* source_open_mem: the archive's bytes (borrowed) */
	size_t mem_len;
	/* zip */
	zip_t *zip;
	zip_int64_t zip_count, zip_index;
	/* tar */
	struct archive *ar;
	struct archive_entry *entry;
	int entry_read;
	unsigned long long tar_total; /* declared bytes of the members so far */
	size_t tar_members;
	struct strbuf peeked; /* tar: bytes already taken by source_peek */
	/* dir */
	VEC(struct dir_entry) dir;
	size_t dir_index;
	/* current member */
	struct strbuf name;
	struct member cur;
	int have_cur;
};

enum source_type source_type(const struct source *s) { return s->type; }
const char *source_path(const struct source *s) { return s->path; }

/* The type from the first n bytes of the input (n may be short). */
static int sniff_head(const char *path, const unsigned char *head, size_t n,
		      enum source_type *type, struct perr *err)
{
	if (n == 0)
		return perr_set(err, PM_INPUT, "'%s': empty file", path);
	if (n >= 4 && head[0] == 'P' && head[1] == 'K' &&
	    ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
		*type = SRC_ZIP;
		return 0;
	}
	if ((n >= 2 && head[0] == 0x1f && head[1] == 0x8b) ||
	    (n >= 3 && !memcmp(head, "BZh", 3)) ||
	    (n >= 6 && !memcmp(head, "\xfd" "7zXZ\0", 6)) ||
	    (n >= 4 && !memcmp(head, "\x28\xb5\x2f\xfd", 4)) ||
	    (n >= 262 && !memcmp(head + 257, "ustar", 5))) {
		*type = SRC_TAR;
		return 0;
	}
	if (ends_with_ci(path, ".whl") || ends_with_ci(path, ".zip"))
		return perr_set(err, PM_INPUT, "'%s': not a zip archive", path);
	if (ends_with_ci(path, ".tar.gz") || ends_with_ci(path, ".tgz") ||
	    ends_with_ci(path, ".tar.bz2") || ends_with_ci(path, ".tar.xz"))
		return perr_set(err, PM_INPUT, "'%s': not a compressed tar archive", path);
	return perr_set(err, PM_INPUT, "'%s': unknown file type (expected a wheel, an sdist, "
			"a requirements file or a directory)", path);
}

static int sniff(const char *path, enum source_type *type, struct perr *err)
{
	unsigned char head[512];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return perr_set(err, PM_INPUT, "'%s': %s", path, strerror(errno));
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return sniff_head(path, head, n, type, err);
}

/* The zip's structure checked whole before libzip trusts any of it; the
 * file is mapped, not read, so a large wheel costs no memory. */
static int zip_check_file(const char *path, struct perr *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *map;
	int rc;

	if (fd < 0)
		return perr_set(err, PM_INPUT, "'%s': %s", path, strerror(errno));
	if (fstat(fd, &st) || st.st_size <= 0) {
		close(fd);
		return perr_set(err, PM_INPUT, "'%s': unreadable zip archive", path);
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return perr_set(err, PM_INPUT, "'%s': %s", path, strerror(errno));
	rc = zipcheck(map, (size_t)st.st_size, path, &limits, err);
	munmap(map, (size_t)st.st_size);
	return rc;
}

/* Counts bytes inflated against the run's budget. */
static int run_charge(struct source *s, const char *name, size_t n, struct perr *err)
{
	if (n > limits.run_bytes - run_used) {
		struct arena a = ARENA_INIT;
		int r = perr_set(err, PM_INPUT, "'%s': member '%s': the run inflates more than %llu "
				 "bytes from archives (8 x --max-archive-size)", s->path,
				 printable(&a, name, strlen(name)), limits.run_bytes);
		arena_release(&a);
		return r;
	}
	run_used += n;
	return 0;
}

static int tar_open(struct source *s, struct perr *err)
{
	s->ar = archive_read_new();
	archive_read_support_filter_all(s->ar);
	archive_read_support_format_tar(s->ar);
	archive_read_support_format_gnutar(s->ar);
	if ((s->mem ? archive_read_open_memory(s->ar, s->mem, s->mem_len)
		    : archive_read_open_filename(s->ar, s->path, 65536)) != ARCHIVE_OK) {
		int r = perr_set(err, PM_INPUT, "'%s': %s", s->path, archive_error_string(s->ar));
		archive_read_free(s->ar);
		s->ar = NULL;
		return r;
	}
	return 0;
}

static int cmp_dir_entry(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->rel, ((const struct dir_entry *)b)->rel);
}

/* A path in the tree that cannot be listed or looked at: an error naming
 * it, never a silent skip (a module there would go unaudited). The reason
 * comes first, then the path's last 240 bytes (it may not fit whole). */
static int dir_fail(struct source *s, const char *rel, int e, struct perr *err)
{
	struct arena a = ARENA_INIT;
	size_t n = strlen(rel), tail = n > 240 ? 240 : n;
	int r = perr_set(err, PM_INPUT, "'%s': cannot read the tree (%s, %zu bytes deep): '%s%s'",
			 s->path, strerror(e), n, tail < n ? "..." : "",
			 printable(&a, rel + n - tail, tail));

	arena_release(&a);
	return r;
}

/* a regular file listed without an lstat: dir_size takes it when asked */
#define DIR_SIZE_UNKNOWN (-2)

/* e's size, by an lstat the first time (-1 when that fails) */
static long long dir_size(struct source *s, struct dir_entry *e)
{
	if (e->size == DIR_SIZE_UNKNOWN) {
		struct stat st;
		char *full = path_join(s->path, e->rel);
		e->size = lstat(full, &st) ? -1 : (long long)st.st_size;
		free(full);
	}
	return e->size;
}

/* Lists the whole tree up front (names only), sorted, without following
 * symlinks (d_type says what an entry is where the file system tells;
 * else an lstat); iterative, so depth cannot exhaust the stack. */
static int dir_list(struct source *s, struct perr *err)
{
	VEC(char *) todo = VEC_INIT;
	int rc = 0;

	*VEC_PUSH(&todo) = xstrdup("");
	while (todo.n) {
		char *rel = todo.v[--todo.n];
		char *full = *rel ? path_join(s->path, rel) : xstrdup(s->path);
		DIR *d = opendir(full);
		struct dirent *de;

		if (!d) {
			rc = *rel ? dir_fail(s, rel, errno, err)
				  : perr_set(err, PM_INPUT, "'%s': %s", full, strerror(errno));
			free(full);
			free(rel);
			break;
		}
		while ((de = readdir(d))) {
			struct stat st;
			struct dir_entry *e;
			char *child;

			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			if (de->d_type == DT_REG) {
				/* a regular file: its size is taken when it is
				 * read (dir_size), not an lstat per entry */
				e = VEC_PUSH(&s->dir);
				e->rel = *rel ? path_join(rel, de->d_name) : xstrdup(de->d_name);
				e->is_dir = e->is_link = 0;
				e->size = DIR_SIZE_UNKNOWN;
				continue;
			}
			child = path_join(full, de->d_name);
			if (lstat(child, &st)) {
				int why = errno;
				char *crel = *rel ? path_join(rel, de->d_name) : xstrdup(de->d_name);

				free(child);
				rc = dir_fail(s, crel, why, err);
				free(crel);
				break;
			}
			free(child);
			e = VEC_PUSH(&s->dir);
			e->rel = *rel ? path_join(rel, de->d_name) : xstrdup(de->d_name);
			e->is_dir = S_ISDIR(st.st_mode);
			e->is_link = S_ISLNK(st.st_mode);
			e->size = st.st_size;
			if (e->is_dir && strcmp(de->d_name, "__pycache__") &&
			    strcmp(de->d_name, ".git") && strcmp(de->d_name, "node_modules"))
				*VEC_PUSH(&todo) = xstrdup(e->rel);
		}
		closedir(d);
		free(full);
		free(rel);
		if (rc)
			break;
	}
	while (todo.n)
		free(todo.v[--todo.n]);
	VEC_FREE(&todo);
	if (s->dir.n)
		qsort(s->dir.v, s->dir.n, sizeof(*s->dir.v), cmp_dir_entry);
	return rc;
}

int source_open(struct source **out, const char *path, struct perr *err)
{
	struct source *s = xcalloc(1, sizeof(*s));
	int rc = 0, zerr = 0;

	strbuf_init(&s->name, 0);
	strbuf_init(&s->peeked, 0);
	s->path = xstrdup(path);
	*out = NULL;
	if (path_is_dir(path)) {
		s->type = SRC_DIR;
		rc = dir_list(s, err);
	} else if (!(rc = sniff(path, &s->type, err))) {
		if (s->type == SRC_ZIP && (rc = zip_check_file(path, err))) {
			;
		} else if (s->type == SRC_ZIP) {
			s->zip = zip_open(path, ZIP_RDONLY, &zerr);
			if (!s->zip) {
				zip_error_t ze;
				zip_error_init_with_code(&ze, zerr);
				rc = perr_set(err, PM_INPUT, "'%s': unreadable zip archive: %s", path,
					      zip_error_strerror(&ze));
				zip_error_fini(&ze);
			} else {
				s->zip_count = zip_get_num_entries(s->zip, 0);
			}
		} else {
			rc = tar_open(s, err);
		}
	}
	if (rc) {
		source_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

int source_open_mem(struct source **out, const char *name, const void *data, size_t n,
		    struct perr *err)
{
	struct source *s = xcalloc(1, sizeof(*s));
	int rc;

	strbuf_init(&s->name, 0);
	strbuf_init(&s->peeked, 0);
	s->path = xstrdup(name);
	s->mem = data;
	s->mem_len = n;
	*out = NULL;
	rc = sniff_head(name, data, n < 512 ? n : 512, &s->type, err);
	if (!rc && s->type == SRC_ZIP && !(rc = zipcheck(data, n, name, &limits, err))) {
		zip_error_t ze;
		zip_source_t *zs;

		zip_error_init(&ze);
		if (!(zs = zip_source_buffer_create(data, n, 0, &ze)) ||
		    !(s->zip = zip_open_from_source(zs, ZIP_RDONLY, &ze))) {
			rc = perr_set(err, PM_INPUT, "'%s': unreadable zip archive: %s", name,
				      zip_error_strerror(&ze));
			zip_source_free(zs);
		} else {
			s->zip_count = zip_get_num_entries(s->zip, 0);
		}
		zip_error_fini(&ze);
	} else if (!rc) {
		rc = tar_open(s, err);
	}
	if (rc) {
		source_close(s);
		return rc;
	}
	*out = s;
	return 0;
}

static void set_name(struct source *s, const char *name, size_t n)
{
	strbuf_reset(&s->name);
	strbuf_add(&s->name, name, n);
	s->cur.name = s->name.buf;
	s->cur.name_ok = utf8_valid_prefix((const unsigned char *)name, n) == n &&
			 strlen(s->name.buf) == n && path_is_safe_member(s->name.buf);
}

/* libarchive's words for data that ends early ("Truncated input file",
 * "Truncated tar archive detected while reading data") */
static int ar_truncated(struct archive *ar)
{
	const char *e = archive_error_string(ar);
	return e && strcasestr(e, "truncated");
}

int source_next(struct source *s, struct member *m, struct perr *err)
{
	/* a tar member's data is skipped by the next header read: what it
	 * declared is needed to say it was truncated */
	long long prev_size = s->have_cur ? s->cur.size : -1;
	char prev[256];

	{
		const char *pn = s->have_cur && s->cur.name ? s->cur.name : "";
		size_t pl = strnlen(pn, sizeof(prev) - 1);
		memcpy(prev, pn, pl); /* per member: no printf */
		prev[pl] = 0;
	}
	memset(&s->cur, 0, sizeof(s->cur));
	s->have_cur = 0;
	strbuf_reset(&s->peeked);
	if (s->type == SRC_ZIP) {
		zip_stat_t st;
		const char *raw;

		if (s->zip_index >= s->zip_count)
			return 0;
		zip_stat_init(&st);
		if (zip_stat_index(s->zip, (zip_uint64_t)s->zip_index, ZIP_FL_ENC_RAW, &st) ||
		    !(st.valid & ZIP_STAT_NAME)) {
			perr_set(err, PM_INPUT, "'%s': corrupt zip entry #%lld: %s", s->path,
				 (long long)s->zip_index, zip_strerror(s->zip));
			return -PM_INPUT;
		}
		raw = st.name;
		set_name(s, raw, strlen(raw));
		s->cur.size = (st.valid & ZIP_STAT_SIZE) ? (long long)st.size : -1;
		s->cur.is_dir = ends_with(raw, "/");
		s->zip_index++;
	} else if (s->type == SRC_TAR) {
		int r = archive_read_next_header(s->ar, &s->entry);
		const char *name;

		if (r == ARCHIVE_EOF)
			return 0;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			if (*prev && prev_size > 0 && ar_truncated(s->ar))
				perr_set(err, PM_INPUT, "'%s': member '%s' is truncated: declares %lld bytes, "
					 "the archive ends before them", s->path, prev, prev_size);
			else
				perr_set(err, PM_INPUT, "'%s': corrupt tar archive: %s", s->path,
					 archive_error_string(s->ar));
			return -PM_INPUT;
		}
		name = archive_entry_pathname(s->entry);
		if (!name)
			name = "";
		if (starts_with(name, "./"))
			name += 2;
		set_name(s, name, strlen(name));
		s->cur.size = archive_entry_size_is_set(s->entry) ? (long long)archive_entry_size(s->entry) : -1;
		/* every member is inflated to reach the next one, so each counts */
		if (++s->tar_members > limits.members) {
			perr_set(err, PM_INPUT, "'%s': more than the limit of %zu members", s->path,
				 limits.members);
			return -PM_INPUT;
		}
		if (s->cur.size > 0 &&
		    (unsigned long long)s->cur.size > limits.archive_bytes - s->tar_total) {
			perr_set(err, PM_INPUT, "'%s': member '%s': the archive inflates to more than "
				 "%llu bytes (--max-archive-size)", s->path, s->cur.name,
				 limits.archive_bytes);
			return -PM_INPUT;
		}
		if (s->cur.size > 0)
			s->tar_total += (unsigned long long)s->cur.size;
		s->cur.is_dir = archive_entry_filetype(s->entry) == AE_IFDIR;
		s->cur.is_link = archive_entry_filetype(s->entry) == AE_IFLNK ||
				 archive_entry_hardlink(s->entry) != NULL;
		s->entry_read = 0;
	} else {
		struct dir_entry *e;

		if (s->dir_index >= s->dir.n)
			return 0;
		e = &s->dir.v[s->dir_index++];
		set_name(s, e->rel, strlen(e->rel));
		s->cur.size = dir_size(s, e);
		s->cur.is_dir = e->is_dir;
		s->cur.is_link = e->is_link;
	}
	s->have_cur = 1;
	*m = s->cur;
	return 1;
}

static int too_big(struct source *s, const char *name, size_t max, struct perr *err)
{
	return perr_set(err, PM_INPUT, "'%s': member '%s' is larger than %zu bytes", s->path,
			name, max);
}

static int zip_read_index(struct source *s, zip_uint64_t idx, const char *name,
			  struct strbuf *out, size_t max, struct perr *err)
{
	zip_file_t *zf;
	char chunk[65536];
	size_t total = 0;
	zip_int64_t n;
	zip_stat_t st;
	uLong crc = crc32(0, Z_NULL, 0);
	int rc = 0;

	/* inflation stops at the declared size and the CRC is checked here,
	 * whatever the method: libzip's own checks do not cover every case */
	zip_stat_init(&st);
	if (zip_stat_index(s->zip, idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE) ||
	    !(st.valid & ZIP_STAT_CRC))
		return perr_set(err, PM_INPUT, "'%s': cannot read member '%s': %s", s->path, name,
				zip_strerror(s->zip));
	if (st.size > max)
		return too_big(s, name, max, err);
	if (!(zf = zip_fopen_index(s->zip, idx, 0)))
		return perr_set(err, PM_INPUT, "'%s': cannot read member '%s': %s", s->path, name,
				zip_strerror(s->zip));
	while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		total += (size_t)n;
		if (total > st.size) {
			rc = perr_set(err, PM_INPUT, "'%s': member '%s' declares %llu bytes but "
				      "inflates past them", s->path, name, (unsigned long long)st.size);
			break;
		}
		if ((rc = run_charge(s, name, (size_t)n, err)))
			break;
		crc = crc32(crc, (const Bytef *)chunk, (uInt)n);
		strbuf_add(out, chunk, (size_t)n);
	}
	if (!rc && n < 0)
		rc = perr_set(err, PM_INPUT, "'%s': corrupt member '%s': %s", s->path, name,
			      zip_file_strerror(zf));
	else if (!rc && total != st.size)
		rc = perr_set(err, PM_INPUT, "'%s': member '%s' is truncated: declares %llu bytes, "
			      "inflates to %zu", s->path, name, (unsigned long long)st.size, total);
	else if (!rc && crc != st.crc)
		rc = perr_set(err, PM_INPUT, "'%s': member '%s' fails its CRC check", s->path, name);
	zip_fclose(zf);
	return rc;
}

static int file_read(struct source *s, const char *rel, struct strbuf *out, size_t max,
		     struct perr *err)
{
	char *full = path_join(s->path, rel);
	int rc = strbuf_read_file(out, full, max, err);

	free(full);
	if (rc && strstr(err->msg, "larger than"))
		return too_big(s, rel, max, err);
	return rc;
}

int source_read(struct source *s, struct strbuf *out, size_t max, struct perr *err)
{
	const char *name = s->cur.name ? s->cur.name : "";

	if (!s->have_cur || s->cur.is_dir || s->cur.is_link)
		return perr_set(err, PM_INPUT, "'%s': member '%s' is not a regular file", s->path, name);
	if (s->cur.size > 0 && (unsigned long long)s->cur.size > max)
		return too_big(s, name, max, err);
	if (s->type == SRC_ZIP)
		return zip_read_index(s, (zip_uint64_t)(s->zip_index - 1), name, out, max, err);
	if (s->type == SRC_DIR)
		return file_read(s, name, out, max, err);
	if (s->entry_read)
		return perr_set(err, PM_INPUT, "'%s': member '%s' read twice", s->path, name);
	s->entry_read = 1;
	{
		char chunk[65536];
		size_t total = s->peeked.len;
		la_ssize_t n;

		strbuf_add(out, s->peeked.buf, s->peeked.len);

		while ((n = archive_read_data(s->ar, chunk, sizeof(chunk))) > 0) {
			total += (size_t)n;
			if (total > max)
				return too_big(s, name, max, err);
			if (run_charge(s, name, (size_t)n, err))
				return PM_INPUT;
			strbuf_add(out, chunk, (size_t)n);
		}
		if (n < 0 && s->cur.size > 0 && ar_truncated(s->ar))
			return perr_set(err, PM_INPUT, "'%s': member '%s' is truncated: declares %lld "
					"bytes, the archive ends after %zu", s->path, name, s->cur.size, total);
		if (n < 0)
			return perr_set(err, PM_INPUT, "'%s': corrupt member '%s': %s", s->path, name,
					archive_error_string(s->ar));
	}
	return 0;
}

long source_peek(struct source *s, unsigned char *buf, size_t n, struct perr *err)
{
	const char *name = s->cur.name ? s->cur.name : "";

	if (!s->have_cur || s->cur.is_dir || s->cur.is_link)
		return 0;
	if (s->type == SRC_ZIP) {
		zip_file_t *zf = zip_fopen_index(s->zip, (zip_uint64_t)(s->zip_index - 1), 0);
		zip_int64_t got = 0, r = 0;

		if (!zf) {
			perr_set(err, PM_INPUT, "'%s': cannot read member '%s': %s", s->path, name,
				 zip_strerror(s->zip));
			return -1;
		}
		while ((size_t)got < n && (r = zip_fread(zf, buf + got, n - (size_t)got)) > 0)
			got += r;
		zip_fclose(zf);
		if (r < 0) {
			perr_set(err, PM_INPUT, "'%s': corrupt member '%s'", s->path, name);
			return -1;
		}
		if (s->cur.size >= 0 && got > s->cur.size) {
			perr_set(err, PM_INPUT, "'%s': member '%s' declares %lld bytes but inflates "
				 "past them", s->path, name, s->cur.size);
			return -1;
		}
		return (long)got;
	}
	if (s->type == SRC_DIR) {
		char *full = path_join(s->path, name);
		FILE *f = fopen(full, "rb");
		size_t got;

		free(full);
		if (!f) {
			perr_set(err, PM_INPUT, "'%s': cannot read '%s': %s", s->path, name, strerror(errno));
			return -1;
		}
		got = fread(buf, 1, n, f);
		fclose(f);
		return (long)got;
	}
	if (s->entry_read)
		return 0;
	while (s->peeked.len < n) {
		la_ssize_t r = archive_read_data(s->ar, buf, n - s->peeked.len);
		if (r < 0) {
			if (s->cur.size > 0 && ar_truncated(s->ar))
				perr_set(err, PM_INPUT, "'%s': member '%s' is truncated: declares %lld bytes, "
					 "the archive ends before them", s->path, name, s->cur.size);
			else
				perr_set(err, PM_INPUT, "'%s': corrupt member '%s': %s", s->path, name,
					 archive_error_string(s->ar));
			return -1;
		}
		if (r == 0)
			break;
		strbuf_add(&s->peeked, buf, (size_t)r);
	}
	memcpy(buf, s->peeked.buf, s->peeked.len);
	return (long)s->peeked.len;
}

int source_read_named(struct source *s, const char *name, struct strbuf *out, size_t max,
		      struct perr *err)
{
	if (s->type == SRC_ZIP) {
		zip_int64_t idx = zip_name_locate(s->zip, name, ZIP_FL_ENC_RAW);
		zip_stat_t st;

		if (idx < 0)
			return perr_set(err, PM_INPUT, "'%s': no member '%s'", s->path, name);
		zip_stat_init(&st);
		if (!zip_stat_index(s->zip, (zip_uint64_t)idx, 0, &st) && (st.valid & ZIP_STAT_SIZE) &&
		    st.size > max)
			return too_big(s, name, max, err);
		return zip_read_index(s, (zip_uint64_t)idx, name, out, max, err);
	}
	if (s->type == SRC_DIR) {
		if (!path_is_safe_member(name))
			return perr_set(err, PM_INPUT, "'%s': unsafe member name '%s'", s->path, name);
		return file_read(s, name, out, max, err);
	}
	return perr_set(err, PM_INPUT, "'%s': tar archives are read in order", s->path);
}

static int cmp_rel(const void *key, const void *e)
{
	return strcmp(key, ((const struct dir_entry *)e)->rel);
}

int source_seek(struct source *s, const char *name, struct member *m)
{
	memset(&s->cur, 0, sizeof(s->cur));
	s->have_cur = 0;
	if (s->type == SRC_ZIP) {
		zip_int64_t idx = zip_name_locate(s->zip, name, ZIP_FL_ENC_RAW);
		zip_stat_t st;

		if (idx < 0)
			return 0;
		zip_stat_init(&st);
		zip_stat_index(s->zip, (zip_uint64_t)idx, 0, &st);
		set_name(s, name, strlen(name));
		s->cur.size = (st.valid & ZIP_STAT_SIZE) ? (long long)st.size : -1;
		s->cur.is_dir = ends_with(name, "/");
		s->zip_index = idx + 1;
	} else if (s->type == SRC_DIR) {
		struct dir_entry *e = s->dir.n ? bsearch(name, s->dir.v, s->dir.n, sizeof(*s->dir.v), cmp_rel) : NULL;

		if (!e)
			return 0;
		set_name(s, e->rel, strlen(e->rel));
		s->cur.size = dir_size(s, e);
		s->cur.is_dir = e->is_dir;
		s->cur.is_link = e->is_link;
	} else {
		return 0;
	}
	s->have_cur = 1;
	*m = s->cur;
	return 1;
}

int source_rewind(struct source *s, struct perr *err)
{
	s->have_cur = 0;
	if (s->type == SRC_ZIP) {
		s->zip_index = 0;
	} else if (s->type == SRC_DIR) {
		s->dir_index = 0;
	} else {
		archive_read_free(s->ar);
		s->ar = NULL;
		return tar_open(s, err);
	}
	return 0;
}

void source_close(struct source *s)
{
	if (!s)
		return;
	if (s->zip)
		zip_discard(s->zip);
	if (s->ar)
		archive_read_free(s->ar);
	for (size_t i = 0; i < s->dir.n; i++)
		free(s->dir.v[i].rel);
	VEC_FREE(&s->dir);
	strbuf_release(&s->name);
	strbuf_release(&s->peeked);
	free(s->path);
	free(s);
}
