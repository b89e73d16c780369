package io.deploycheck.text;

import java.util.regex.Pattern;

/**
 * Shapes that are credentials wherever they appear. Each row masks its group {@code s} and keeps the rest, so a
 * reader still sees which kind of credential was there ({@code password=***}, {@code https://ci:***@host}). The
 * formats are public facts, written here from the sources named in {@code docs/security.md}; every quantifier is
 * bounded or possessive, so a pattern costs linear time on any input and never recurses. Prefixed tokens are found
 * even when glued to other text (log lines lose their spaces), at the price of masking a rare look-alike. Rows run
 * in declaration order: those that read a context (a URL, a header, a key) first, so that a token glued in front
 * cannot swallow the context that marks the next credential.
 */
enum SecretPattern {
  /** PEM private keys (RFC 7468 labels "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" ...). */
  PRIVATE_KEY("(?<s>-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----(?:[^-]|-(?!----END))*+"
      + "(?:-----END [A-Z ]{0,20}PRIVATE KEY-----)?)"),
  /** Userinfo in a URL: scheme://user:password@host (RFC 3986 section 3.2.1); the user name stays. */
  URL_PASSWORD("[A-Za-z][A-Za-z0-9+.-]{0,31}+://[^/\\s:@\"']{0,256}+:(?<s>[^/\\s@\"']{1,256}+)@"),
  /** HTTP credentials after an auth scheme: Bearer (RFC 6750), Basic (RFC 7617), Token. */
  AUTHORIZATION("(?:(?i:authorization)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?\\s{0,3}(?:(?i:bearer|basic|token)\\s{1,3})?+"
      + "|\\b(?:Bearer|Basic|bearer)\\s{1,3}+(?=[A-Za-z]{0,4096}+[0-9._~+/=:-]))(?<s>[A-Za-z0-9._~+/=:-]{6,4096}+)"),
  /**
   * key=value and key: value pairs whose key names a credential: password, token, secret, api key, access key,
   * client-key-data, auth (docker config.json); kubeconfig and env files, query strings, log lines.
   */
  KEY_VALUE("(?i)(?:password|passwd|pwd|secret|token|api[_-]?key"
      + "|access[_-]?key|private[_-]?key|client-key-data|credentials?|\\bauth\\b)[A-Za-z0-9_.-]{0,32}+"
      + "[\"']?(?::|\\s{0,3}+=)\\s{0,3}+[\"']?(?<s>[^\\s\"',;&}\\]*]{1,4096}+)"),
  /** JSON Web Tokens (RFC 7519): base64url of a header that starts with {", i.e. "eyJ"; ServiceAccount tokens. */
  JWT("(?<s>eyJ[A-Za-z0-9_-]{8,}+(?:\\.[A-Za-z0-9_-]*+){0,2})"),
  /** EKS tokens from aws-iam-authenticator / aws eks get-token: "k8s-aws-v1." and a base64url presigned URL. */
  EKS_TOKEN("(?<s>k8s-aws-v1\\.[A-Za-z0-9_-]++)"),
  /** AWS access key IDs: AKIA (long-term) and ASIA (temporary) prefixes, 20 upper-case characters (AWS IAM). */
  AWS_ACCESS_KEY_ID("(?<s>(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})"),
  /** GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_ and fine-grained github_pat_ (GitHub's token formats). */
  GITHUB_TOKEN("(?<s>(?:gh[pousr]_[A-Za-z0-9]{20,255}+|github_pat_[A-Za-z0-9_]{20,255}+))"),
  /** GitLab tokens: glpat-, gldt-, glrt-, glptt-, glft-, glsoat-, gloas-, glcbt- ... (GitLab "token prefixes"). */
  GITLAB_TOKEN("(?<s>gl(?:pat|dt|rt|ptt|ft|soat|oas|cbt|imt|agent|ffct|wt)-[A-Za-z0-9_-]{20,255}+"
      + "|GR1348941[A-Za-z0-9_-]{20,255}+)"),
  /** Docker Hub personal and organization access tokens: dckr_pat_, dckr_oat_ (Docker docs). */
  DOCKER_HUB_TOKEN("(?<s>dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,255}+)"),
  /** Slack tokens xoxb-, xoxp-, xoxa-, xoxr-, xoxs- (Slack token types). */
  SLACK_TOKEN("(?<s>xox[abprs]-[A-Za-z0-9-]{10,255}+)"),
  /** Google API keys: "AIza" and 35 more characters (Google Cloud API keys). */
  GOOGLE_API_KEY("(?<s>AIza[A-Za-z0-9_-]{35})");

  final Pattern pattern;

  SecretPattern(String regex) {
    this.pattern = Pattern.compile(regex);
  }
}
