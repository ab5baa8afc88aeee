/* resolve.h: private interfaces between the resolver's pieces: the solver
 * core and the provider it asks (solver.c), index pages parsed into files
 * (index_html.c), the index client (index.c) and the download cache
 * (cache.c). Not for other stages: the public interface is resolver.h.
 *
 * Ownership: strings and arrays are arena memory of the struct that hands
 * them out (the solver's or the index client's arena).
 */
#ifndef PYMODE_RESOLVE_H
#define PYMODE_RESOLVE_H

#include "resolver.h"
#include "../scanner/scanner.h"

/* ---- one distribution file offered for a project ---- */
struct index_file {
	const char *filename;
	const char *url;            /* absolute URL, or a local path */
	int local;                  /* url is a local path (find-links) */
	const char *sha256;         /* hex from #sha256= or the JSON hashes; NULL */
	const char *link_hash;      /* else "md5:<hex>" ...: the other hash the
				       URL's fragment or the JSON gives; NULL */
	const char *requires_python;/* NULL when not given */
	int yanked;
	const char *metadata_url;   /* PEP 658/714 "<url>.metadata"; NULL when not offered */
	const char *metadata_sha256;/* its hash when given */
	const char *metadata_hash;  /* else "sha512:<hex>" ...: another hash of it */
	/* filled by the client from the name */
	const char *version_text;
	struct pep440 version;
	int is_wheel;
	const char *path;           /* once fetched: the local file */
	/* hash-checking mode: the --hash values ("sha256:<hex>", lowercase) the download
	 * must match before anything is cached, and the line that gave them */
	const char *const *allowed;
	size_t n_allowed;
	const char *allowed_where;
	/* a link the index offers that cannot be used, and why ("its
	 * #sha256= fragment is not 64 hex digits"); never a candidate */
	const char *dropped;
};
typedef VEC(struct index_file) index_files;

/* Parses a PEP 503 HTML page (index_html.c) or a PEP 691 JSON page
 * (index_json.c) fetched from base_url into files (relative hrefs resolved
 * against base_url). Hostile input: malformed parts are skipped; a page
 * that is not what it claims returns PM_INPUT. */
int index_parse_html(const char *text, size_t n, const char *base_url, struct arena *a,
		     index_files *files, struct perr *err);
int index_parse_json(const char *text, size_t n, const char *base_url, struct arena *a,
		     index_files *files, struct perr *err);
/* Sets f's metadata_url (and hash) from a data-core-metadata value. */
void index_file_metadata(struct arena *a, struct index_file *f, const char *value, int present);
/* Decodes HTML character references (&amp; &lt; &#62; &#x3e; ...) into arena. */
char *html_unescape(struct arena *a, const char *s, size_t n);
/* URL pieces (index_html.c), arena strings: href without its #fragment
 * into *url, and the value of url_hash_fragment: into *sha when it is
 * sha256, else as "NAME:VALUE" into *other (when other is not NULL); -1
 * when the value is not NAME's number of hex digits (*sha, *other NULL
 * then); %XX decoding (NULL when it would give a NUL byte); the last path
 * segment, decoded (NULL when empty). */
int url_split_fragment(struct arena *a, const char *href, const char **url, const char **sha,
		       const char **other);
/* pip's Link.find_hash_url_fragment: the first [#&]NAME=VALUE in href, NAME
 * one of sha512 sha384 sha256 sha224 sha1 md5, VALUE up to the next '&':
 * VALUE's start (NULL when none), its length, and NAME (an enum
 * digest_algo) into *algo. */
const char *url_hash_fragment(const char *href, size_t *len, int *algo);
char *url_pct_decode(struct arena *a, const char *s, size_t n);
const char *url_filename(struct arena *a, const char *url);
/* Resolves ref against base (RFC 3986 via libcurl's URL API); arena string,
 * NULL when it cannot. */
const char *url_resolve(struct arena *a, const char *base, const char *ref);

