// OpenSSL's libcrypto (loaded at run time), for one question validate-config
// asks: do the host certificate and key belong together?

/// 0 when the PEM certificate at `cert` and the PEM key at `key` match;
/// 1 when the certificate cannot be read, 2 when the key cannot be read,
/// 3 when they do not match, 4 when no libcrypto can be loaded.
int argo_certificate_matches_key(const char *cert, const char *key);
