# Sourced by the platform's scripts: exports JAVA_HOME as a JDK >= 21 (the default java here may be 17).
# Order: JAVA_HOME if it is new enough, then Temurin 25, then any JDK >= 21 under /usr/lib/jvm.
aioz_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

aioz_use_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(aioz_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: no JDK >= 21 found; install one (e.g. Temurin 21 or 25) and set JAVA_HOME" >&2
  return 1
}

aioz_use_jdk