/* ---- direct references (direct.c) ---- */
struct direct_ref {
	const char *name, *key;      /* from the requirement, else the file name or
					the project's metadata */
	const char *written;         /* the URL or path as written */
	const char *origin_file;     /* the requirements file and line */
	int origin_line;
	int editable, is_url, is_dir;
	struct index_file file;      /* an archive: filename, url (absolute local
					path when file.local), sha256 from a
					#sha256= fragment (link_hash from
					another), version */
	int fragment_hash;           /* the URL gives a hash: in hash-checking
					mode it counts as a --hash (pip's
					original_link hash) */
	const char *dir;             /* a project directory (absolute) */
	struct metadata meta;        /* the directory's static metadata */
	int meta_static;             /* its Requires-Dist can be trusted */
	int version_known;
	struct pep440 version;
	const char *version_text;    /* "unknown" when not known */
};
/* Classifies and checks the entry's location; reads a directory's static
 * metadata. No network: a URL's version comes from its file name. PM_INPUT
 * naming file:line for VCS URLs, missing paths, non-projects, names that
 * disagree, -e on anything but a directory. */
int direct_ref_load(struct direct_ref *d, const struct reqfile_entry *e, struct arena *a,
		    struct perr *err);
/* The reference as a URL for a lock file: https://...#sha256=..., file:///abs. */
const char *direct_ref_url(const struct direct_ref *d, struct arena *a);
/* 1 when core metadata's Requires-Dist is static: Metadata-Version 2.2 or
 * later and Requires-Dist not dynamic (PEP 643) (resolve.c). */
int metadata_static_deps(const struct metadata *m);

/* ---- the solver core (solver.c) ---- */
struct solver_cand {
	const char *version_text;
	struct pep440 version;
	const char *requires_python; /* NULL: any */
	int yanked;
	int any_version;             /* a direct reference whose version is unknown:
					version specifiers do not apply */
	void *data;                  /* the provider's */
};
typedef VEC(struct solver_cand) solver_cands;

struct solver_provider {
	void *ctx;
	/* Every version of key, any order (the solver sorts), filtered for the
	 * target's tags by the provider. 0 or an error code. */
	int (*candidates)(void *ctx, const char *key, solver_cands *out, struct perr *err);
	/* The candidate's Requires-Dist strings (arena-lifetime) and its
	 * metadata Requires-Python; *unknown set when they cannot be known. */
	int (*dependencies)(void *ctx, const char *key, const struct solver_cand *c,
			    const char ***reqs, size_t *n, const char **requires_python,
			    int *unknown, struct perr *err);
};

struct solver_root {
	const struct req *req;   /* marker already true for the target */
	const char *origin;      /* "-r requirements.txt" */
	const char *where;       /* "requirements.txt:3" for messages; may be NULL */
	int constraint;
};

struct solver_pin {
	const char *key, *name;      /* name: the requirement's spelling */
	const struct solver_cand *cand;
	VEC(const char *) extras;
	VEC(const char *) via;       /* parent keys or root origins, unique */
	int deps_unknown;
};

struct solver {
	struct arena *arena;
	const struct solver_provider *prov;
	const struct marker_env *env;
	struct pep440 python;        /* for Requires-Python */
	int allow_pre;
	long max_steps;              /* 0: 200000 */
	VEC(struct solver_pin) pins; /* the result, in resolution order */
	/* private */
	struct strmap cands;         /* key -> solver_cands* (sorted) */
	struct strmap deps;          /* "key\001version" -> struct solver_deps* */
	long steps;
	char conflict[1024];
	int conflict_depth;
	/* when conflict is a dependency no index has any file of: its key, what
	 * asks for it ("x 1.0 (pulled in by y) requires 'requets>=2'") and the
	 * line of the top-level requirement it comes through; else NULL */
	const char *absent_key, *absent_what, *absent_where;
};
/* Runs the backtracking resolution. Returns 0 with pins filled, PM_GATE with
 * the explanation in err, or the provider's error. */
int solver_run(struct solver *s, const struct solver_root *roots, size_t n_roots,
	       struct perr *err);
