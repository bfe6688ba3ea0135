// build 1: the plain password: the audit passes
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('BUILD SUCCESS')
assert build.last.contains('as canary-user')
assert build.reports.size() == 5
return true
