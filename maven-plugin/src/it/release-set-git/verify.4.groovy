def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
def line = last.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert line != null
assert line.endsWith(': gitRef applies to the releases of discover; add -Dkatafraktos.discover=DIR' +
    ' (the repository checkout) -> [Help 1]')
assert !last.contains('\tat ') && !last.contains('Caused by')
return true
