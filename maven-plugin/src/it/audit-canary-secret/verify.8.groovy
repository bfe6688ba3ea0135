// build 8: the hostile token realm got the escaped canary, quoted it back, and the log does not show it
def build = evaluate(new File(basedir, 'canary.groovy'))(basedir)
assert build.last.contains('BUILD FAILURE')
assert context.canaryEchoes[1].received.any { it.startsWith('escaped-user:') && it.endsWith('canary-2d8a41') }
// build 12 checks that the same registry gets nothing more when its realm is not listed
context.canaryEchoBearerSeen = context.canaryEchoes[1].received.size()
return true
