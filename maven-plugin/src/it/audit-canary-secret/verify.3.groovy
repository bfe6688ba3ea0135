// build 3: the password with escaped characters: the audit passes
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('BUILD SUCCESS')
assert build.last.contains('as escaped-user')
assert build.reports.size() == 5
return true
