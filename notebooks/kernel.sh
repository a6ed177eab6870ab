#!/usr/bin/env bash
# Runs the Java kernel (the command line given as arguments, written into kernel.json by jupyter.sh) and
# keeps its own start-up log off the console: rapaio logs the whole connection file, HMAC key included,
# at INFO on every start. The kernel's java.util.logging records get a one-line header ("[kernel] LEVEL:
# message"); INFO, CONFIG and FINE records are dropped (with the JSON lines of the connection file that
# follow its record), everything else (WARNING, SEVERE, a crash's stack trace) passes to stderr.
#
# Two more start-up messages are dropped, as they come on every start and say nothing to act on:
# - "SEVERE: [ShellChannel]: Unhandled message: kernel_info_request": Jupyter asks for the kernel's info
#   before rapaio has registered its handlers; rapaio drops the request, Jupyter asks again and is answered.
# - "Parsing classpath: JAR" and "Add JAR to classpath" on standard output, two lines for each of the
#   ~420 jars of RJK_CLASSPATH. Other standard-output lines pass.
set -uo pipefail
filter() {
  awk '
    /^\[kernel\] SEVERE: \[ShellChannel\]: Unhandled message: kernel_info_request$/ { next }
    /^\[kernel\] / {
      keep = !($2 ~ /^(INFO|CONFIG|FINE|FINER|FINEST):$/)
      json = !keep && index($0, "{") > 0 && index($0, "}") == 0
      if (keep) print > "/dev/stderr"
      next
    }
    json { if ($0 ~ /^}/) json = 0; next }
    { print > "/dev/stderr" }
  '
}
quiet_classpath() {
  grep --line-buffered -v -E '^(Parsing classpath: .*|Add .* to classpath)$'
}
cmd=("$@")
# The format goes right after "java" so that it applies to the kernel JVM.
exec "${cmd[0]}" '-Djava.util.logging.SimpleFormatter.format=[kernel] %4$s: %5$s%6$s%n' "${cmd[@]:1}" \
  > >(quiet_classpath) 2> >(filter)
