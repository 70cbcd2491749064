package dev.beacon.auth;

/**
 * Permission resources as globs: {@code *} is any run of characters ({@code :} and {@code /} included), everything
 * else literal, anchored at both ends. Nacos reads them as regexes with {@code *} made {@code .*}, so a {@code .}
 * matches anything, a stray {@code (} is a 500 and a crafted pattern can backtrack without end; this cannot.
 */
final class Glob {

  private Glob() {
  }

  /** Linear in practice: on a mismatch only the last {@code *} is retried, one character further. */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
