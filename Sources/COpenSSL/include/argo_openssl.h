// OpenSSL (Debian libssl-dev), for one question validate-config asks: do
// the host certificate and key belong together? OpenSSL's headers stay in
// the C file, as ICU's do.

/// 0 when the PEM certificate at `cert` and the PEM key at `key` match;
/// 1 when the certificate cannot be read, 2 when the key cannot be read,
/// 3 when they do not match.
int argo_certificate_matches_key(const char *cert, const char *key);
