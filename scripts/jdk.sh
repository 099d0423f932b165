# shellcheck shell=bash
# Helpers shared by ./layoutlease, scripts/test and .ci/run. Source this file;
# it defines functions only and changes nothing until one is called.
#
#   find_jdk25     sets and exports JAVA_HOME to a JDK whose major version is
#                  25 or newer, puts $JAVA_HOME/bin first on PATH and appends
#                  the JVM options Maven needs on that JDK to MAVEN_OPTS.
#                  Returns 1 with an explanation on stderr if there is none.
#   require_maven  returns 1 with an explanation on stderr if mvn is missing.
#
# Safe under `set -euo pipefail`. Candidates are tried in this order:
#   1. $JAVA_HOME
#   2. the JDK that owns `javac` on PATH (symlinks resolved)
#   3. every directory in /usr/lib/jvm, highest version first
# LAYOUTLEASE_JVM_DIRS (colon-separated) replaces /usr/lib/jvm in step 3;
# it exists so the "no JDK 25" path can be tested.

LAYOUTLEASE_MIN_JAVA=25

# _jdk_probe DIR: set _jdk_ver to DIR's Java version (e.g. 25.0.3), or to ""
# if DIR holds no JDK (bin/java and bin/javac); succeed if it is at least
# LAYOUTLEASE_MIN_JAVA. Reads DIR/release without starting any process; falls
# back to `DIR/bin/java -version`. Sets globals instead of printing so that
# callers need no subshell (this runs on every ./layoutlease start).
_jdk_probe() {
  local dir=$1 line major
  _jdk_ver=
  [[ -x $dir/bin/java && -x $dir/bin/javac ]] || return 1
  if [[ -r $dir/release ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
      if [[ $line == JAVA_VERSION=* ]]; then
        line=${line#JAVA_VERSION=}
        _jdk_ver=${line//\"/}
        break
      fi
    done <"$dir/release"
  fi
  if [[ -z $_jdk_ver ]]; then
    line=$("$dir/bin/java" -version 2>&1) || return 1
    [[ $line =~ version\ \"([^\"]+)\" ]] || return 1
    _jdk_ver=${BASH_REMATCH[1]}
  fi
  major=${_jdk_ver#1.} # 1.8.0_412 -> 8.0_412
  major=${major%%[!0-9]*}
  [[ -n $major ]] || return 1
  ((10#$major >= LAYOUTLEASE_MIN_JAVA))
}

# _version_gt A B: true if dotted version A is greater than B.
_version_gt() {
  local -a a b
  local i x y
  IFS='._+-' read -r -a a <<<"$1"
  IFS='._+-' read -r -a b <<<"$2"
  for ((i = 0; i < ${#a[@]} || i < ${#b[@]}; i++)); do
    x=${a[i]:-0} y=${b[i]:-0}
    [[ $x =~ ^[0-9]+$ ]] || x=0
    [[ $y =~ ^[0-9]+$ ]] || y=0
    ((10#$x > 10#$y)) && return 0
    ((10#$x < 10#$y)) && return 1
  done
  return 1
}

find_jdk25() {
  local min=$LAYOUTLEASE_MIN_JAVA dir javac best='' best_ver='' _jdk_ver=''
  local parent
  local -a searched=() jvm_dirs=()

  # 1. JAVA_HOME
  if [[ -n ${JAVA_HOME:-} ]]; then
    dir=${JAVA_HOME%/}
    if _jdk_probe "$dir"; then
      best=$dir best_ver=$_jdk_ver
    else
      searched+=("JAVA_HOME=$dir (${_jdk_ver:-not a JDK})")
    fi
  fi

  # 2. javac on PATH
  if [[ -z $best ]] && javac=$(command -v javac 2>/dev/null); then
    javac=$(readlink -f -- "$javac" 2>/dev/null || printf '%s' "$javac")
    dir=${javac%/bin/javac}
    _jdk_ver=
    if [[ $dir != "$javac" ]] && _jdk_probe "$dir"; then
      best=$dir best_ver=$_jdk_ver
    else
      searched+=("javac on PATH: $javac (${_jdk_ver:-not a JDK})")
    fi
  fi

  # 3. /usr/lib/jvm/* (or LAYOUTLEASE_JVM_DIRS), highest version wins
  if [[ -z $best ]]; then
    IFS=: read -r -a jvm_dirs <<<"${LAYOUTLEASE_JVM_DIRS-/usr/lib/jvm}"
    for parent in "${jvm_dirs[@]}"; do
      [[ -n $parent ]] || continue
      searched+=("$parent/*")
      for dir in "$parent"/*/; do
        dir=${dir%/}
        [[ -d $dir ]] || continue
        _jdk_probe "$dir" || continue
        if [[ -z $best_ver ]] || _version_gt "$_jdk_ver" "$best_ver"; then
          best=$dir best_ver=$_jdk_ver
        fi
      done
    done
  fi

  if [[ -z $best ]]; then
    {
      printf 'error: LayoutLease needs a JDK %s or newer, and none was found.\n' "$min"
      printf 'Searched:\n'
      [[ -n ${JAVA_HOME:-} ]] || printf '  JAVA_HOME (not set)\n'
      command -v javac >/dev/null 2>&1 || printf '  javac on PATH (none)\n'
      printf '  %s\n' "${searched[@]}"
      printf 'Install one, for example:\n'
      printf '  apt-get install openjdk-%s-jdk      (Debian/Ubuntu releases that ship it)\n' "$min"
      printf '  Eclipse Temurin %s (https://adoptium.net; its Debian package installs under /usr/lib/jvm)\n' "$min"
      printf 'or point JAVA_HOME at an installed JDK %s+:  export JAVA_HOME=/path/to/jdk-%s\n' "$min" "$min"
    } >&2
    return 1
  fi

  JAVA_HOME=$best
  [[ $PATH == "$JAVA_HOME/bin:"* ]] || PATH=$JAVA_HOME/bin:$PATH
  # Maven 3.8's bundled Guava calls sun.misc.Unsafe memory methods, and
  # JDK 24+ prints a warning about it on every build unless allowed.
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access=allow "*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
  export JAVA_HOME PATH MAVEN_OPTS
  # shellcheck disable=SC2034 # read by callers (e.g. .ci/run)
  LAYOUTLEASE_JAVA_VERSION=$best_ver
}

require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    {
      printf 'error: Maven (mvn) is not on PATH; LayoutLease builds with Maven 3.8 or newer.\n'
      printf 'Install it, for example:  apt-get install maven\n'
      printf 'or from https://maven.apache.org/download.cgi, then put its bin/ on PATH.\n'
    } >&2
    return 1
  fi
}
