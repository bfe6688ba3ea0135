// build 4: the canary as a wrong password: the token service refuses it
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('unauthorized')
assert build.last.contains('BUILD FAILURE')
assert build.reports.size() == 5
return true
