// build 11: rewrite-values asks the hostile registry, which quotes the canary back
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('cannot pin')
assert context.canaryEchoes[0].received.count { it == 'canary-user:kfk-canary-7f3e9b1c' } > 1
return true
