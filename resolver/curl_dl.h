/* curl_dl.h: libcurl, opened on first use (common/dl.c). Include it instead
 * of <curl/curl.h>: every curl_* call below goes through pm_curl, which
 * pm_curl_load fills; call that (it is cheap after the first time) before
 * the first curl_* call of an entry point. Only runs that fetch pay for
 * libcurl and what it links (TLS, Kerberos, LDAP, ...). */
#ifndef PYMODE_CURL_DL_H
#define PYMODE_CURL_DL_H

#include "../common/common.h"

#include <curl/curl.h>

#define PM_CURL_FUNCS(X) \
	X(curl_global_init) X(curl_easy_init) X(curl_easy_cleanup) X(curl_easy_reset) \
	X(curl_easy_setopt) X(curl_easy_getinfo) X(curl_easy_strerror) X(curl_free) \
	X(curl_slist_append) X(curl_slist_free_all) \
	X(curl_multi_init) X(curl_multi_cleanup) X(curl_multi_setopt) X(curl_multi_add_handle) \
	X(curl_multi_remove_handle) X(curl_multi_perform) X(curl_multi_poll) \
	X(curl_multi_info_read) \
	X(curl_url) X(curl_url_cleanup) X(curl_url_set) X(curl_url_get)

struct pm_curl_fns {
#define PM_CURL_MEMBER(f) __typeof__(&f) f;
	PM_CURL_FUNCS(PM_CURL_MEMBER)
#undef PM_CURL_MEMBER
};
extern struct pm_curl_fns pm_curl;
/* 0 once libcurl is loaded; PM_INPUT naming the library otherwise. */
int pm_curl_load(struct perr *err);

#ifndef PM_CURL_DL_IMPL
/* curl.h's type-checking wrappers (typecheck-gcc.h) give way to the pointers */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_global_init pm_curl.curl_global_init
#define curl_easy_init pm_curl.curl_easy_init
#define curl_easy_cleanup pm_curl.curl_easy_cleanup
#define curl_easy_reset pm_curl.curl_easy_reset
#define curl_easy_setopt pm_curl.curl_easy_setopt
#define curl_easy_getinfo pm_curl.curl_easy_getinfo
#define curl_easy_strerror pm_curl.curl_easy_strerror
#define curl_free pm_curl.curl_free
#define curl_slist_append pm_curl.curl_slist_append
#define curl_slist_free_all pm_curl.curl_slist_free_all
#define curl_multi_init pm_curl.curl_multi_init
#define curl_multi_cleanup pm_curl.curl_multi_cleanup
#define curl_multi_setopt pm_curl.curl_multi_setopt
#define curl_multi_add_handle pm_curl.curl_multi_add_handle
#define curl_multi_remove_handle pm_curl.curl_multi_remove_handle
#define curl_multi_perform pm_curl.curl_multi_perform
#define curl_multi_poll pm_curl.curl_multi_poll
#define curl_multi_info_read pm_curl.curl_multi_info_read
#define curl_url pm_curl.curl_url
#define curl_url_cleanup pm_curl.curl_url_cleanup
#define curl_url_set pm_curl.curl_url_set
#define curl_url_get pm_curl.curl_url_get
#endif

#endif
