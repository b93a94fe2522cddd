#include "argo_openssl.h"
#include <stdio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

int argo_certificate_matches_key(const char *certPath, const char *keyPath) {
    FILE *certFile = fopen(certPath, "r");
    if (!certFile) return 1;
    X509 *cert = PEM_read_X509(certFile, NULL, NULL, NULL);
    fclose(certFile);
    if (!cert) return 1;
    FILE *keyFile = fopen(keyPath, "r");
    if (!keyFile) { X509_free(cert); return 2; }
    // No passphrase callback: an encrypted key cannot be used by a cron run either.
    EVP_PKEY *key = PEM_read_PrivateKey(keyFile, NULL, NULL, (void *)"");
    fclose(keyFile);
    if (!key) { X509_free(cert); return 2; }
    int matches = X509_check_private_key(cert, key);
    EVP_PKEY_free(key);
    X509_free(cert);
    return matches == 1 ? 0 : 3;
}
