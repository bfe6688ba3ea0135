// build 7: the hostile registry got the canary, quoted it back, and the log does not show it
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('BUILD FAILURE')
assert build.last.contains('Basic ****')
assert context.canaryEchoes[0].received.any { it == 'canary-user:kfk-canary-7f3e9b1c' }
return true
