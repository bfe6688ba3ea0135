def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
def line = last.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert line != null
assert line.contains(':mirror-images ')
assert line.endsWith(': <jobs> must be at least 1, not 0 -> [Help 1]')
assert !last.contains('\tat ') && !last.contains('Caused by')
return true