void solver_release(struct solver *s);

/* ---- digests (digest.c): the hash names pip knows, weakest first ---- */
enum digest_algo { DIGEST_MD5, DIGEST_SHA1, DIGEST_SHA224, DIGEST_SHA256, DIGEST_SHA384,
		   DIGEST_SHA512, DIGEST_N };
struct digest {
	enum digest_algo algo;
	uint64_t len;            /* bytes so far (not SHA-224/256) */
	size_t buflen;
	unsigned char buf[128];
	union { uint32_t h32[5]; uint64_t h64[8]; struct sha256 s256; } u;
};
/* The algorithm named by name[0..n) ("md5" ... "sha512", lowercase as pip
 * spells them), else -1; its name; its hex digest's length. */
int digest_algo_find(const char *name, size_t n);
const char *digest_name(enum digest_algo a);
size_t digest_hex_len(enum digest_algo a);
void digest_init(struct digest *d, enum digest_algo a);
void digest_update(struct digest *d, const void *data, size_t n);
/* out needs digest_hex_len(a) + 1 bytes (129 hold any): lowercase hex */
void digest_final_hex(struct digest *d, char *out);
void digest_hex(enum digest_algo a, const void *data, size_t n, char *out);

/* ---- the download cache (cache.c) ---- */
/* $XDG_CACHE_HOME/pymode-pkg, $HOME/.cache/pymode-pkg; malloc'd. */
char *cache_default_dir(void);
/* Creates dir and its parents (mode 0755). 0 or PM_INPUT. */
int cache_mkdirs(const char *dir, struct perr *err);
/* Hex SHA-256 of bytes; out needs 65 bytes. */
void sha256_hex(const void *data, size_t n, char out[65]);
void sha256_final_hex(struct sha256 *c, char out[65]);
/* Hex SHA-256 of a file; 0 or PM_INPUT. */
int sha256_file_hex(const char *path, char out[65], struct perr *err);
/* Hex digest of a file by algorithm a; out needs 129 bytes; 0 or PM_INPUT. */
int digest_file_hex(const char *path, enum digest_algo a, char out[129], struct perr *err);
/* Index pages: the cached body, ETag and Last-Modified for a URL. 1 found. */
int cache_page_get(const char *dir, const char *url, struct strbuf *body, struct strbuf *etag,
		   struct strbuf *lastmod, struct strbuf *ctype);
void cache_page_put(const char *dir, const char *url, const char *body, size_t n,
		    const char *etag, const char *lastmod, const char *ctype);
/* Distribution files by content: "<dir>/files/<sha>/<filename>"; malloc'd. */
char *cache_file_path(const char *dir, const char *sha256, const char *filename);
/* Stores verified bytes under their sha256; *path_out malloc'd. */
int cache_file_put(const char *dir, const char *sha256, const char *filename, const void *data,
		   size_t n, char **path_out, struct perr *err);
/* The same for a verified file already on disk in the cache (renamed). */
int cache_file_adopt(const char *dir, const char *sha256, const char *filename,
		     const char *tmp, char **path_out, struct perr *err);
/* PEP 658 metadata files by content: "<dir>/metadata/<sha>" (one directory
 * for all: no directory per entry); malloc'd path, and the store. */
char *cache_meta_path(const char *dir, const char *sha256);
int cache_meta_put(const char *dir, const char *sha256, const void *data, size_t n,
		   struct perr *err);

/* ---- HTTP (http.c) ---- */
struct http;
int http_open(struct http **out, const struct resolve_options *o, struct perr *err);
/* Erases the progress line, if one is drawn, and frees everything. */
void http_close(struct http *h);
/* GET url. accept may be NULL. With etag/lastmod set, a 304 returns 0 with
 * *status 304 and body untouched. Retries 5xx, timeouts, truncated bodies
 * and refused connections (3 tries, with 0.2 s / 0.4 s backoff). Transport
 * errors return PM_INPUT naming the (masked) URL; other HTTP statuses are
 * the caller's to judge. A one-job http_get_many. */
