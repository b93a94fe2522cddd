#ifndef ARGO_LDAP_H
#define ARGO_LDAP_H
// OpenLDAP's client library, for BDII searches, loaded at run time: its
// soname differs between distributions (libldap-2.4.so.2 on Debian 11,
// libldap-2.5.so.0 on Debian 12 and Ubuntu 22.04, libldap.so.2 from
// OpenLDAP 2.6 on EL9 and Ubuntu 24.04). ldap.h is read for types and
// constants only; every call goes through the functions below.
#include <sys/time.h>
#include <stddef.h>
#include <ldap.h>

/// Loads libldap once; 0 on success, else a message in `error` naming the sonames tried and the package.
int argo_ldap_load(char *error, size_t length);

int argo_ldap_initialize(LDAP **ld, const char *uri);
int argo_ldap_unbind(LDAP *ld);
const char *argo_ldap_err2string(int code);
LDAPMessage *argo_ldap_first_entry(LDAP *ld, LDAPMessage *result);
LDAPMessage *argo_ldap_next_entry(LDAP *ld, LDAPMessage *entry);
char *argo_ldap_get_dn(LDAP *ld, LDAPMessage *entry);
void argo_ldap_memfree(void *p);
struct berval **argo_ldap_get_values_len(LDAP *ld, LDAPMessage *entry, const char *attribute);
void argo_ldap_value_free_len(struct berval **values);
int argo_ldap_msgfree(LDAPMessage *message);
// Options whose value is a struct or an int are passed by address: typed helpers keep Swift off `void *`.
int argo_ldap_set_int(LDAP *ld, int option, int value);
int argo_ldap_set_timeout(LDAP *ld, int option, int seconds);
/// Anonymous simple bind.
int argo_ldap_bind_anonymous(LDAP *ld);
/// A subtree search returning `attributes` (a NULL-ended list), waiting at most `seconds`.
int argo_ldap_search(LDAP *ld, const char *base, const char *filter, char **attributes, int seconds, LDAPMessage **result);
#endif
