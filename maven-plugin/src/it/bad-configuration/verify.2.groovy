def last = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./)[-1]
def line = last.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert line != null
assert line.endsWith(": bad mapping 'docker.io': expected SOURCE=TARGET, e.g." +
    ' docker.io=harbor.example.com/dockerhub-proxy -> [Help 1]')
assert !last.contains('\tat ') && !last.contains('Caused by')
return true
