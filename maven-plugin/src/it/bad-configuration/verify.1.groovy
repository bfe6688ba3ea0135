def log = new File(basedir, 'build.log').text
def line = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert line != null
assert line.endsWith(': Chart charts/missing not found (' +
    new File(basedir, 'charts/missing').canonicalPath + '); check <chart> -> [Help 1]')
// one line: no stack trace, no nested causes
assert !log.contains('\tat ') && !log.contains('Caused by')
return true