struct http_reply {
	long status;
	struct strbuf body, etag, lastmod, ctype;
	/* a job with sink_dir: the body went to this file (malloc'd; removed by
	 * http_reply_release unless the caller took it and set it NULL), with
	 * its size and hex SHA-256; body stays empty */
	char *file;
	unsigned long long size;
	char sha256[65];
};
#define HTTP_REPLY_INIT { 0, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, NULL, 0, { 0 } }
int http_get(struct http *h, const char *url, const char *accept, const char *etag,
	     const char *lastmod, struct http_reply *r, size_t max, struct perr *err);
void http_reply_release(struct http_reply *r);

/* One transfer of a batch: the caller fills the inputs (zero the rest);
 * http_get_many fills reply, rc and err. The caller releases reply. */
enum http_kind { HTTP_OTHER, HTTP_PAGE, HTTP_FILE, HTTP_META }; /* for progress */
struct http_job {
	const char *url;
	const char *accept, *etag, *lastmod;   /* NULL: not sent */
	size_t max;                            /* body cap in bytes, checked against
						  Content-Length and the bytes received; 0: none */
	const char *sink_dir;                  /* stream the body to a temporary file
						  here (created), not memory */
	enum http_kind kind;
	struct http_reply reply;
	int rc;                                /* 0 or PM_INPUT, as http_get */
	struct perr err;
};
/* Runs jobs with up to http_concurrency() transfers at once over one curl
 * multi handle (connections are reused across calls). Each job is retried
 * on its own, as http_get; a job waiting for its backoff does not hold up
 * the others. Returns 0 when every job's rc is 0, else the first failing
 * job's rc (array order) with its message copied into err. */
int http_get_many(struct http *h, struct http_job *jobs, size_t n, struct perr *err);
/* Transfers at once: $PYMODE_CONCURRENT_DOWNLOADS (1..256; 1 sequential)
 * when set and valid, else 8. */
int http_concurrency(void);
/* Transfers at once to one host over HTTP/1.x (fewer until its first
 * connection is made; up to http_concurrency() once it multiplexes over
 * HTTP/2): $PYMODE_HOST_CONNECTIONS (1..256) when set and valid, else 6. */
int http_host_connections(void);
/* Connects abandoned and retried early so far (a dropped SYN), for tests. */
long http_early_retries(const struct http *h);
/* Progress on stderr, only when on and stderr is a terminal: one line
 * rewritten in place ("pymode-pkg: 12 pages, 3/15 files, 4.2 MB"), at most
 * ten times a second. http_progress_clear erases it (call before printing
 * anything else to stderr); the next transfer draws it again. */
void http_progress(struct http *h, int on);
void http_progress_clear(struct http *h);

/* ---- the index client (index.c) ---- */
struct index_client {
	struct arena arena;
	struct http *http;
	char *cache_dir;                  /* malloc'd */
	const char *const *index_urls;    /* borrowed */
	size_t n_index_urls;
	const char *const *find_links;
	size_t n_find_links;
	struct strmap projects;           /* key -> index_files* (malloc'd) */
	struct strmap failed;             /* key or file URL -> struct perr* (malloc'd):
					     a page or download that failed, answered
					     again, never fetched again */
	index_files flfiles;              /* every file of every find-links dir */
	int flfiles_loaded;
	long n_requests;
	int progress;                     /* draw progress on stderr (a tty only) */
	struct strmap metadata;           /* metadata_url -> struct strbuf* (malloc'd):
					     index_metadata_prefetch's verified bodies */
	struct strmap file_metadata;      /* path -> struct strbuf* (malloc'd): METADATA
					     or PKG-INFO read from a fetched file */
	struct strmap dropped;            /* key -> struct strbuf* (malloc'd): one line
					     per link of the project that was dropped */
	struct strmap absent;             /* keys no index has a page for and no
					     find-links file is of */
};
/* 1 when fn is a plain file name (no path, not hidden) of a wheel or an
 * sdist (.whl .tar.gz .tgz .zip .tar.bz2 .tar.xz). */
