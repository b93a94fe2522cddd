// OpenSSL's libcrypto, loaded at run time (libcrypto.so.3 on Debian 12, EL9
// and Ubuntu 22.04+, libcrypto.so.1.1 on Debian 11): does the host
// certificate match its key? Only opaque pointers cross, so no OpenSSL
// header is needed.
#include "argo_openssl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    void *(*read_x509)(FILE *, void **, void *, void *);
    void *(*read_key)(FILE *, void **, void *, void *);
    int (*check)(void *, void *);
    void (*free_x509)(void *);
    void (*free_key)(void *);
} lib;
static int loaded = 0;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const sonames[] = { "libcrypto.so.3", "libcrypto.so.1.1" };
    for (size_t i = 0; i < sizeof sonames / sizeof *sonames; i++) {
        void *handle = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
        if (!handle) continue;
        *(void **)&lib.read_x509 = dlsym(handle, "PEM_read_X509");
        *(void **)&lib.read_key = dlsym(handle, "PEM_read_PrivateKey");
        *(void **)&lib.check = dlsym(handle, "X509_check_private_key");
        *(void **)&lib.free_x509 = dlsym(handle, "X509_free");
        *(void **)&lib.free_key = dlsym(handle, "EVP_PKEY_free");
        loaded = lib.read_x509 && lib.read_key && lib.check && lib.free_x509 && lib.free_key;
        return;
    }
}

int argo_certificate_matches_key(const char *certPath, const char *keyPath) {
    pthread_once(&once, load);
    if (!loaded) return 4;
    FILE *certFile = fopen(certPath, "r");
    if (!certFile) return 1;
    void *cert = lib.read_x509(certFile, NULL, NULL, NULL);
    fclose(certFile);
    if (!cert) return 1;
    FILE *keyFile = fopen(keyPath, "r");
    if (!keyFile) { lib.free_x509(cert); return 2; }
    // No passphrase callback: an encrypted key cannot be used by a cron run either.
    void *key = lib.read_key(keyFile, NULL, NULL, (void *)"");
    fclose(keyFile);
    if (!key) { lib.free_x509(cert); return 2; }
    int matches = lib.check(cert, key);
    lib.free_key(key);
    lib.free_x509(cert);
    return matches == 1 ? 0 : 3;
}
