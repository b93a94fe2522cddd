#include "argo_ldap.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    int (*initialize)(LDAP **, const char *);
    int (*unbind_ext_s)(LDAP *, LDAPControl **, LDAPControl **);
    char *(*err2string)(int);
    LDAPMessage *(*first_entry)(LDAP *, LDAPMessage *);
    LDAPMessage *(*next_entry)(LDAP *, LDAPMessage *);
    char *(*get_dn)(LDAP *, LDAPMessage *);
    void (*memfree)(void *);
    struct berval **(*get_values_len)(LDAP *, LDAPMessage *, const char *);
    void (*value_free_len)(struct berval **);
    int (*msgfree)(LDAPMessage *);
    int (*set_option)(LDAP *, int, const void *);
    int (*sasl_bind_s)(LDAP *, const char *, const char *, struct berval *, LDAPControl **, LDAPControl **, struct berval **);
    int (*search_ext_s)(LDAP *, const char *, int, const char *, char **, int, LDAPControl **, LDAPControl **, struct timeval *, int, LDAPMessage **);
} lib;
static char load_error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

// In this order: OpenLDAP 2.6 (EL9, Ubuntu 24.04), 2.5 (Debian 12, Ubuntu 22.04), 2.4 (Debian 11).
static const char *const sonames[] = { "libldap.so.2", "libldap-2.5.so.0", "libldap-2.4.so.2", "libldap_r-2.4.so.2" };

static void load(void) {
    void *handle = NULL;
    for (size_t i = 0; i < sizeof sonames / sizeof *sonames && !handle; i++) handle = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(load_error, sizeof load_error,
                 "OpenLDAP's libldap cannot be loaded (libldap.so.2, libldap-2.5.so.0 or libldap-2.4.so.2): install openldap (Rocky, Alma Linux 9), "
                 "libldap-2.5-0 (Debian 12, Ubuntu 22.04), libldap2 (Ubuntu 24.04) or libldap-2.4-2 (Debian 11)");
        return;
    }
#define FIND(field, name) \
    if (!(*(void **)&lib.field = dlsym(handle, name))) { snprintf(load_error, sizeof load_error, "libldap has no %s", name); return; }
    FIND(initialize, "ldap_initialize")
    FIND(unbind_ext_s, "ldap_unbind_ext_s")
    FIND(err2string, "ldap_err2string")
    FIND(first_entry, "ldap_first_entry")
    FIND(next_entry, "ldap_next_entry")
    FIND(get_dn, "ldap_get_dn")
    FIND(memfree, "ldap_memfree")
    FIND(get_values_len, "ldap_get_values_len")
    FIND(value_free_len, "ldap_value_free_len")
    FIND(msgfree, "ldap_msgfree")
    FIND(set_option, "ldap_set_option")
    FIND(sasl_bind_s, "ldap_sasl_bind_s")
    FIND(search_ext_s, "ldap_search_ext_s")
#undef FIND
}

int argo_ldap_load(char *error, size_t length) {
    pthread_once(&once, load);
    if (load_error[0] && error && length) snprintf(error, length, "%s", load_error);
    return load_error[0] ? -1 : 0;
}

int argo_ldap_initialize(LDAP **ld, const char *uri) { return lib.initialize(ld, uri); }
int argo_ldap_unbind(LDAP *ld) { return lib.unbind_ext_s(ld, NULL, NULL); }
const char *argo_ldap_err2string(int code) { return lib.err2string(code); }
LDAPMessage *argo_ldap_first_entry(LDAP *ld, LDAPMessage *result) { return lib.first_entry(ld, result); }
LDAPMessage *argo_ldap_next_entry(LDAP *ld, LDAPMessage *entry) { return lib.next_entry(ld, entry); }
char *argo_ldap_get_dn(LDAP *ld, LDAPMessage *entry) { return lib.get_dn(ld, entry); }
void argo_ldap_memfree(void *p) { lib.memfree(p); }
struct berval **argo_ldap_get_values_len(LDAP *ld, LDAPMessage *entry, const char *attribute) { return lib.get_values_len(ld, entry, attribute); }
void argo_ldap_value_free_len(struct berval **values) { lib.value_free_len(values); }
int argo_ldap_msgfree(LDAPMessage *message) { return lib.msgfree(message); }
int argo_ldap_set_int(LDAP *ld, int option, int value) { return lib.set_option(ld, option, &value); }
int argo_ldap_set_timeout(LDAP *ld, int option, int seconds) {
    struct timeval tv = { seconds, 0 };
    return lib.set_option(ld, option, &tv);
}
int argo_ldap_bind_anonymous(LDAP *ld) {
    struct berval empty = { 0, NULL };
    return lib.sasl_bind_s(ld, NULL, LDAP_SASL_SIMPLE, &empty, NULL, NULL, NULL);
}
int argo_ldap_search(LDAP *ld, const char *base, const char *filter, char **attributes, int seconds, LDAPMessage **result) {
    struct timeval tv = { seconds, 0 };
    return lib.search_ext_s(ld, base, LDAP_SCOPE_SUBTREE, filter, attributes, 0, NULL, NULL, &tv, 0, result);
}
