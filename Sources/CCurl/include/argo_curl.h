#ifndef ARGO_CURL_H
#define ARGO_CURL_H
// libcurl, loaded at run time (dlopen of libcurl.so.4, the soname every
// distribution ships): the binary names no libcurl symbol version, so one
// build runs against Debian's (CURL_OPENSSL_4) and EL9's (unversioned).
// curl.h is read for types and constants only; every call goes through
// the functions below, which call the loaded library.
#include <curl/curl.h>
#include <stddef.h>

/// Loads libcurl once; 0 on success, else a message in `error` naming what is missing and the package.
int argo_curl_load(char *error, size_t length);

CURLcode argo_curl_global_init(long flags);
CURL *argo_curl_easy_init(void);
void argo_curl_easy_cleanup(CURL *handle);
CURLcode argo_curl_easy_perform(CURL *handle);
const char *argo_curl_easy_strerror(CURLcode code);
struct curl_slist *argo_curl_slist_append(struct curl_slist *list, const char *text);
void argo_curl_slist_free_all(struct curl_slist *list);
/// The loaded library's version number (0x075500 for 7.85.0).
unsigned int argo_curl_version_number(void);

// curl_easy_setopt / curl_easy_getinfo are C variadics, which Swift cannot
// call; these typed wrappers are the whole of the bridge.
CURLcode argo_curl_set_long(CURL *h, CURLoption o, long v);
CURLcode argo_curl_set_string(CURL *h, CURLoption o, const char *v);
CURLcode argo_curl_set_pointer(CURL *h, CURLoption o, void *v);
CURLcode argo_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode argo_curl_set_offset(CURL *h, CURLoption o, curl_off_t v);
typedef size_t (*argo_curl_data_callback)(char *, size_t, size_t, void *);
CURLcode argo_curl_set_write_callback(CURL *h, argo_curl_data_callback cb);
typedef int (*argo_curl_progress_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
CURLcode argo_curl_set_progress_callback(CURL *h, argo_curl_progress_callback cb);
CURLcode argo_curl_get_long(CURL *h, CURLINFO i, long *v);
CURLcode argo_curl_get_string(CURL *h, CURLINFO i, char **v);
/// Only http, https and file, for a request and its redirects: CURLOPT_PROTOCOLS_STR
/// from libcurl 7.85, else (Debian 11's 7.74, EL9's 7.76) the bitmask CURLOPT_PROTOCOLS.
CURLcode argo_curl_restrict_protocols(CURL *h);
/// The bitmask form alone (what Debian 11 and EL9 get), callable by tests on any libcurl.
CURLcode argo_curl_restrict_protocols_bitmask(CURL *h);
// Macros with casts do not import into Swift.
static const long argo_curlauth_basic = (long)CURLAUTH_BASIC;
#endif