int index_dist_filename(const char *fn);
/* Parses f->filename as a wheel or sdist name: sets is_wheel, version and
 * version_text, returns the project name as written (arena), or NULL when
 * the name does not parse (or the version is not PEP 440). */
const char *index_file_parse_name(struct arena *a, struct index_file *f);
/* Every file offered for normalized key (find-links first, then each index
 * in order) whose name parses as a wheel or sdist of key. Borrowed. */
int index_project(struct index_client *ic, const char *key, index_files **out, struct perr *err);
/* Makes f a local file: find-links paths as they are, remote files from the
 * cache or downloaded; verifies (and then sets) f->sha256. A mismatch is
 * PM_INPUT and nothing is cached. */
int index_fetch(struct index_client *ic, struct index_file *f, const char **path,
		struct perr *err);
/* f's core metadata: the PEP 658 file when offered, else read from the
 * (fetched) wheel's METADATA or sdist's PKG-INFO. */
int index_metadata(struct index_client *ic, struct index_file *f, struct strbuf *out,
		   struct perr *err);
/* index_metadata without a request and without reporting: 0 with the text
 * appended when it is at hand (prefetched, in the cache, or in a file
 * already fetched), else 1. For the prefetcher. */
int index_metadata_at_hand(struct index_client *ic, struct index_file *f, struct strbuf *out);
/* Best effort, in parallel: the project pages (every index) of the keys
 * (normalized, as for index_project) not yet known, stored exactly as
 * index_project would store them. A key whose
 * page fails is left out, so index_project fetches it again and reports the
 * error. Duplicates and known keys are fine. */
void index_prefetch(struct index_client *ic, const char *const *keys, size_t n);
/* index_fetch for every file, the downloads in parallel, with the same
 * checks (a mismatch caches nothing). Files that succeed get ->path and
 * ->sha256; returns 0 or the first error in array order. A file may be
 * listed twice. */
/* The checks of one file, local or downloaded, at path (got: its sha256):
 * f->sha256 or else f->link_hash must match ("hash mismatch for ...:
 * expected md5 ..., got ..."), and in hash-checking mode one of f->allowed
 * ("... req.txt:3 allows sha256 ... or sha512 ...; the file has sha256
 * ..."), as pip's Hashes: any one algorithm's match is enough. The other
 * algorithms are computed from path when asked for. 0 or PM_INPUT;
 * index_fetch* apply it before caching a download, and to a cached file. */
int index_check_file(struct index_client *ic, const struct index_file *f, const char *path,
		     const char *got, struct perr *err);
int index_fetch_many(struct index_client *ic, struct index_file **files, size_t n,
		     struct perr *err);
/* Best effort, in parallel: the PEP 658 metadata of files that offer it,
 * verified and kept so index_metadata answers without a request. */
void index_metadata_prefetch(struct index_client *ic, struct index_file **files, size_t n);
/* Erases the progress line (before printing to stderr); the next transfer
 * draws it again. index_client_release erases it too. */
void index_progress_clear(struct index_client *ic);
void index_client_release(struct index_client *ic);

/* Lists every find-links directory into ic->flfiles (once). 0 or PM_INPUT. */
int index_load_find_links(struct index_client *ic, struct perr *err);

/* ---- names for "did you mean" (suggest.c) ---- */
/* The project names the client's find-links directories hold and its
 * indexes' root pages (PEP 503 /simple/ or PEP 691 JSON) list, added to
 * names (normalized, arena strings). Best effort: a root that cannot be
 * read adds nothing. */
void index_project_names(struct index_client *ic, struct strmap *names);
/* The name in names closest to key by edit distance (insertions,
 * deletions, substitutions, transpositions), when close enough to be a
 * misspelling (at most 1 per 3 characters, at least 1); NULL otherwise. */
const char *suggest_name(const struct strmap *names, const char *key);

#endif
