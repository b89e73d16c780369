package io.deploycheck.cli.doctor;

/**
 * What the API server is shown: a bearer token, a client certificate and key (PEM text), or a user name and
 * password. Any may be null; {@link #toString()} never shows them.
 */
record Credentials(String token, String certificatePem, String keyPem, String username, String password) {

  static final Credentials NONE = new Credentials(null, null, null, null, null);

  boolean hasClientCertificate() {
    return certificatePem != null && keyPem != null;
  }

  boolean isEmpty() {
    return token == null && !hasClientCertificate() && username == null;
  }

  @Override
  public String toString() {
    return "Credentials[" + (token != null ? "token " : "") + (hasClientCertificate() ? "certificate " : "")
        + (username != null ? "basic" : "") + "]";
  }
}
