// OpenLDAP's client library (libldap), for BDII searches.
#include <sys/time.h>
#include <ldap.h>

// Options whose value is a struct or an int are passed by address: typed helpers keep Swift off `void *`.
static inline int argo_ldap_set_int(LDAP *ld, int option, int value) {
    return ldap_set_option(ld, option, &value);
}

static inline int argo_ldap_set_timeout(LDAP *ld, int option, int seconds) {
    struct timeval tv = { seconds, 0 };
    return ldap_set_option(ld, option, &tv);
}

/// Anonymous simple bind.
static inline int argo_ldap_bind_anonymous(LDAP *ld) {
    struct berval empty = { 0, NULL };
    return ldap_sasl_bind_s(ld, NULL, LDAP_SASL_SIMPLE, &empty, NULL, NULL, NULL);
}

/// A subtree search returning `attributes` (a NULL-ended list), waiting at most `seconds`.
static inline int argo_ldap_search(LDAP *ld, const char *base, const char *filter, char **attributes, int seconds,
                                   LDAPMessage **result) {
    struct timeval tv = { seconds, 0 };
    return ldap_search_ext_s(ld, base, LDAP_SCOPE_SUBTREE, filter, attributes, 0, NULL, NULL, &tv, 0, result);
}
