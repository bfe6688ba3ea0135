// build 9: nothing listens
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('connection refused')
assert build.last.contains('BUILD FAILURE')
return true
