// build 6: Basic auth, the canary as a wrong password
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('unauthorized')
assert build.last.contains('BUILD FAILURE')
return true
