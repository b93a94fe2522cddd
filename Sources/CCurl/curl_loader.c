#include "argo_curl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    curl_version_info_data *(*version_info)(CURLversion);
} lib;
static char load_error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *handle = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(load_error, sizeof load_error,
                 "libcurl.so.4 cannot be loaded (%s): install libcurl4 (Debian, Ubuntu) or libcurl (Rocky, Alma Linux 9)", dlerror());
        return;
    }
#define FIND(field, name) \
    if (!(*(void **)&lib.field = dlsym(handle, name))) { \
        snprintf(load_error, sizeof load_error, "libcurl.so.4 has no %s: a libcurl of 7.62 or later is needed", name); return; }
    FIND(global_init, "curl_global_init")
    FIND(easy_init, "curl_easy_init")
    FIND(easy_cleanup, "curl_easy_cleanup")
    FIND(easy_perform, "curl_easy_perform")
    FIND(easy_strerror, "curl_easy_strerror")
    FIND(easy_setopt, "curl_easy_setopt")
    FIND(easy_getinfo, "curl_easy_getinfo")
    FIND(slist_append, "curl_slist_append")
    FIND(slist_free_all, "curl_slist_free_all")
    FIND(version_info, "curl_version_info")
#undef FIND
    lib.global_init(CURL_GLOBAL_ALL);
}

int argo_curl_load(char *error, size_t length) {
    pthread_once(&once, load);
    if (load_error[0] && error && length) snprintf(error, length, "%s", load_error);
    return load_error[0] ? -1 : 0;
}

CURLcode argo_curl_global_init(long flags) { return lib.global_init(flags); }
CURL *argo_curl_easy_init(void) { return lib.easy_init(); }
void argo_curl_easy_cleanup(CURL *handle) { lib.easy_cleanup(handle); }
CURLcode argo_curl_easy_perform(CURL *handle) { return lib.easy_perform(handle); }
const char *argo_curl_easy_strerror(CURLcode code) { return lib.easy_strerror(code); }
struct curl_slist *argo_curl_slist_append(struct curl_slist *list, const char *text) { return lib.slist_append(list, text); }
void argo_curl_slist_free_all(struct curl_slist *list) { lib.slist_free_all(list); }
unsigned int argo_curl_version_number(void) { return lib.version_info(CURLVERSION_NOW)->version_num; }

CURLcode argo_curl_set_long(CURL *h, CURLoption o, long v) { return lib.easy_setopt(h, o, v); }
CURLcode argo_curl_set_string(CURL *h, CURLoption o, const char *v) { return lib.easy_setopt(h, o, v); }
CURLcode argo_curl_set_pointer(CURL *h, CURLoption o, void *v) { return lib.easy_setopt(h, o, v); }
CURLcode argo_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return lib.easy_setopt(h, o, v); }
CURLcode argo_curl_set_offset(CURL *h, CURLoption o, curl_off_t v) { return lib.easy_setopt(h, o, v); }
CURLcode argo_curl_set_write_callback(CURL *h, argo_curl_data_callback cb) { return lib.easy_setopt(h, CURLOPT_WRITEFUNCTION, cb); }
CURLcode argo_curl_set_progress_callback(CURL *h, argo_curl_progress_callback cb) { return lib.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb); }
CURLcode argo_curl_get_long(CURL *h, CURLINFO i, long *v) { return lib.easy_getinfo(h, i, v); }
CURLcode argo_curl_get_string(CURL *h, CURLINFO i, char **v) { return lib.easy_getinfo(h, i, v); }

CURLcode argo_curl_restrict_protocols(CURL *h) {
    // The string option where libcurl knows it (7.85+); its refusal is the signal to use the older bitmask.
    CURLcode code = lib.easy_setopt(h, (CURLoption)10318 /* CURLOPT_PROTOCOLS_STR */, "http,https,file");
    if (code == CURLE_OK) code = lib.easy_setopt(h, (CURLoption)10319 /* CURLOPT_REDIR_PROTOCOLS_STR */, "http,https");
    if (code != CURLE_UNKNOWN_OPTION) return code;
    return argo_curl_restrict_protocols_bitmask(h);
}

CURLcode argo_curl_restrict_protocols_bitmask(CURL *h) {
    long all = (1 << 0) | (1 << 1) | (1 << 10);  /* CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE */
    CURLcode code = lib.easy_setopt(h, (CURLoption)181 /* CURLOPT_PROTOCOLS */, all);
    if (code == CURLE_OK) code = lib.easy_setopt(h, (CURLoption)182 /* CURLOPT_REDIR_PROTOCOLS */, (1L << 0) | (1L << 1));
    return code;
}
